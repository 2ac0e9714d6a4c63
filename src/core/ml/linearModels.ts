// Penalised linear models with an unpenalised intercept: ridge (closed form), lasso (coordinate descent) and
// L2 logistic regression (Newton), with scikit-learn's objectives so fits can be checked against it.
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { err, ok, type Result } from '../model/result';
import type { MlInputError } from './mlInputError';

/** n rows × p features, row-major. */
export interface Design {
  readonly x: Float64Array;
  readonly rows: number;
  readonly features: number;
}

export interface LinearFit {
  readonly intercept: number;
  readonly coefficients: Float64Array;
  readonly iterations: number;
}

/** The first problem with a design and its target; feature columns must vary (a constant one has no coefficient). */
export function checkDesign(design: Design, y: ArrayLike<number>, minimumRows = 2): MlInputError | undefined {
  const { x, rows: n, features: p } = design;
  if (!Number.isInteger(p) || p < 1 || x.length !== n * p || y.length !== n) {
    return { code: 'SHAPE_MISMATCH', message: `expected ${n} rows × ${p} features (${n * p} values) and ${n} targets, got ${x.length} values and ${y.length} targets` };
  }
  if (n < minimumRows) return { code: 'TOO_FEW_OBSERVATIONS', observations: n, minimum: minimumRows, message: `needs at least ${minimumRows} rows, got ${n}` };
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i]!)) return { code: 'NON_FINITE_VALUE', index: i, value: x[i]!, message: `row ${Math.floor(i / p)}, feature ${i % p} is ${x[i]}` };
  for (let i = 0; i < n; i++) if (!Number.isFinite(y[i]!)) return { code: 'NON_FINITE_VALUE', index: i, value: y[i]!, message: `target ${i} is ${y[i]}` };
  for (let j = 0; j < p; j++) {
    let constant = true;
    for (let i = 1; i < n && constant; i++) constant = x[i * p + j] === x[j];
    if (constant) return { code: 'CONSTANT_FEATURE', feature: j, message: `feature ${j} is constant (${x[j]}) over all ${n} rows` };
  }
  return undefined;
}

function centered(design: Design, y: ArrayLike<number>): { xc: Float64Array; yc: Float64Array; xMean: Float64Array; yMean: number } {
  const { x, rows: n, features: p } = design;
  const xMean = new Float64Array(p);
  let yMean = 0;
  for (let i = 0; i < n; i++) {
    yMean += y[i]!;
    for (let j = 0; j < p; j++) xMean[j] = xMean[j]! + x[i * p + j]!;
  }
  yMean /= n;
  for (let j = 0; j < p; j++) xMean[j] = xMean[j]! / n;
  const xc = new Float64Array(n * p);
  const yc = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    yc[i] = y[i]! - yMean;
    for (let j = 0; j < p; j++) xc[i * p + j] = x[i * p + j]! - xMean[j]!;
  }
  return { xc, yc, xMean, yMean };
}

/** Minimises ‖y − b − Xw‖² + alpha·‖w‖² (scikit-learn's `Ridge(alpha)`), by Cholesky on the centred normal equations. */
export function fitRidge(design: Design, y: ArrayLike<number>, alpha: number): Result<LinearFit, MlInputError> {
  if (!(alpha >= 0) || !Number.isFinite(alpha)) return err({ code: 'BAD_OPTION', option: 'alpha', message: `alpha must be a finite number ≥ 0, got ${alpha}` });
  const bad = checkDesign(design, y);
  if (bad) return err(bad);
  const { rows: n, features: p } = design;
  const { xc, yc, xMean, yMean } = centered(design, y);
  const gram = new Matrix(p, p);
  const rhs = new Matrix(p, 1);
  for (let a = 0; a < p; a++) {
    let r = 0;
    for (let i = 0; i < n; i++) r += xc[i * p + a]! * yc[i]!;
    rhs.set(a, 0, r);
    for (let b = a; b < p; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += xc[i * p + a]! * xc[i * p + b]!;
      gram.set(a, b, s + (a === b ? alpha : 0));
      gram.set(b, a, s + (a === b ? alpha : 0));
    }
  }
  const chol = new CholeskyDecomposition(gram);
  if (!chol.isPositiveDefinite()) return err({ code: 'NOT_CONVERGED', iterations: 0, message: 'the features are collinear: XᵀX + alpha·I is singular (raise alpha)' });
  const w = Float64Array.from(chol.solve(rhs).getColumn(0));
  return ok({ intercept: yMean - w.reduce((s, wj, j) => s + wj * xMean[j]!, 0), coefficients: w, iterations: 1 });
}

/**
 * Minimises (1 / 2n)·‖y − b − Xw‖² + alpha·‖w‖₁ (scikit-learn's `Lasso(alpha)`) by cyclic coordinate descent on
 * centred data, until no coefficient moves by more than `tolerance` × the largest coefficient in a sweep.
 */
export function fitLasso(design: Design, y: ArrayLike<number>, alpha: number, tolerance = 1e-12, maxSweeps = 100_000): Result<LinearFit, MlInputError> {
  if (!(alpha >= 0) || !Number.isFinite(alpha)) return err({ code: 'BAD_OPTION', option: 'alpha', message: `alpha must be a finite number ≥ 0, got ${alpha}` });
  const bad = checkDesign(design, y);
  if (bad) return err(bad);
  const { rows: n, features: p } = design;
  const { xc, yc, xMean, yMean } = centered(design, y);
  const norms = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) norms[j] = norms[j]! + xc[i * p + j]! ** 2;
  const w = new Float64Array(p);
  const residual = Float64Array.from(yc);
  for (let sweep = 1; sweep <= maxSweeps; sweep++) {
    let maxChange = 0;
    let maxW = 0;
    for (let j = 0; j < p; j++) {
      let rho = 0;
      for (let i = 0; i < n; i++) rho += xc[i * p + j]! * (residual[i]! + xc[i * p + j]! * w[j]!);
      const threshold = alpha * n;
      const next = Math.sign(rho) * Math.max(0, Math.abs(rho) - threshold) / norms[j]!;
      const delta = next - w[j]!;
      if (delta !== 0) {
        for (let i = 0; i < n; i++) residual[i] = residual[i]! - delta * xc[i * p + j]!;
        w[j] = next;
      }
      maxChange = Math.max(maxChange, Math.abs(delta));
      maxW = Math.max(maxW, Math.abs(next));
    }
    if (maxChange <= tolerance * Math.max(maxW, 1e-300) || maxW === 0) {
      return ok({ intercept: yMean - w.reduce((s, wj, j) => s + wj * xMean[j]!, 0), coefficients: w, iterations: sweep });
    }
  }
  return err({ code: 'NOT_CONVERGED', iterations: maxSweeps, message: `lasso coordinate descent did not converge in ${maxSweeps} sweeps` });
}
