// Risk parity (equal or budgeted risk contributions), long-only, by cyclical coordinate descent on the convex log-barrier form.
import { err, ok, type Result } from '../model/result';
import { invalidInput, type PortfolioError } from './errors';
import type { SquareMatrix } from './linalg';

export interface RiskParityOptions {
  /** Risk budgets b_i > 0 (normalized to sum 1); equal when omitted. */
  readonly budgets?: Float64Array;
  /** Stop when every |RC_i / σ − b_i| is below this (default 1e-10). */
  readonly tolerance?: number;
  readonly maxSweeps?: number;
}

/** A zero or non-finite variance makes every risk-based method undefined: named as SINGULAR_COVARIANCE. */
export function checkVariances(cov: SquareMatrix, symbols: readonly string[]): Result<void, PortfolioError> {
  for (let i = 0; i < cov.n; i++) {
    const v = cov.values[i * cov.n + i]!;
    if (!Number.isFinite(v)) return err(invalidInput(`covariance[${i}][${i}]`, `the variance of ${symbols[i]} must be finite`));
    if (!(v > 0)) return err({ code: 'SINGULAR_COVARIANCE', pivot: i, symbol: symbols[i] ?? `#${i}`, message: `${symbols[i]} has zero variance over the window (constant closes): its risk contribution is undefined` });
  }
  return ok(undefined);
}

/**
 * Solves min ½yᵀΣy − Σ b_i·ln y_i (Griveau-Billion, Richard & Roncalli, 2013): each coordinate step is the
 * exact minimizer, y_i = (−c_i + √(c_i² + 4σ_ii·b_i)) / 2σ_ii with c_i = Σ_{j≠i} σ_ij·y_j; then w = y / Σy.
 * At the optimum y_i·(Σy)_i = b_i, so the risk contributions are exactly proportional to the budgets.
 */
export function riskParity(cov: SquareMatrix, symbols: readonly string[], options: RiskParityOptions = {}): Result<Float64Array, PortfolioError> {
  const n = cov.n;
  const variances = checkVariances(cov, symbols);
  if (!variances.ok) return variances;
  const b = new Float64Array(n);
  if (options.budgets) {
    if (options.budgets.length !== n) return err(invalidInput('budgets', `${options.budgets.length} budgets for ${n} assets`));
    let s = 0;
    for (let i = 0; i < n; i++) {
      const v = options.budgets[i]!;
      if (!Number.isFinite(v) || v <= 0) return err(invalidInput(`budgets[${i}]`, `must be a finite number > 0, got ${v}`));
      s += v;
    }
    for (let i = 0; i < n; i++) b[i] = options.budgets[i]! / s;
  } else b.fill(1 / n);
  const S = cov.values;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = 1 / Math.sqrt(S[i * n + i]!);
  // Σy kept current as each coordinate moves.
  const sy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += S[i * n + j]! * y[j]!;
    sy[i] = s;
  }
  const tolerance = options.tolerance ?? 1e-10;
  const maxSweeps = options.maxSweeps ?? 10_000;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    for (let i = 0; i < n; i++) {
      const sii = S[i * n + i]!;
      const c = sy[i]! - sii * y[i]!;
      const next = (-c + Math.sqrt(c * c + 4 * sii * b[i]!)) / (2 * sii);
      const delta = next - y[i]!;
      if (delta !== 0) {
        const r = i * n;
        for (let j = 0; j < n; j++) sy[j]! += S[r + j]! * delta;
        y[i] = next;
      }
    }
    let variance = 0;
    for (let i = 0; i < n; i++) variance += y[i]! * sy[i]!;
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs((y[i]! * sy[i]!) / variance - b[i]!));
    if (worst < tolerance) break;
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += y[i]!;
  return ok(Float64Array.from(y, (v) => v / total));
}
