// Risk-adjusted return ratios on daily returns: Sharpe, Sortino, Calmar, Omega and the probabilistic Sharpe ratio.

import { PERIODS_PER_YEAR } from './conventions';
import { mean, normalCdf, safeRatio, sampleStd } from './descriptive';

/** Annualized volatility: sample std × √252. */
export function annualizedVolatility(returns: Float64Array, periodsPerYear = PERIODS_PER_YEAR): number {
  return sampleStd(returns) * Math.sqrt(periodsPerYear);
}

/**
 * A deviation this small is rounding noise of a constant return (a steady 1% a day computes to std ≈ 1e-18; a
 * flat account's returns to ≈ 1e-15): treated as zero volatility, so the ratio is NaN instead of 1e16 or a figure
 * made of noise. Below 1e-12 absolute, or 1e-12 × |mean| for a mean above one; no real daily series comes near it.
 */
const NOISE = 1e-12;

/** mean / deviation, NaN when the deviation is zero or rounding noise. */
export function meanOverDeviation(m: number, sd: number): number {
  return sd <= NOISE * Math.max(1, Math.abs(m)) ? NaN : safeRatio(m, sd);
}

/** Daily Sharpe ratio (not annualized) of excess returns; NaN with zero deviation or below two returns. */
export function dailySharpe(excess: Float64Array): number {
  return meanOverDeviation(mean(excess), sampleStd(excess));
}

/** Annualized Sharpe ratio of excess returns. */
export function sharpeRatio(excess: Float64Array, periodsPerYear = PERIODS_PER_YEAR): number {
  return dailySharpe(excess) * Math.sqrt(periodsPerYear);
}

/** Downside deviation sqrt(Σ min(x, 0)² / n) over all n excess returns (quantstats' definition). */
export function downsideDeviation(excess: Float64Array): number {
  const n = excess.length;
  if (n === 0) return NaN;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const x = excess[i]!;
    if (x < 0) s += x * x;
  }
  return Math.sqrt(s / n);
}

/** Annualized Sortino ratio: mean excess / downside deviation × √252; NaN with no losing day. */
export function sortinoRatio(excess: Float64Array, periodsPerYear = PERIODS_PER_YEAR): number {
  return safeRatio(mean(excess), downsideDeviation(excess)) * Math.sqrt(periodsPerYear);
}

/** CAGR / |max drawdown|; NaN without a drawdown. */
export function calmarRatio(cagr: number, maxDrawdown: number): number {
  return safeRatio(cagr, Math.abs(maxDrawdown));
}

/** Omega at a daily threshold (default 0): Σ max(r − τ, 0) / Σ max(τ − r, 0); NaN with no loss. */
export function omegaRatio(returns: Float64Array, threshold = 0): number {
  if (returns.length === 0) return NaN;
  let up = 0;
  let down = 0;
  for (let i = 0; i < returns.length; i++) {
    const d = returns[i]! - threshold;
    if (d > 0) up += d;
    else down -= d;
  }
  return safeRatio(up, down);
}

/**
 * Probabilistic Sharpe ratio (Bailey & López de Prado, 2012) against a benchmark Sharpe of `benchmarkSharpe`
 * (daily): Φ((SR − SR*)·√(n − 1) / √(1 − γ3·SR + (γ4 − 1)/4·SR²)), γ4 the non-excess kurtosis.
 */
export function probabilisticSharpe(dailySr: number, n: number, skew: number, kurtosis: number, benchmarkSharpe = 0): number {
  if (!Number.isFinite(dailySr) || !Number.isFinite(skew) || !Number.isFinite(kurtosis) || n < 2) return NaN;
  const v = 1 - skew * dailySr + ((kurtosis - 1) / 4) * dailySr * dailySr;
  if (!(v > 0)) return NaN;
  return normalCdf(((dailySr - benchmarkSharpe) * Math.sqrt(n - 1)) / Math.sqrt(v));
}
