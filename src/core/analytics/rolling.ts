// Rolling Sharpe ratio and rolling beta over a trailing window of daily returns, exact per window.

import { PERIODS_PER_YEAR } from './conventions';
import { safeRatio } from './descriptive';
import { meanOverDeviation } from './ratios';

/**
 * Each window is summed afresh (two-pass, O(n·w)): a few thousand days by 126 is cheap, and sliding
 * sums would drift from the exact figures the parity test holds them to.
 */
export function rollingSharpe(excess: Float64Array, window: number, periodsPerYear = PERIODS_PER_YEAR): Float64Array {
  const n = excess.length;
  const out = new Float64Array(n).fill(NaN);
  const ann = Math.sqrt(periodsPerYear);
  for (let end = window - 1; end < n; end++) {
    const start = end - window + 1;
    let s = 0;
    for (let i = start; i <= end; i++) s += excess[i]!;
    const m = s / window;
    let v = 0;
    for (let i = start; i <= end; i++) {
      const d = excess[i]! - m;
      v += d * d;
    }
    out[end] = meanOverDeviation(m, Math.sqrt(v / (window - 1))) * ann;
  }
  return out;
}

/** cov(strategy, benchmark) / var(benchmark) over each trailing window; NaN until full. */
export function rollingBeta(strategy: Float64Array, benchmark: Float64Array, window: number): Float64Array {
  const n = strategy.length;
  const out = new Float64Array(n).fill(NaN);
  for (let end = window - 1; end < n; end++) {
    const start = end - window + 1;
    let ss = 0;
    let sb = 0;
    for (let i = start; i <= end; i++) {
      ss += strategy[i]!;
      sb += benchmark[i]!;
    }
    const ms = ss / window;
    const mb = sb / window;
    let cov = 0;
    let varB = 0;
    for (let i = start; i <= end; i++) {
      const db = benchmark[i]! - mb;
      cov += (strategy[i]! - ms) * db;
      varB += db * db;
    }
    out[end] = safeRatio(cov, varB);
  }
  return out;
}
