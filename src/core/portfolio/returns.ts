// Daily simple returns of a set of symbols over a window: closes aligned on common dates, validated, as a T×n panel.
import { err, ok, type Result } from '../model/result';
import { invalidInput, type PortfolioError } from './errors';

/** One symbol's daily closes, times strictly increasing (epoch ms or any increasing day key). */
export interface CloseSeries {
  readonly symbol: string;
  readonly time: Float64Array;
  readonly close: Float64Array;
}

/** Returns of n assets over T days, row-major (row t = day t, column j = asset j). */
export interface ReturnPanel {
  readonly symbols: readonly string[];
  /** Time of each return row (the later close of the pair). */
  readonly time: Float64Array;
  readonly observations: number;
  readonly values: Float64Array;
}

/** The column of asset j as its own array. */
export function panelColumn(panel: ReturnPanel, j: number): Float64Array {
  const n = panel.symbols.length;
  const out = new Float64Array(panel.observations);
  for (let t = 0; t < panel.observations; t++) out[t] = panel.values[t * n + j]!;
  return out;
}

/**
 * Simple returns r_t = c_t / c_{t-1} − 1 over the last `window` common dates (window + 1 closes).
 * A symbol with fewer than window + 1 closes, or too few dates shared with the others, is named in
 * INSUFFICIENT_HISTORY; a non-positive or non-finite close is INVALID_INPUT at its index.
 */
export function returnsPanel(series: readonly CloseSeries[], window: number): Result<ReturnPanel, PortfolioError> {
  if (!Number.isInteger(window) || window < 2) return err(invalidInput('window', `must be a whole number of days ≥ 2, got ${window}`));
  if (series.length === 0) return err(invalidInput('symbols', 'at least one symbol is required'));
  const seen = new Set<string>();
  for (const s of series) {
    if (seen.has(s.symbol)) return err(invalidInput('symbols', `${s.symbol} is listed twice`));
    seen.add(s.symbol);
    if (s.time.length !== s.close.length) return err(invalidInput(`${s.symbol}.close`, `${s.close.length} closes for ${s.time.length} times`));
    for (let i = 0; i < s.close.length; i++) {
      const c = s.close[i]!;
      if (!Number.isFinite(c) || c <= 0) return err(invalidInput(`${s.symbol}.close[${i}]`, `a close must be a positive finite number, got ${c}`));
      if (i > 0 && !(s.time[i]! > s.time[i - 1]!)) return err(invalidInput(`${s.symbol}.time[${i}]`, 'times must be strictly increasing'));
    }
  }
  const required = window + 1;
  const shortest = [...series].sort((a, b) => a.close.length - b.close.length)[0]!;
  if (shortest.close.length < required) {
    return err({ code: 'INSUFFICIENT_HISTORY', symbol: shortest.symbol, observations: shortest.close.length, required, message: `${shortest.symbol} has ${shortest.close.length} daily closes; a ${window}-day window needs ${required}` });
  }
  // Common dates: walk back from the end of every series together.
  const n = series.length;
  const cursor = series.map((s) => s.close.length - 1);
  const rows: number[][] = [];
  const times: number[] = [];
  // Each step: the earliest of the current dates is the latest any common date can be; step everyone down to it.
  while (rows.length < required && cursor.every((c) => c >= 0)) {
    let candidate = Infinity;
    for (let j = 0; j < n; j++) candidate = Math.min(candidate, series[j]!.time[cursor[j]!]!);
    let aligned = true;
    for (let j = 0; j < n; j++) {
      const s = series[j]!;
      while (cursor[j]! >= 0 && s.time[cursor[j]!]! > candidate) cursor[j]!--;
      if (cursor[j]! < 0 || s.time[cursor[j]!]! !== candidate) aligned = false;
    }
    if (aligned) {
      rows.push(series.map((s, j) => s.close[cursor[j]!]!));
      times.push(candidate);
      for (let j = 0; j < n; j++) cursor[j]!--;
    }
  }
  if (rows.length < required) {
    const worst = series.reduce((a, b) => (b.close.length < a.close.length ? b : a));
    return err({ code: 'INSUFFICIENT_HISTORY', symbol: worst.symbol, observations: rows.length, required, message: `the symbols share only ${rows.length} dates (${worst.symbol} has the fewest closes); a ${window}-day window needs ${required} common dates` });
  }
  rows.reverse();
  times.reverse();
  const values = new Float64Array(window * n);
  for (let t = 1; t < required; t++) for (let j = 0; j < n; j++) values[(t - 1) * n + j] = rows[t]![j]! / rows[t - 1]![j]! - 1;
  return ok({ symbols: series.map((s) => s.symbol), time: Float64Array.from(times.slice(1)), observations: window, values });
}
