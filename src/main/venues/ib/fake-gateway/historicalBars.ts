// Owns synthetic historical bars: parsing IB duration/bar-size strings and generating deterministic OHLCV per bar time.
import { hashString } from './marketFeed';
import { roundToTick } from './instruments';
import type { InstrumentSpec } from './types';

export interface SyntheticBar {
  /** Bar start, epoch ms. */
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly wap: number;
  readonly count: number;
}

export const MAX_BARS_PER_REQUEST = 5000;

const BAR_UNITS: Record<string, number> = { sec: 1, secs: 1, min: 60, mins: 60, hour: 3600, hours: 3600, day: 86400, days: 86400, week: 604800, weeks: 604800, month: 2592000, months: 2592000 };
const DURATION_UNITS: Record<string, number> = { S: 1, D: 86400, W: 604800, M: 2592000, Y: 31536000 };

/** "5 mins" → 300; undefined for anything IB would not accept. */
export function parseBarSize(text: string): number | undefined {
  const m = /^\s*(\d+)\s+([a-z]+)\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = BAR_UNITS[(m[2] as string).toLowerCase()];
  const n = Number(m[1]);
  return unit === undefined || n <= 0 ? undefined : n * unit;
}

/** "2 D" → 172800 seconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d+)\s+([SDWMY])\s*$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  return n <= 0 ? undefined : n * (DURATION_UNITS[m[2] as string] as number);
}

/**
 * Bars covering `durationSec` up to `endMs`, aligned to the bar size. Each bar is a pure function of
 * (seed, symbol, bar start), so overlapping requests agree and reruns are identical.
 */
export function generateBars(instrument: InstrumentSpec, seed: number, endMs: number, durationSec: number, barSec: number): SyntheticBar[] {
  const barMs = barSec * 1000;
  const lastStart = Math.floor((endMs - 1) / barMs) * barMs;
  const count = Math.max(1, Math.floor(durationSec / barSec));
  const bars: SyntheticBar[] = [];
  for (let i = count - 1; i >= 0; i -= 1) bars.push(barAt(instrument, seed, lastStart - i * barMs, barMs));
  return bars;
}

function barAt(instrument: InstrumentSpec, seed: number, start: number, barMs: number): SyntheticBar {
  const tick = instrument.minTick;
  const open = priceAt(instrument, seed, start);
  const close = priceAt(instrument, seed, start + barMs);
  const noise = unit(seed, instrument.symbol, start, 1);
  const spread = Math.max(tick, instrument.basePrice * 0.002 * noise);
  const high = roundToTick(Math.max(open, close) + spread * unit(seed, instrument.symbol, start, 2), tick);
  const low = roundToTick(Math.min(open, close) - spread * unit(seed, instrument.symbol, start, 3), tick);
  const volume = 100 * (1 + Math.floor(unit(seed, instrument.symbol, start, 4) * 500));
  return {
    time: start,
    open,
    high,
    low,
    close,
    volume,
    wap: roundToTick((high + low + close) / 3, tick),
    count: Math.max(1, Math.floor(volume / 100)),
  };
}

/** A smooth, bounded path: slow and fast waves around the base price, plus a per-instant wobble. */
function priceAt(instrument: InstrumentSpec, seed: number, ms: number): number {
  const phase = (hashString(instrument.symbol) ^ seed) % 1000;
  const hours = ms / 3_600_000;
  const wave = 0.03 * Math.sin(hours / 37 + phase) + 0.01 * Math.sin(hours / 3.1 + phase * 2);
  const wobble = 0.002 * (unit(seed, instrument.symbol, ms, 5) - 0.5);
  return roundToTick(instrument.basePrice * (1 + wave + wobble), instrument.minTick);
}

/** Deterministic value in [0, 1) from (seed, symbol, time, salt). */
function unit(seed: number, symbol: string, ms: number, salt: number): number {
  let h = hashString(`${symbol}:${ms}:${salt}`) ^ seed;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}
