// Statistics against a benchmark: alignment by UTC date, then OLS alpha and beta, correlation, tracking error, IR.

import { PERIODS_PER_YEAR } from './conventions';
import { mean, safeRatio, sampleCovariance, sampleStd, sampleVariance } from './descriptive';
import { excessReturns, simpleReturns } from './returns';
import { utcDay } from './series';
import type { DailySeries } from './series';

/** Strategy and benchmark levels on their common UTC dates. */
export interface AlignedPair {
  readonly times: Float64Array;
  readonly strategy: Float64Array;
  readonly benchmark: Float64Array;
}

/** Keeps the dates both series have (both are sorted by day, one point a day). */
export function alignByDate(strategy: DailySeries, benchmark: DailySeries): AlignedPair {
  const times: number[] = [];
  const s: number[] = [];
  const b: number[] = [];
  let j = 0;
  for (let i = 0; i < strategy.times.length; i++) {
    const day = utcDay(strategy.times[i]!);
    while (j < benchmark.times.length && utcDay(benchmark.times[j]!) < day) j++;
    if (j < benchmark.times.length && utcDay(benchmark.times[j]!) === day) {
      times.push(strategy.times[i]!);
      s.push(strategy.values[i]!);
      b.push(benchmark.values[j]!);
    }
  }
  return { times: Float64Array.from(times), strategy: Float64Array.from(s), benchmark: Float64Array.from(b) };
}

export interface BenchmarkStats {
  /** Common dates used (equity points). */
  readonly commonPoints: number;
  /** Annualized OLS intercept of daily excess returns on the benchmark's. */
  readonly alpha: number;
  readonly beta: number;
  readonly correlation: number;
  readonly trackingError: number;
  readonly informationRatio: number;
  /** The benchmark's own total return over the common dates. */
  readonly benchmarkTotalReturn: number;
}

export function benchmarkStats(pair: AlignedPair, rfDaily: number, periodsPerYear = PERIODS_PER_YEAR): BenchmarkStats {
  const rs = excessReturns(simpleReturns(pair.strategy), rfDaily);
  const rb = excessReturns(simpleReturns(pair.benchmark), rfDaily);
  const beta = safeRatio(sampleCovariance(rs, rb), sampleVariance(rb));
  const alphaDaily = mean(rs) - beta * mean(rb);
  const active = new Float64Array(rs.length);
  for (let i = 0; i < rs.length; i++) active[i] = rs[i]! - rb[i]!;
  const trackingError = sampleStd(active) * Math.sqrt(periodsPerYear);
  const n = pair.benchmark.length;
  return {
    commonPoints: n,
    alpha: alphaDaily * periodsPerYear,
    beta,
    correlation: safeRatio(sampleCovariance(rs, rb), sampleStd(rs) * sampleStd(rb)),
    trackingError,
    informationRatio: safeRatio(mean(active) * periodsPerYear, trackingError),
    benchmarkTotalReturn: n === 0 ? NaN : pair.benchmark[n - 1]! / pair.benchmark[0]! - 1,
  };
}
