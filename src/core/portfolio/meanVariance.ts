// The quadratic optimizers: minimum variance, mean-variance (risk aversion or target return) and maximum Sharpe, all by quadprog.
import { err, ok, type Result } from '../model/result';
import { constraintRows, validateConstraints, type WeightConstraints } from './constraints';
import { infeasible, invalidInput, type PortfolioError } from './errors';
import { cholesky, type SquareMatrix } from './linalg';
import { SCREENING_MIN_ASSETS, solveLongOnlyScreened } from './longOnlyScreening';
import { solveQuadraticProgram, type LinearRow, type QpFailure } from './qpSolver';

/** Ridge on the auxiliary |·| variables: keeps D positive definite, negligible against the scaled covariance (≈1 on the diagonal). */
const AUX_RIDGE = 1e-10;

export type MeanVarianceGoal = { readonly kind: 'riskAversion'; readonly lambda: number } | { readonly kind: 'targetReturn'; readonly dailyReturn: number };

/** SINGULAR_COVARIANCE naming the asset at the first failed Cholesky pivot, or nothing. */
export function checkCovariance(cov: SquareMatrix, symbols: readonly string[]): Result<void, PortfolioError> {
  if (cov.n !== symbols.length) return err(invalidInput('covariance', `${cov.n}×${cov.n} for ${symbols.length} symbols`));
  for (let k = 0; k < cov.values.length; k++) {
    if (!Number.isFinite(cov.values[k])) return err(invalidInput(`covariance[${Math.floor(k / cov.n)}][${k % cov.n}]`, 'must be finite'));
  }
  const chol = cholesky(cov);
  if (chol.ok) return ok(undefined);
  const symbol = symbols[chol.pivot] ?? `#${chol.pivot}`;
  return err({
    code: 'SINGULAR_COVARIANCE',
    pivot: chol.pivot,
    symbol,
    message: `the covariance matrix is singular at ${symbol}: its returns are constant or a combination of the assets before it (fewer return days than assets also does this; use a longer window or --covariance ledoit-wolf)`,
  });
}

function qpFailure(f: QpFailure, symbols: readonly string[]): PortfolioError {
  switch (f.kind) {
    case 'INCONSISTENT': {
      const named = f.active.filter((l) => l !== 'budget');
      const which = named.length ? named.join(', ') : 'budget';
      return infeasible(which, `no weights summing to 1 satisfy the constraints together (${which} bind) over ${symbols.length} assets`);
    }
    case 'NOT_POSITIVE_DEFINITE':
      return { code: 'SINGULAR_COVARIANCE', pivot: -1, symbol: '', message: 'the covariance matrix is not positive definite' };
    default: {
      const never: never = f;
      throw new Error(`unhandled QP failure ${JSON.stringify(never)}`);
    }
  }
}

function meanOfDiagonal(cov: SquareMatrix): number {
  let s = 0;
  for (let i = 0; i < cov.n; i++) s += cov.values[i * cov.n + i]!;
  return s / cov.n;
}

/** D over all variables: the (scaled) covariance in the weight block and a tiny ridge on the auxiliary ones. */
function objectiveMatrix(cov: SquareMatrix, variables: number, factor: number): Float64Array {
  const n = cov.n;
  const D = new Float64Array(variables * variables);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) D[i * variables + j] = cov.values[i * n + j]! * factor;
  for (let k = n; k < variables; k++) D[k * variables + k] = AUX_RIDGE;
  return D;
}

/** Long-only with at most upper bounds (no floors, groups, turnover or leverage) over a large universe. */
const screenable = (n: number, c: WeightConstraints): boolean =>
  n >= SCREENING_MIN_ASSETS && c.longOnly && c.minWeight === undefined && !c.groups?.length && !c.turnover && c.grossLeverage === undefined;

/** min ½·λ·wᵀΣw − μᵀw (μ may be zero) under the constraints plus any extra equality rows over w. */
function solveWeights(
  cov: SquareMatrix,
  symbols: readonly string[],
  constraints: WeightConstraints,
  lambda: number,
  mu: Float64Array | undefined,
  extra: (variables: number) => LinearRow[],
): Result<Float64Array, PortfolioError> {
  const n = cov.n;
  const valid = validateConstraints(n, constraints);
  if (!valid.ok) return valid;
  const singular = checkCovariance(cov, symbols);
  if (!singular.ok) return singular;
  const rows = constraintRows(n, constraints);
  const scale = 1 / meanOfDiagonal(cov);
  const d = new Float64Array(rows.variables);
  if (mu) for (let i = 0; i < n; i++) d[i] = mu[i]! * scale;
  if (screenable(n, constraints)) {
    const screened = solveLongOnlyScreened({
      cov,
      factor: lambda * scale,
      d,
      upper: (i) => (constraints.maxWeight === undefined ? undefined : typeof constraints.maxWeight === 'number' ? constraints.maxWeight : constraints.maxWeight[i]),
      equalities: [rows.budget, ...extra(rows.variables)],
    });
    if (screened) return screened.ok ? ok(screened.value) : err(qpFailure(screened.error, symbols));
  }
  const solved = solveQuadraticProgram({
    n: rows.variables,
    D: objectiveMatrix(cov, rows.variables, lambda * scale),
    d,
    equalities: [rows.budget, ...extra(rows.variables)],
    inequalities: rows.inequalities,
  });
  if (!solved.ok) return err(qpFailure(solved.error, symbols));
  return ok(solved.value.slice(0, n));
}

