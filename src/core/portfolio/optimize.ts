// One entry for every optimizer: method + covariance + expected returns + constraints → weights with their risk and return.
import { err, ok, type Result } from '../model/result';
import { blackLittermanReturns, type View } from './blackLitterman';
import { onlyLongOnly, type WeightConstraints } from './constraints';
import { invalidInput, type PortfolioError } from './errors';
import { hierarchicalRiskParity } from './hierarchicalRiskParity';
import type { SquareMatrix } from './linalg';
import { maximumSharpe, meanVariance, minimumVariance } from './meanVariance';
import type { OptimizationMethod } from './methods';
import { portfolioRisk, TRADING_DAYS_PER_YEAR, type PortfolioRisk } from './riskMeasures';
import { riskParity } from './riskParity';


export interface OptimizationRequest {
  readonly method: OptimizationMethod;
  readonly symbols: readonly string[];
  /** Daily covariance of simple returns. */
  readonly covariance: SquareMatrix;
  /** Daily expected returns (history, factors or model predictions). */
  readonly expectedReturns: Float64Array;
  readonly constraints: WeightConstraints;
  /** mean-variance and black-litterman: λ (default 1 for mean-variance, 2.5 for black-litterman). Ignored when targetReturn is set. */
  readonly riskAversion?: number;
  /** mean-variance: annual target return; the variance is minimized at exactly this return. */
  readonly targetReturn?: number;
  /** max-sharpe: annual risk-free rate (default 0). */
  readonly riskFreeRate?: number;
  /** black-litterman: market weights (default equal), τ and views (annual expected returns). */
  readonly blackLitterman?: { readonly marketWeights?: Float64Array; readonly tau?: number; readonly views: readonly View[] };
}

export interface PortfolioSolution extends PortfolioRisk {
  readonly method: OptimizationMethod;
  readonly symbols: readonly string[];
  readonly weights: Float64Array;
  /** The daily expected returns the risk and return figures use (the posterior for black-litterman). */
  readonly expectedReturns: Float64Array;
}

function unsupported(method: OptimizationMethod): PortfolioError {
  return invalidInput('constraints', `${method} weights come from the covariance alone and are long-only: bounds, sector caps, turnover and leverage apply to min-variance, mean-variance, max-sharpe and black-litterman`);
}

const annualToDaily = (v: number): number => v / TRADING_DAYS_PER_YEAR;

/** Runs the chosen optimizer; every failure is a PortfolioError naming its cause. */
export function optimizePortfolio(request: OptimizationRequest): Result<PortfolioSolution, PortfolioError> {
  const { method, symbols, covariance: cov, constraints } = request;
  const n = symbols.length;
  if (n === 0) return err(invalidInput('symbols', 'at least one symbol is required'));
  if (cov.n !== n) return err(invalidInput('covariance', `${cov.n}×${cov.n} for ${n} symbols`));
  if (request.expectedReturns.length !== n) return err(invalidInput('expectedReturns', `${request.expectedReturns.length} values for ${n} symbols`));
  let mu = request.expectedReturns;
  let weights: Result<Float64Array, PortfolioError>;
  switch (method) {
    case 'min-variance':
      weights = minimumVariance(cov, symbols, constraints);
      break;
    case 'mean-variance':
      weights =
        request.targetReturn !== undefined
          ? meanVariance(cov, mu, symbols, constraints, { kind: 'targetReturn', dailyReturn: annualToDaily(request.targetReturn) })
          : meanVariance(cov, mu, symbols, constraints, { kind: 'riskAversion', lambda: request.riskAversion ?? 1 });
      break;
    case 'max-sharpe':
      weights = maximumSharpe(cov, mu, symbols, constraints, annualToDaily(request.riskFreeRate ?? 0));
      break;
    case 'risk-parity':
      weights = constraints.longOnly && onlyLongOnly(constraints) ? riskParity(cov, symbols) : err(unsupported(method));
      break;
    case 'hrp': {
      const hrp = constraints.longOnly && onlyLongOnly(constraints) ? hierarchicalRiskParity(cov, symbols) : err(unsupported(method));
      weights = hrp.ok ? ok(hrp.value.weights) : hrp;
      break;
    }
    case 'black-litterman': {
      const bl = request.blackLitterman ?? { views: [] };
      const delta = request.riskAversion ?? 2.5;
      const posterior = blackLittermanReturns({
        covariance: cov,
        marketWeights: bl.marketWeights ?? new Float64Array(n).fill(1 / n),
        riskAversion: delta,
        tau: bl.tau,
        views: bl.views.map((v) => ({ ...v, expectedReturn: annualToDaily(v.expectedReturn) })),
      });
      if (!posterior.ok) return posterior;
      mu = posterior.value.posterior;
      weights = meanVariance(cov, mu, symbols, constraints, { kind: 'riskAversion', lambda: delta });
      break;
    }
    default: {
      const never: never = method;
      return err(invalidInput('method', `unknown method ${String(never)}`));
    }
  }
  if (!weights.ok) return weights;
  const w = weights.value;
  return ok({ method, symbols, weights: w, expectedReturns: mu, ...portfolioRisk(w, cov, mu) });
}
