// L2-penalised logistic regression for direction (up/down) prediction, with scikit-learn's objective.
import { Matrix, solve } from 'ml-matrix';
import { err, ok, type Result } from '../model/result';
import { checkDesign, type Design, type LinearFit } from './linearModels';
import type { MlInputError } from './mlInputError';

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/**
 * Minimises 0.5·‖w‖² + C·Σ log(1 + exp(−s_i·(b + x_i·w))), s_i = ±1 for labels 1/0, the intercept b unpenalised
 * (scikit-learn's `LogisticRegression(C)` with its default lbfgs solver), by Newton's method with step halving.
 */
export function fitLogistic(design: Design, labels: ArrayLike<number>, c: number, tolerance = 1e-10, maxIterations = 100): Result<LinearFit, MlInputError> {
  if (!(c > 0) || !Number.isFinite(c)) return err({ code: 'BAD_OPTION', option: 'C', message: `C must be a finite number > 0, got ${c}` });
  const bad = checkDesign(design, labels);
  if (bad) return err(bad);
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) return err({ code: 'BAD_OPTION', option: 'labels', message: `label ${i} is ${labels[i]}: labels must be 0 or 1` });
  }
  const { x, rows: n, features: p } = design;
  const d = p + 1; // [b, w]
  const theta = new Float64Array(d);
  const objective = (t: Float64Array): number => {
    let s = 0;
    for (let j = 1; j < d; j++) s += 0.5 * t[j]! ** 2;
    for (let i = 0; i < n; i++) {
      let z = t[0]!;
      for (let j = 0; j < p; j++) z += x[i * p + j]! * t[j + 1]!;
      const m = (labels[i] === 1 ? 1 : -1) * z;
      s += c * (m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m)));
    }
    return s;
  };
  let f = objective(theta);
  for (let iter = 1; iter <= maxIterations; iter++) {
    const grad = new Float64Array(d);
    const hess = new Matrix(d, d);
    for (let j = 1; j < d; j++) {
      grad[j] = theta[j]!;
      hess.set(j, j, 1);
    }
    const row = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      row[0] = 1;
      for (let j = 0; j < p; j++) row[j + 1] = x[i * p + j]!;
      let z = 0;
      for (let j = 0; j < d; j++) z += row[j]! * theta[j]!;
      const q = sigmoid(z);
      const g = c * (q - labels[i]!);
      const h = c * q * (1 - q);
      for (let a = 0; a < d; a++) {
        grad[a] = grad[a]! + g * row[a]!;
        for (let b = 0; b <= a; b++) hess.set(a, b, hess.get(a, b) + h * row[a]! * row[b]!);
      }
    }
    for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) hess.set(b, a, hess.get(a, b));
    if (grad.reduce((m, v) => Math.max(m, Math.abs(v)), 0) <= tolerance * Math.max(1, c * n)) return ok({ intercept: theta[0]!, coefficients: theta.slice(1), iterations: iter - 1 });
    const step = solve(hess, Matrix.columnVector(Array.from(grad))).getColumn(0);
    let scale = 1;
    for (let tries = 0; tries < 50; tries++, scale /= 2) {
      const next = Float64Array.from(theta, (v, j) => v - scale * step[j]!);
      const fNext = objective(next);
      if (fNext <= f) {
        theta.set(next);
        f = fNext;
        break;
      }
    }
  }
  return err({ code: 'NOT_CONVERGED', iterations: maxIterations, message: `logistic regression did not converge in ${maxIterations} Newton steps (separable classes? lower C)` });
}
