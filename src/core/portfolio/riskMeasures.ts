// Portfolio risk and return from weights: annualized (252 days) expected return, volatility and each asset's risk contribution.
import { dot, matVec, type SquareMatrix } from './linalg';

export const TRADING_DAYS_PER_YEAR = 252;

export interface PortfolioRisk {
  /** μᵀw × 252. */
  readonly expectedReturn: number;
  /** √(wᵀΣw × 252). */
  readonly volatility: number;
  /** w_i·(Σw)_i / √(wᵀΣw) × √252: each asset's share of the volatility; they sum to `volatility`. */
  readonly riskContributions: Float64Array;
}

/** Risk and return of weights `w` under daily covariance and daily expected returns. */
export function portfolioRisk(w: Float64Array, cov: SquareMatrix, dailyMu: Float64Array): PortfolioRisk {
  const sw = matVec(cov, w);
  const variance = Math.max(0, dot(w, sw));
  const sigma = Math.sqrt(variance);
  const annual = Math.sqrt(TRADING_DAYS_PER_YEAR);
  const riskContributions = new Float64Array(w.length);
  if (sigma > 0) for (let i = 0; i < w.length; i++) riskContributions[i] = ((w[i]! * sw[i]!) / sigma) * annual;
  return { expectedReturn: dot(dailyMu, w) * TRADING_DAYS_PER_YEAR, volatility: sigma * annual, riskContributions };
}
