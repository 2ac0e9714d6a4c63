// The analytics' input: a daily equity series (and optional exposure, turnover, trades, benchmark), validated.

import { err, ok } from '../model/result';
import type { Result } from '../model/result';
import { MS_PER_DAY } from './conventions';

/** One round-trip trade: only its realized P&L (account currency) enters the statistics. */
export interface RoundTrip {
  readonly pnl: number;
  readonly entryTime?: number;
  readonly exitTime?: number;
}

/** A dated level series: epoch-ms times, strictly increasing by UTC day, and positive values. */
export interface LevelSeries {
  readonly times: ArrayLike<number>;
  readonly values: ArrayLike<number>;
}

export interface PerformanceInput {
  /** Daily equity marked at the close. */
  readonly equity: LevelSeries;
  /** Round trips; when given, win rate and friends are on trade P&L. */
  readonly trades?: readonly RoundTrip[];
  /** Gross exposure / equity per equity point (same length as equity). */
  readonly exposure?: ArrayLike<number>;
  /** Traded notional / equity per equity point (same length as equity). */
  readonly turnover?: ArrayLike<number>;
  /** Benchmark levels (prices or equity), aligned to the equity by UTC date. */
  readonly benchmark?: LevelSeries;
}

export type InputSeriesName = 'equity.times' | 'equity.values' | 'exposure' | 'turnover' | 'trades.pnl' | 'benchmark.times' | 'benchmark.values';

export type AnalyticsInputError =
  | { readonly code: 'LENGTH_MISMATCH'; readonly series: InputSeriesName; readonly expected: number; readonly actual: number; readonly message: string }
  | { readonly code: 'NON_FINITE_VALUE'; readonly series: InputSeriesName; readonly index: number; readonly value: number; readonly message: string }
  | { readonly code: 'NON_POSITIVE_EQUITY'; readonly series: InputSeriesName; readonly index: number; readonly value: number; readonly message: string }
  | { readonly code: 'UNSORTED_TIMES'; readonly series: InputSeriesName; readonly index: number; readonly message: string }
  | { readonly code: 'BAD_OPTION'; readonly option: string; readonly value: number; readonly message: string };

/** A validated level series in typed arrays. */
export interface DailySeries {
  readonly times: Float64Array;
  readonly values: Float64Array;
}

/** The UTC day number of an epoch-ms time. */
export const utcDay = (t: number): number => Math.floor(t / MS_PER_DAY);

function checkFinite(xs: ArrayLike<number>, series: InputSeriesName): AnalyticsInputError | undefined {
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i]!;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      return { code: 'NON_FINITE_VALUE', series, index: i, value: v, message: `${series}[${i}] is ${String(v)}, not a finite number` };
    }
  }
  return undefined;
}

/** Validates a level series: equal lengths, finite, positive values, one point per UTC day in increasing order. */
export function validateLevels(s: LevelSeries, prefix: 'equity' | 'benchmark'): Result<DailySeries, AnalyticsInputError> {
  const tName: InputSeriesName = `${prefix}.times`;
  const vName: InputSeriesName = `${prefix}.values`;
  if (s.values.length !== s.times.length) {
    return err({ code: 'LENGTH_MISMATCH', series: vName, expected: s.times.length, actual: s.values.length, message: `${vName} has ${s.values.length} points but ${tName} has ${s.times.length}` });
  }
  const bad = checkFinite(s.times, tName) ?? checkFinite(s.values, vName);
  if (bad) return err(bad);
  for (let i = 0; i < s.values.length; i++) {
    const v = s.values[i]!;
    if (v <= 0) return err({ code: 'NON_POSITIVE_EQUITY', series: vName, index: i, value: v, message: `${vName}[${i}] is ${v}; levels must be positive` });
    if (i > 0 && utcDay(s.times[i]!) <= utcDay(s.times[i - 1]!)) {
      return err({ code: 'UNSORTED_TIMES', series: tName, index: i, message: `${tName}[${i}] (${new Date(s.times[i]!).toISOString()}) is not on a later UTC day than ${tName}[${i - 1}] (${new Date(s.times[i - 1]!).toISOString()})` });
    }
  }
  return ok({ times: Float64Array.from(s.times), values: Float64Array.from(s.values) });
}

/** Validates an optional per-point series (exposure, turnover): same length as the equity, finite. */
export function validatePerPoint(xs: ArrayLike<number> | undefined, n: number, series: 'exposure' | 'turnover'): Result<Float64Array | undefined, AnalyticsInputError> {
  if (xs === undefined) return ok(undefined);
  if (xs.length !== n) return err({ code: 'LENGTH_MISMATCH', series, expected: n, actual: xs.length, message: `${series} has ${xs.length} points but the equity has ${n}` });
  const bad = checkFinite(xs, series);
  return bad ? err(bad) : ok(Float64Array.from(xs));
}

/** Validates trade P&L: finite. */
export function validateTrades(trades: readonly RoundTrip[] | undefined): Result<Float64Array | undefined, AnalyticsInputError> {
  if (trades === undefined) return ok(undefined);
  const pnl = Float64Array.from(trades, (t) => t.pnl);
  const bad = checkFinite(
    trades.map((t) => t.pnl),
    'trades.pnl',
  );
  return bad ? err(bad) : ok(pnl);
}
