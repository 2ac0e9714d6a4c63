// Black-Litterman: equilibrium returns implied by market weights, blended with the trader's views (He & Litterman's Ω by default).
import { err, ok, type Result } from '../model/result';
import { invalidInput, type PortfolioError } from './errors';
import { invertSmall, matVec, type SquareMatrix } from './linalg';

/** A view: Σ_k weight_k·μ_{asset_k} = expectedReturn (absolute with one asset at weight 1, relative with +1/−1). */
export interface View {
  readonly assets: readonly { readonly index: number; readonly weight: number }[];
  /** Daily expected return of the view portfolio. */
  readonly expectedReturn: number;
  /** The view's variance Ω_kk (daily²); when omitted, τ·pᵀΣp (He & Litterman, 1999). */
  readonly variance?: number;
}

export interface BlackLittermanInputs {
  readonly covariance: SquareMatrix;
  /** Market (or benchmark) weights the prior is implied from; they sum to 1. */
  readonly marketWeights: Float64Array;
  /** δ: the market's risk aversion, π = δ·Σ·w_mkt. */
  readonly riskAversion: number;
  /** τ: uncertainty of the prior relative to Σ (default 0.05). */
  readonly tau?: number;
  readonly views: readonly View[];
}

export interface BlackLittermanReturns {
  /** π, daily. */
  readonly prior: Float64Array;
  /** μ_BL = π + τΣPᵀ(PτΣPᵀ + Ω)⁻¹(Q − Pπ), daily. */
  readonly posterior: Float64Array;
}

export function blackLittermanReturns(input: BlackLittermanInputs): Result<BlackLittermanReturns, PortfolioError> {
  const { covariance: cov, marketWeights: wm, riskAversion: delta, views } = input;
  const n = cov.n;
  const tau = input.tau ?? 0.05;
  if (wm.length !== n) return err(invalidInput('marketWeights', `${wm.length} weights for ${n} assets`));
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(wm[i])) return err(invalidInput(`marketWeights[${i}]`, 'must be finite'));
    sum += wm[i]!;
  }
  if (Math.abs(sum - 1) > 1e-9) return err(invalidInput('marketWeights', `must sum to 1, got ${sum}`));
  if (!Number.isFinite(delta) || delta <= 0) return err(invalidInput('riskAversion', `must be a finite number > 0, got ${delta}`));
  if (!Number.isFinite(tau) || tau <= 0) return err(invalidInput('tau', `must be a finite number > 0, got ${tau}`));
  const prior = Float64Array.from(matVec(cov, wm), (v) => v * delta);
  const k = views.length;
  if (k === 0) return ok({ prior, posterior: Float64Array.from(prior) });
  // P as k dense rows; τΣPᵀ as n×k.
  const P: Float64Array[] = [];
  for (let v = 0; v < k; v++) {
    const view = views[v]!;
    if (!Number.isFinite(view.expectedReturn)) return err(invalidInput(`views[${v}].expectedReturn`, 'must be finite'));
    if (view.assets.length === 0) return err(invalidInput(`views[${v}].assets`, 'a view needs at least one asset'));
    const row = new Float64Array(n);
    for (const a of view.assets) {
      if (!Number.isInteger(a.index) || a.index < 0 || a.index >= n) return err(invalidInput(`views[${v}].assets`, `${a.index} is not an asset index`));
      if (!Number.isFinite(a.weight)) return err(invalidInput(`views[${v}].assets`, 'weights must be finite'));
      row[a.index]! += a.weight;
    }
    P.push(row);
  }
  const tauSigmaPt = P.map((p) => Float64Array.from(matVec(cov, p), (x) => x * tau));
  // M = PτΣPᵀ + Ω (k×k).
  const M = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += P[a]![i]! * tauSigmaPt[b]![i]!;
      M[a * k + b] = s;
    }
  }
  for (let a = 0; a < k; a++) {
    const omega = views[a]!.variance ?? M[a * k + a]!;
    if (!Number.isFinite(omega) || omega <= 0) return err(invalidInput(`views[${a}].variance`, `must be a finite number > 0, got ${omega}`));
    M[a * k + a]! += omega;
  }
  const Minv = invertSmall({ n: k, values: M });
  if (!Minv) return err(invalidInput('views', 'the views are linearly dependent with certain (zero-variance) confidence'));
  const gap = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    let pp = 0;
    for (let i = 0; i < n; i++) pp += P[a]![i]! * prior[i]!;
    gap[a] = views[a]!.expectedReturn - pp;
  }
  const coeff = new Float64Array(k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) coeff[a]! += Minv.values[a * k + b]! * gap[b]!;
  const posterior = Float64Array.from(prior);
  for (let a = 0; a < k; a++) for (let i = 0; i < n; i++) posterior[i]! += tauSigmaPt[a]![i]! * coeff[a]!;
  return ok({ prior, posterior });
}
