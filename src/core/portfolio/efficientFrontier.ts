// The efficient frontier: minimum-variance portfolios at evenly spaced target returns, from the minimum-variance point up.
import { ok, type Result } from '../model/result';
import type { WeightConstraints } from './constraints';
import type { PortfolioError } from './errors';
import type { SquareMatrix } from './linalg';
import { meanVariance, minimumVariance } from './meanVariance';
import { portfolioRisk, TRADING_DAYS_PER_YEAR } from './riskMeasures';

export interface FrontierPoint {
  /** Annualized. */
  readonly expectedReturn: number;
  readonly volatility: number;
  readonly weights: Float64Array;
}

/**
 * `points` portfolios from the minimum-variance return to the highest return the constraints allow
 * (the best single asset within the bounds, found as a target the QP can still meet).
 */
export function efficientFrontier(cov: SquareMatrix, dailyMu: Float64Array, symbols: readonly string[], constraints: WeightConstraints, points = 20): Result<FrontierPoint[], PortfolioError> {
  const start = minimumVariance(cov, symbols, constraints);
  if (!start.ok) return start;
  const first = portfolioRisk(start.value, cov, dailyMu);
  const lo = first.expectedReturn / TRADING_DAYS_PER_YEAR;
  // The largest attainable return: bisect between the minimum-variance return and the best asset's.
  let hi = Math.max(...dailyMu);
  if (!meanVariance(cov, dailyMu, symbols, constraints, { kind: 'targetReturn', dailyReturn: hi }).ok) {
    let feasible = lo;
    let infeasible = hi;
    for (let k = 0; k < 40; k++) {
      const mid = (feasible + infeasible) / 2;
      if (meanVariance(cov, dailyMu, symbols, constraints, { kind: 'targetReturn', dailyReturn: mid }).ok) feasible = mid;
      else infeasible = mid;
    }
    hi = feasible;
  }
  const out: FrontierPoint[] = [{ expectedReturn: first.expectedReturn, volatility: first.volatility, weights: start.value }];
  if (hi <= lo) return ok(out);
  for (let k = 1; k < points; k++) {
    const target = lo + ((hi - lo) * k) / (points - 1);
    const w = meanVariance(cov, dailyMu, symbols, constraints, { kind: 'targetReturn', dailyReturn: target });
    if (!w.ok) continue;
    const r = portfolioRisk(w.value, cov, dailyMu);
    out.push({ expectedReturn: r.expectedReturn, volatility: r.volatility, weights: w.value });
  }
  return ok(out);
}
