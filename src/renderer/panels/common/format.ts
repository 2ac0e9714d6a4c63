// Number formatting for every panel: prices at the instrument's tick, quantities, money, percentages, times.
import { decimalsOf } from '../../../core/model/instrument';
import { eventTime } from '../../state/timeZone';

const cache = new Map<string, Intl.NumberFormat>();
function formatter(min: number, max: number, signed = false): Intl.NumberFormat {
  const key = `${min}|${max}|${signed}`;
  let f = cache.get(key);
  if (!f) {
    // en-US so that tests and screenshots read the same on every machine; grouping helps read large sizes.
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: min, maximumFractionDigits: max, signDisplay: signed ? 'exceptZero' : 'auto' });
    cache.set(key, f);
  }
  return f;
}

const DASH = '—';
const ok = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** A price with as many decimals as the tick size has (at least 2, as traders read them). */
export function formatPrice(value: number | null | undefined, tickSize = 0.01): string {
  if (!ok(value)) return DASH;
  const d = Math.max(2, decimalsOf(tickSize));
  return formatter(d, d).format(value);
}

export function formatQuantity(value: number | null | undefined): string {
  if (!ok(value)) return DASH;
  return formatter(0, 8).format(value);
}

/** Money at the currency's minor unit; `signed` shows a + on gains (P&L columns). */
export function formatMoney(value: number | null | undefined, signed = false): string {
  if (!ok(value)) return DASH;
  return formatter(2, 2, signed).format(value);
}

export function formatPercent(value: number | null | undefined, decimals = 2): string {
  if (!ok(value)) return DASH;
  return `${formatter(decimals, decimals, true).format(value)}%`;
}

/** Volume in compact form: 1.2K, 3.4M — the exact figure is rarely what the eye needs in a watchlist. */
export function formatVolume(value: number | null | undefined): string {
  if (!ok(value)) return DASH;
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${formatter(1, 1).format(value / 1e9)}B`;
  if (abs >= 1e6) return `${formatter(1, 1).format(value / 1e6)}M`;
  if (abs >= 1e4) return `${formatter(1, 1).format(value / 1e3)}K`;
  return formatter(0, 0).format(value);
}

/** Change of `last` against `reference`, absolute and in percent; null when either is missing. */
export function change(last: number | null | undefined, reference: number | null | undefined): { abs: number; pct: number } | null {
  if (!ok(last) || !ok(reference) || reference === 0) return null;
  return { abs: last - reference, pct: ((last - reference) / reference) * 100 };
}

/** The class a signed figure is coloured with. */
export const signClass = (value: number | null | undefined): string => (!ok(value) || value === 0 ? 'flat' : value > 0 ? 'up' : 'down');

/** An event's time (hh:mm:ss.mmm) in the workspace's one time-zone setting (state/timeZone). */
export const formatTime = (epochMs: number): string => eventTime(epochMs);
