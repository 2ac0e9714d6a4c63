// Daily closes of the book's symbols aligned on common dates, and the window of simple returns every VaR method reads.
import { err, ok, type Result } from '../model/result';
import type { RiskInputError } from './riskErrors';

/** One symbol's stored daily closes (and volumes), times ascending. */
export interface DailyCloses {
  readonly symbol: string;
  readonly time: Float64Array;
  readonly close: Float64Array;
  readonly volume?: Float64Array;
}

/** Closes on the dates every symbol has, symbol-major: `closes[i * days + t]`. */
export interface AlignedCloses {
  readonly symbols: readonly string[];
  readonly times: Float64Array;
  readonly days: number;
  readonly closes: Float64Array;
}

/** N simple daily returns per symbol, symbol-major: `returns[i * days + t]`; `times[t]` is the date of return t's close. */
export interface ReturnWindow {
  readonly symbols: readonly string[];
  readonly times: Float64Array;
  readonly days: number;
  readonly returns: Float64Array;
}

/** Dates present in both ascending arrays (a merge, no hashing). */
function intersectAscending(a: Float64Array, b: Float64Array): Float64Array {
  if (a === b) return a;
  const out = new Float64Array(Math.min(a.length, b.length));
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      out[k++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return k === out.length && k === a.length ? a : out.subarray(0, k);
}

/**
 * Aligns on the intersection of dates (times strictly ascending per symbol, as the store returns them);
 * a non-positive or non-finite close, or an out-of-order time, is an error naming the symbol and index.
 */
export function alignCloses(series: readonly DailyCloses[]): Result<AlignedCloses, RiskInputError> {
  for (const s of series) {
    for (let t = 0; t < s.close.length; t++) {
      const c = s.close[t]!;
      if (!(c > 0) || !Number.isFinite(c)) return err({ code: 'BAD_CLOSE', symbol: s.symbol, index: t, value: c });
      if (t > 0 && !(s.time[t]! > s.time[t - 1]!)) return err({ code: 'UNSORTED_TIMES', symbol: s.symbol, index: t });
    }
  }
  let times = series[0]?.time ?? new Float64Array(0);
  for (let i = 1; i < series.length; i++) times = intersectAscending(times, series[i]!.time);
  const days = times.length;
  const closes = new Float64Array(series.length * days);
  series.forEach((s, i) => {
    // Strictly ascending and a superset of `times`: the same length means the same dates.
    if (s.time.length === days) {
      closes.set(s.close.subarray(0, days), i * days);
      return;
    }
    let t = 0;
    for (let k = 0; k < s.time.length && t < days; k++) {
      if (s.time[k] === times[t]) closes[i * days + t++] = s.close[k]!;
    }
  });
  return ok({ symbols: series.map((s) => s.symbol), times: Float64Array.from(times), days, closes });
}

/** The last `window` returns of aligned closes; INSUFFICIENT_HISTORY names the symbol with the fewest closes. */
export function returnWindow(aligned: AlignedCloses, window: number, series?: readonly DailyCloses[]): Result<ReturnWindow, RiskInputError> {
  if (!Number.isInteger(window) || window < 2) return err({ code: 'BAD_OPTION', option: 'window', reason: `must be a whole number of days ≥ 2, got ${window}` });
  if (aligned.days < window + 1) {
    const shortest = series?.reduce((a, b) => (b.close.length < a.close.length ? b : a));
    return err({ code: 'INSUFFICIENT_HISTORY', symbol: shortest?.symbol ?? aligned.symbols.join(','), available: aligned.days, required: window + 1 });
  }
  const n = aligned.symbols.length;
  const start = aligned.days - window - 1;
  const returns = new Float64Array(n * window);
  for (let i = 0; i < n; i++) {
    const base = i * aligned.days + start;
    for (let t = 0; t < window; t++) returns[i * window + t] = aligned.closes[base + t + 1]! / aligned.closes[base + t]! - 1;
  }
  return ok({ symbols: aligned.symbols, times: aligned.times.slice(start + 1), days: window, returns });
}

/** Row `i` (one symbol's returns) as a view, no copy. */
export function returnsOf(w: ReturnWindow, i: number): Float64Array {
  return w.returns.subarray(i * w.days, (i + 1) * w.days);
}
