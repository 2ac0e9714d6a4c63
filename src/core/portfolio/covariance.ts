// Covariance estimators of daily simple returns: the sample covariance (N − 1) and Ledoit-Wolf shrinkage to a scaled identity.
import type { SquareMatrix } from './linalg';
import type { ReturnPanel } from './returns';

export type CovarianceMethod = 'sample' | 'ledoit-wolf';

export interface CovarianceEstimate {
  readonly method: CovarianceMethod;
  readonly matrix: SquareMatrix;
  /** Ledoit-Wolf shrinkage intensity δ in [0, 1] (0 for the sample estimator). */
  readonly shrinkage: number;
}

/** Per-asset mean of the panel (daily). */
export function meanReturns(panel: ReturnPanel): Float64Array {
  const n = panel.symbols.length;
  const T = panel.observations;
  const mu = new Float64Array(n);
  for (let t = 0; t < T; t++) for (let j = 0; j < n; j++) mu[j]! += panel.values[t * n + j]!;
  for (let j = 0; j < n; j++) mu[j]! /= T;
  return mu;
}

/** The demeaned panel, transposed to n rows of T (asset-major) so the inner products are contiguous. */
function centredByAsset(panel: ReturnPanel): Float64Array[] {
  const n = panel.symbols.length;
  const T = panel.observations;
  const mu = meanReturns(panel);
  const cols: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    const c = new Float64Array(T);
    for (let t = 0; t < T; t++) c[t] = panel.values[t * n + j]! - mu[j]!;
    cols.push(c);
  }
  return cols;
}

/** XᵀX / divisor over the centred columns, symmetric; four columns per pass so each a[t] is loaded once for four products. */
function scatter(cols: readonly Float64Array[], divisor: number): SquareMatrix {
  const n = cols.length;
  const out = new Float64Array(n * n);
  const put = (i: number, j: number, s: number) => {
    out[i * n + j] = s / divisor;
    out[j * n + i] = s / divisor;
  };
  for (let i = 0; i < n; i++) {
    const a = cols[i]!;
    const T = a.length;
    let j = i;
    for (; j + 3 < n; j += 4) {
      const b0 = cols[j]!;
      const b1 = cols[j + 1]!;
      const b2 = cols[j + 2]!;
      const b3 = cols[j + 3]!;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let t = 0; t < T; t++) {
        const x = a[t]!;
        s0 += x * b0[t]!;
        s1 += x * b1[t]!;
        s2 += x * b2[t]!;
        s3 += x * b3[t]!;
      }
      put(i, j, s0);
      put(i, j + 1, s1);
      put(i, j + 2, s2);
      put(i, j + 3, s3);
    }
    for (; j < n; j++) {
      const b = cols[j]!;
      let s = 0;
      for (let t = 0; t < T; t++) s += a[t]! * b[t]!;
      put(i, j, s);
    }
  }
  return { n, values: out };
}

/** Sample covariance with the N − 1 divisor (pandas' and numpy's default). */
export function sampleCovariance(panel: ReturnPanel): CovarianceEstimate {
  return { method: 'sample', matrix: scatter(centredByAsset(panel), panel.observations - 1), shrinkage: 0 };
}

/**
 * Ledoit & Wolf (2004) shrinkage towards μ·I, μ the mean variance — exactly scikit-learn's `LedoitWolf`:
 * the target and the shrunk matrix start from the maximum-likelihood covariance (divisor N, not N − 1),
 * Σ̂ = (1 − δ)·S + δ·μ·I with δ = min(β, γ) / γ.
 */
export function ledoitWolfCovariance(panel: ReturnPanel): CovarianceEstimate {
  const cols = centredByAsset(panel);
  const n = cols.length;
  const T = panel.observations;
  const S = scatter(cols, T);
  if (n === 1) return { method: 'ledoit-wolf', matrix: S, shrinkage: 0 };
  let trace = 0;
  for (let i = 0; i < n; i++) trace += S.values[i * n + i]!;
  const mu = trace / n;
  // β' = Σ_t (Σ_i x_ti²)² and δ' = ‖XᵀX‖²_F, as sklearn accumulates them.
  let betaSum = 0;
  for (let t = 0; t < T; t++) {
    let row = 0;
    for (let i = 0; i < n; i++) row += cols[i]![t]! * cols[i]![t]!;
    betaSum += row * row;
  }
  let frob = 0;
  for (let k = 0; k < n * n; k++) frob += S.values[k]! * S.values[k]!;
  const deltaSum = frob; // ‖XᵀX‖²_F / T²
  let beta = (betaSum / T - deltaSum) / (n * T);
  let delta = deltaSum - 2 * mu * trace + n * mu * mu;
  delta /= n;
  beta = Math.min(beta, delta);
  const shrinkage = beta === 0 ? 0 : beta / delta;
  const out = new Float64Array(n * n);
  for (let k = 0; k < n * n; k++) out[k] = (1 - shrinkage) * S.values[k]!;
  for (let i = 0; i < n; i++) out[i * n + i]! += shrinkage * mu;
  return { method: 'ledoit-wolf', matrix: { n, values: out }, shrinkage };
}

export function estimateCovariance(panel: ReturnPanel, method: CovarianceMethod): CovarianceEstimate {
  switch (method) {
    case 'sample':
      return sampleCovariance(panel);
    case 'ledoit-wolf':
      return ledoitWolfCovariance(panel);
    default: {
      const never: never = method;
      throw new Error(`unknown covariance method ${String(never)}`);
    }
  }
}
