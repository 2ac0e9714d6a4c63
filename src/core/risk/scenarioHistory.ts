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

/** Aligns on the intersection of dates; a non-positive or non-finite close is an error naming the symbol and index. */
export function alignCloses(series: readonly DailyCloses[]): Result<AlignedCloses, RiskInputError> {
  const count = new Map<number, number>();
  for (const s of series) {
    for (let t = 0; t < s.close.length; t++) {
      const c = s.close[t]!;
      if (!(c > 0) || !Number.isFinite(c)) return err({ code: 'BAD_CLOSE', symbol: s.symbol, index: t, value: c });
      const time = s.time[t]!;
      count.set(time, (count.get(time) ?? 0) + 1);
    }
  }
  const times = Float64Array.from([...count].filter(([, n]) => n === series.length).map(([time]) => time)).sort();
  const days = times.length;
  const closes = new Float64Array(series.length * days);
  series.forEach((s, i) => {
    let t = 0;
    for (let k = 0; k < s.time.length && t < days; k++) {
      if (s.time[k] === times[t]) closes[i * days + t++] = s.close[k]!;
    }
  });
  return ok({ symbols: series.map((s) => s.symbol), times, days, closes });
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
