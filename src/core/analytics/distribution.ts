// The distribution of daily returns: moments, best and worst day, historical VaR and CVaR, tail ratio, histogram.

import { VAR_CONFIDENCE } from './conventions';
import { excessKurtosis, quantileSorted, safeRatio, skewness, sortedCopy } from './descriptive';

export interface ReturnDistribution {
  readonly skew: number;
  /** Excess kurtosis, bias-corrected. */
  readonly kurtosis: number;
  readonly bestDay: number;
  readonly worstDay: number;
  /** 5% quantile of daily returns (a return; negative = loss). */
  readonly valueAtRisk: number;
  /** Mean of the daily returns at or below VaR. */
  readonly conditionalValueAtRisk: number;
  /** |95% quantile / 5% quantile|. */
  readonly tailRatio: number;
}

export function returnDistribution(returns: Float64Array, confidence = VAR_CONFIDENCE): ReturnDistribution {
  const sorted = sortedCopy(returns);
  const n = sorted.length;
  const lowQ = quantileSorted(sorted, 1 - confidence);
  const highQ = quantileSorted(sorted, confidence);
  let tailSum = 0;
  let tailCount = 0;
  for (let i = 0; i < n && sorted[i]! <= lowQ; i++) {
    tailSum += sorted[i]!;
    tailCount++;
  }
  return {
    skew: skewness(returns),
    kurtosis: excessKurtosis(returns),
    bestDay: n === 0 ? NaN : sorted[n - 1]!,
    worstDay: n === 0 ? NaN : sorted[0]!,
    valueAtRisk: lowQ,
    conditionalValueAtRisk: tailCount === 0 ? NaN : tailSum / tailCount,
    tailRatio: Math.abs(safeRatio(highQ, lowQ)),
  };
}

export interface Histogram {
  /** bins + 1 edges, ascending. */
  readonly edges: Float64Array;
  readonly counts: Uint32Array;
}

/** Equal-width histogram between the min and max; the last bin includes the max. */
export function histogram(x: Float64Array, bins: number): Histogram {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (x[i]! < lo) lo = x[i]!;
    if (x[i]! > hi) hi = x[i]!;
  }
  if (x.length === 0) return { edges: new Float64Array(0), counts: new Uint32Array(0) };
  if (hi === lo) {
    lo -= 0.5e-3;
    hi += 0.5e-3;
  }
  const width = (hi - lo) / bins;
  const edges = Float64Array.from({ length: bins + 1 }, (_, i) => lo + i * width);
  const counts = new Uint32Array(bins);
  for (let i = 0; i < x.length; i++) counts[Math.min(bins - 1, Math.floor((x[i]! - lo) / width))]!++;
  return { edges, counts };
}
