// Monte Carlo VaR/ES: correlated zero-mean normal daily returns by Cholesky, from an injected seeded normal source.
import type { RandomSource } from '../model/clock';
import { ok, type Result } from '../model/result';
import { choleskyLower, sampleCovariance } from './cholesky';
import { returnMoments, volatilityScale, type VolatilityOverride } from './parametricVar';
import type { RiskInputError } from './riskErrors';
import type { ReturnWindow } from './scenarioHistory';
import { ascendingOrder, scenarioComponents, scenarioTail, type VarFigures } from './varFigures';

/** Fills `out` with standard normals from uniforms, Box–Muller using both the cosine and the sine of each pair. */
export function fillStandardNormals(out: Float64Array, random: RandomSource): void {
  const twoPi = 2 * Math.PI;
  for (let k = 0; k < out.length; k += 2) {
    let u = random.next();
    while (u === 0) u = random.next();
    const radius = Math.sqrt(-2 * Math.log(u));
    const angle = twoPi * random.next();
    out[k] = radius * Math.cos(angle);
    if (k + 1 < out.length) out[k + 1] = radius * Math.sin(angle);
  }
}

export interface MonteCarloOptions {
  readonly paths: number;
  /** Uniforms in [0, 1); `SeededRandom` (core/model/clock) makes a run reproducible from its seed. */
  readonly random: RandomSource;
  readonly volatilityOverride?: VolatilityOverride;
}

/**
 * Path k draws e_k ~ N(0, I) and returns r_k = L e_k. The book's P&L is w'L e_k = (L'w)'e_k, so
 * totals cost paths × n; the full return vector L e_k is formed only for the scenarios the
 * components need (the quantile's two and the ES tail).
 */
export function monteCarloVar(values: Float64Array, window: ReturnWindow, confidences: readonly number[], options: MonteCarloOptions): Result<VarFigures[], RiskInputError> {
  const n = values.length;
  const { mean, std } = returnMoments(window);
  const scaled = volatilityScale(window, std, options.volatilityOverride);
  if (!scaled.ok) return scaled;
  const L = choleskyLower(sampleCovariance(window.returns, n, window.days, mean, scaled.value), n);
  const v = new Float64Array(n); // L'w
  for (let i = 0; i < n; i++) {
    const w = values[i]!;
    if (w === 0) continue;
    for (let j = 0; j <= i; j++) v[j] = v[j]! + L[i * n + j]! * w;
  }
  const paths = options.paths;
  const draws = new Float64Array(paths * n);
  fillStandardNormals(draws, options.random);
  const pnl = new Float64Array(paths);
  for (let k = 0; k < paths; k++) {
    const base = k * n;
    let s = 0;
    for (let j = 0; j < n; j++) s += v[j]! * draws[base + j]!;
    pnl[k] = s;
  }
  const simulated = new Map<number, Float64Array>();
  const returnsOfPath = (k: number): Float64Array => {
    let r = simulated.get(k);
    if (r) return r;
    r = new Float64Array(n);
    const base = k * n;
    for (let i = 0; i < n; i++) {
      const row = i * n;
      let s = 0;
      for (let j = 0; j <= i; j++) s += L[row + j]! * draws[base + j]!;
      r[i] = s;
    }
    simulated.set(k, r);
    return r;
  };
  const order = ascendingOrder(pnl);
  return ok(confidences.map((c) => scenarioComponents('monteCarlo', c, values, scenarioTail(pnl, c, order), (i, k) => returnsOfPath(k)[i]!)));
}
