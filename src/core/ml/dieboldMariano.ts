// The Diebold-Mariano test of equal predictive accuracy on a series of loss differentials d_t = loss_A − loss_B:
// the mean of d over its Newey-West (Bartlett) standard error, two-sided p-value from the standard normal.
import { normalCdf } from '../analytics/descriptive';

export interface PairedLossTest {
  readonly test: 'diebold-mariano';
  /** Mean of d_t = loss_A − loss_B: positive when B's loss is lower (B forecasts better). */
  readonly meanDifference: number;
  /** meanDifference over its HAC standard error; NaN when d has no variance. */
  readonly statistic: number;
  /** Two-sided, from N(0, 1); NaN with the statistic. */
  readonly pValue: number;
  /** Bartlett-kernel lags in the long-run variance (h − 1 for h-step forecasts whose outcomes overlap). */
  readonly lags: number;
  readonly observations: number;
}

/**
 * Long-run variance γ0 + 2 Σ_{k=1..L} (1 − k/(L+1)) γk with γk = (1/T) Σ_t u_t u_{t−k}, u = d − mean(d) (no
 * small-sample correction): statsmodels' `OLS(d, 1).fit(cov_type='HAC', cov_kwds={'maxlags': L, 'use_correction': False})`.
 */
export function dieboldMariano(differences: Float64Array, lags: number): PairedLossTest {
  const n = differences.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += differences[i]!;
  mean /= n;
  const L = Math.max(0, Math.min(Math.floor(lags), n - 1));
  const gamma = (k: number) => {
    let s = 0;
    for (let t = k; t < n; t++) s += (differences[t]! - mean) * (differences[t - k]! - mean);
    return s / n;
  };
  let variance = gamma(0);
  for (let k = 1; k <= L; k++) variance += 2 * (1 - k / (L + 1)) * gamma(k);
  const se = Math.sqrt(variance / n);
  const statistic = se > 0 ? mean / se : NaN;
  return { test: 'diebold-mariano', meanDifference: mean, statistic, pValue: Number.isFinite(statistic) ? 2 * normalCdf(-Math.abs(statistic)) : NaN, lags: L, observations: n };
}