/** Minimum variance: min wᵀΣw, Σw = 1. Without bounds the optimum is Σ⁻¹1 / 1ᵀΣ⁻¹1. */
export function minimumVariance(cov: SquareMatrix, symbols: readonly string[], constraints: WeightConstraints): Result<Float64Array, PortfolioError> {
  return solveWeights(cov, symbols, constraints, 1, undefined, () => []);
}

/** Mean-variance: max μᵀw − ½λ·wᵀΣw, or min wᵀΣw at μᵀw = target (λ and target in the same period as μ and Σ). */
export function meanVariance(cov: SquareMatrix, mu: Float64Array, symbols: readonly string[], constraints: WeightConstraints, goal: MeanVarianceGoal): Result<Float64Array, PortfolioError> {
  if (mu.length !== cov.n) return err(invalidInput('expectedReturns', `${mu.length} expected returns for ${cov.n} assets`));
  for (let i = 0; i < mu.length; i++) if (!Number.isFinite(mu[i])) return err(invalidInput(`expectedReturns[${i}]`, 'must be finite'));
  switch (goal.kind) {
    case 'riskAversion':
      if (!Number.isFinite(goal.lambda) || goal.lambda <= 0) return err(invalidInput('riskAversion', `must be a finite number > 0, got ${goal.lambda}`));
      return solveWeights(cov, symbols, constraints, goal.lambda, mu, () => []);
    case 'targetReturn': {
      if (!Number.isFinite(goal.dailyReturn)) return err(invalidInput('targetReturn', 'must be finite'));
      const solved = solveWeights(cov, symbols, constraints, 1, undefined, (variables) => {
        const a = new Float64Array(variables);
        a.set(mu);
        return [{ a, b: goal.dailyReturn, label: 'targetReturn' }];
      });
      if (!solved.ok && solved.error.code === 'INFEASIBLE_CONSTRAINTS' && !solved.error.constraint.startsWith('targetReturn')) {
        return err(infeasible(`targetReturn, ${solved.error.constraint}`, `the target return cannot be reached under the constraints (${solved.error.constraint}); the assets' expected returns run from ${Math.min(...mu)} to ${Math.max(...mu)} a day`));
      }
      return solved;
    }
    default: {
      const never: never = goal;
      throw new Error(`unknown mean-variance goal ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Maximum Sharpe ratio (Cornuejols & Tütüncü): min yᵀΣy s.t. (μ − r_f)ᵀy = 1, every constraint a·w ≥ b made
 * homogeneous as a·y − b·(1ᵀy) ≥ 0, then w = y / 1ᵀy. Exact, one QP, no search over the frontier.
 */
export function maximumSharpe(cov: SquareMatrix, mu: Float64Array, symbols: readonly string[], constraints: WeightConstraints, dailyRiskFree: number): Result<Float64Array, PortfolioError> {
  const n = cov.n;
  if (mu.length !== n) return err(invalidInput('expectedReturns', `${mu.length} expected returns for ${n} assets`));
  if (!Number.isFinite(dailyRiskFree)) return err(invalidInput('riskFreeRate', 'must be finite'));
  const excess = Float64Array.from(mu, (m) => m - dailyRiskFree);
  if (excess.some((e) => !Number.isFinite(e))) return err(invalidInput('expectedReturns', 'must be finite'));
  if (Math.max(...excess) <= 0) {
    return err({ code: 'NO_POSITIVE_EXCESS_RETURN', riskFreeRate: dailyRiskFree * 252, message: `no asset's expected return is above the risk-free rate (${dailyRiskFree * 252} a year): the maximum Sharpe portfolio does not exist` });
  }
  const valid = validateConstraints(n, constraints);
  if (!valid.ok) return valid;
  const singular = checkCovariance(cov, symbols);
  if (!singular.ok) return singular;
  const rows = constraintRows(n, constraints);
  const homogeneous = rows.inequalities.map((r): LinearRow => {
    const a = Float64Array.from(r.a);
    for (let i = 0; i < n; i++) a[i]! -= r.b;
    return { a, b: 0, label: r.label };
  });
  const kappa = new Float64Array(rows.variables).fill(1, 0, n);
  homogeneous.push({ a: kappa, b: 0, label: 'budget' });
  const scale = 1 / meanOfDiagonal(cov);
  const sharpeRow = new Float64Array(rows.variables);
  // Scaling the excess returns keeps y near unit size; w = y / Σy is unchanged.
  const excessScale = 1 / Math.max(...excess.map(Math.abs));
  for (let i = 0; i < n; i++) sharpeRow[i] = excess[i]! * excessScale;
  const solved = solveQuadraticProgram({
    n: rows.variables,
    D: objectiveMatrix(cov, rows.variables, scale),
    d: new Float64Array(rows.variables),
    equalities: [{ a: sharpeRow, b: 1, label: 'excessReturn' }],
    inequalities: homogeneous,
  });
  if (!solved.ok) return err(qpFailure(solved.error, symbols));
  const y = solved.value;
  let total = 0;
  for (let i = 0; i < n; i++) total += y[i]!;
  if (!(total > 0)) return err(infeasible('excessReturn', 'no portfolio with a positive excess return satisfies the constraints'));
  return ok(Float64Array.from(y.subarray(0, n), (v) => v / total));
}
