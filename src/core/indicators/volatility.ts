// Volatility and bands (ATR, NATR, Bollinger, Keltner, Donchian): streaming classes and batch forms.

import { Ema } from './movingAverages';
import { RollingMoments } from './statistics';
import { trueRange } from './numeric';
import { RollingMax } from './window';

/**
 * ATR — Wilder: true range max(H−L, |H−C₋₁|, |L−C₋₁|) from the second bar, first ATR = mean of the
 * first `period` TRs, then ATR = (ATR·(period−1) + TR)/period (TA-Lib ATR, lookback period).
 */
export class Atr {
  private count = 0;
  private prevClose = NaN;
  private sum = 0;
  value = NaN;

  constructor(readonly period: number) {}

  update(high: number, low: number, close: number): number {
    const n = this.period;
    const pc = this.prevClose;
    this.prevClose = close;
    const t = this.count;
    if (t === 0) {
      this.count = 1;
      return NaN;
    }
    const tr = trueRange(high, low, pc);
    if (t > n) {
      let v = this.value * (n - 1);
      v += tr;
      v /= n;
      return (this.value = v);
    }
    this.count = t + 1;
    this.sum += tr;
    if (t < n) return NaN;
    return (this.value = this.sum / n);
  }
}

/** `out` (optional, reused by callers that run many batches) receives the values. */
export function atrBatch(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period: number,
  out = new Float64Array(close.length),
): Float64Array {
  const len = close.length;
  const n = period;
  const m = n - 1;
  const warm = Math.min(len, n);
  for (let i = 0; i < warm; i++) out[i] = NaN;
  if (len <= n) return out;
  let sum = 0;
  let pc = close[0]!;
  for (let i = 1; i <= n; i++) {
    const tr = trueRange(high[i]!, low[i]!, pc);
    sum += tr;
    pc = close[i]!;
  }
  let v = sum / n;
  out[n] = v;
  for (let i = n + 1; i < len; i++) {
    const tr = trueRange(high[i]!, low[i]!, pc);
    v *= m;
    v += tr;
    v /= n;
    out[i] = v;
    pc = close[i]!;
  }
  return out;
}

/** NATR — 100·ATR/close (TA-Lib NATR, lookback period); NaN when close is 0. */
export class Natr {
  private readonly atr: Atr;
  value = NaN;

  constructor(readonly period: number) {
    this.atr = new Atr(period);
  }

  update(high: number, low: number, close: number): number {
    const a = this.atr.update(high, low, close);
    if (a !== a) return NaN;
    return (this.value = close !== 0 ? (a / close) * 100.0 : NaN);
  }
}

export function natrBatch(high: Float64Array, low: Float64Array, close: Float64Array, period: number): Float64Array {
  const atr = atrBatch(high, low, close, period);
  for (let i = 0; i < atr.length; i++) {
    const a = atr[i]!;
    if (a === a) atr[i] = close[i] !== 0 ? (a / close[i]!) * 100.0 : NaN;
  }
  return atr;
}

/** %B when the bands have zero width (flat prices): the close sits at the middle, 0.5. */
export const PERCENT_B_FLAT = 0.5;

/**
 * Bollinger Bands — middle = SMA(period), bands = middle ± k·σ (population σ), %b = (close − lower)/(upper − lower),
 * width = (upper − lower)/middle (TA-Lib BBANDS with SMA and equal deviations; lookback period−1).
 */
export class Bollinger {
  private readonly moments: RollingMoments;
  middle = NaN;
  upper = NaN;
  lower = NaN;
  percentB = NaN;
  width = NaN;

  constructor(
    readonly period: number,
    readonly k: number,
  ) {
    this.moments = new RollingMoments(period);
  }

  /** Returns the middle band; the other outputs are updated alongside. */
  update(x: number): number {
    const mid = this.moments.update(x);
    if (mid !== mid) return NaN;
    const dev = Math.sqrt(this.moments.variance) * this.k;
    const upper = mid + dev;
    const lower = mid - dev;
    const range = upper - lower;
    this.middle = mid;
    this.upper = upper;
    this.lower = lower;
    this.percentB = range > 0 ? (x - lower) / range : PERCENT_B_FLAT;
    this.width = mid !== 0 ? range / mid : range === 0 ? 0 : NaN;
    return mid;
  }
}

export interface BollingerColumns {
  middle: Float64Array;
  upper: Float64Array;
  lower: Float64Array;
  percentB: Float64Array;
  width: Float64Array;
}

export function bollingerBatch(x: Float64Array, period: number, k: number): BollingerColumns {
  const len = x.length;
  const b = new Bollinger(period, k);
  const middle = new Float64Array(len);
  const upper = new Float64Array(len);
  const lower = new Float64Array(len);
  const percentB = new Float64Array(len);
  const width = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    const mid = b.update(x[i]!);
    if (mid !== mid) {
      middle[i] = upper[i] = lower[i] = percentB[i] = width[i] = NaN;
      continue;
    }
    middle[i] = mid;
    upper[i] = b.upper;
    lower[i] = b.lower;
    percentB[i] = b.percentB;
    width[i] = b.width;
  }
  return { middle, upper, lower, percentB, width };
}

/**
 * Keltner Channels — middle = EMA(close, period), bands = middle ± multiplier·ATR(atrPeriod)
 * (Raschke's modern form; EMA and ATR as TA-Lib computes them; lookback max(period−1, atrPeriod)).
 */
export class Keltner {
  private readonly ema: Ema;
  private readonly atr: Atr;
  middle = NaN;
  upper = NaN;
  lower = NaN;

  constructor(
    readonly period: number,
    readonly atrPeriod: number,
    readonly multiplier: number,
  ) {
    this.ema = new Ema(period);
    this.atr = new Atr(atrPeriod);
  }

  update(high: number, low: number, close: number): number {
    const mid = this.ema.update(close);
    const a = this.atr.update(high, low, close);
    if (mid !== mid || a !== a) return NaN;
    const off = this.multiplier * a;
    this.middle = mid;
    this.upper = mid + off;
    this.lower = mid - off;
    return mid;
  }
}

/** Donchian Channels — highest high and lowest low of the last `period` bars, middle = their mean (lookback period−1). */
export class Donchian {
  private readonly hh: RollingMax;
  private readonly ll: RollingMax;
  upper = NaN;
  lower = NaN;
  middle = NaN;

  constructor(readonly period: number) {
    this.hh = new RollingMax(period);
    this.ll = new RollingMax(period);
  }

  update(high: number, low: number): number {
    this.hh.push(high);
    this.ll.push(-low);
    if (this.hh.count < this.period) return NaN;
    const u = this.hh.value;
    const l = -this.ll.value;
    this.upper = u;
    this.lower = l;
    this.middle = (u + l) / 2.0;
    return this.middle;
  }
}
