// GARCH(1,1) by maximum likelihood (constant mean; normal or Student-t errors) and its conditional σ forecasts.
import { err, ok, type Result } from '../model/result';
import { minimizeBfgs, polishNewton } from './bfgs';
import { garchNegLogLikelihood, type GarchDistribution } from './garchLikelihood';
import { checkSeries, type MlInputError } from './mlInputError';

export type { GarchDistribution } from './garchLikelihood';

/** Fewer returns than this leave the persistence (alpha + beta) unidentified in practice. */
export const GARCH_MIN_OBSERVATIONS = 100;

/** A fitted model: enough to forecast from the end of its sample without the data. Units are those of the input. */
export interface GarchModel {
  readonly distribution: GarchDistribution;
  readonly mu: number;
  readonly omega: number;
  readonly alpha: number;
  readonly beta: number;
  /** Degrees of freedom of the standardized t; absent for normal errors. */
  readonly nu?: number;
  /** The last residual r_T − mu and conditional variance h_T of the sample. */
  readonly lastResidual: number;
  readonly lastVariance: number;
}

export interface GarchFit extends GarchModel {
  /** The full log-likelihood, constants included (fGarch prints its negative as `fit@fit$llh`). */
  readonly logLikelihood: number;
  readonly persistence: number;
  readonly observations: number;
  readonly iterations: number;
  /** Conditional standard deviation sqrt(h_t) for every day of the sample. */
  readonly conditionalSd: Float64Array;
}

export interface GarchOptions {
  readonly distribution?: GarchDistribution;
  readonly maxIterations?: number;
}

// Box for the optimiser, in units of the standardized series (x / sd(x)), as fGarch's limits; nu in (2, 100].
const LOWER = { omega: 1e-6, alpha: 1e-8, beta: 1e-8, nu: 2 };
const UPPER = { omega: 100, alpha: 1 - 1e-8, beta: 1 - 1e-8, nu: 100 };
/** Largest gradient component of the mean negative log-likelihood (per observation, standardized units) accepted. */
const GRADIENT_TOLERANCE = 1e-9;
const SEARCH_TOLERANCE = 1e-6;

const logistic = (u: number, lo: number, hi: number): number => lo + (hi - lo) / (1 + Math.exp(-u));
const logit = (v: number, lo: number, hi: number): number => Math.log((v - lo) / (hi - v));

/** Fits by maximum likelihood. The optimiser works on x / sd(x) (as fGarch does) and reports in the input's units. */
export function fitGarch(returns: ArrayLike<number>, options: GarchOptions = {}): Result<GarchFit, MlInputError> {
  const distribution = options.distribution ?? 'normal';
  const bad = checkSeries(returns, GARCH_MIN_OBSERVATIONS, 'a GARCH(1,1) fit');
  if (bad) return err(bad);
  const n = returns.length;
  const x = Float64Array.from(returns);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i]! - mean) ** 2;
  const scale = Math.sqrt(ss / (n - 1));
  const scaled = x.map((v) => v / scale);
  const params = distribution === 't' ? 5 : 4;
  const bounds: Array<[number, number]> = [
    [-Infinity, Infinity],
    [LOWER.omega, UPPER.omega],
    [LOWER.alpha, UPPER.alpha],
    [LOWER.beta, UPPER.beta],
    [LOWER.nu, UPPER.nu],
  ];
  // fGarch's start: the sample mean, alpha 0.1, beta 0.8, omega matching the sample variance (1 here), nu 4.
  const start = [mean / scale, 0.1, 0.1, 0.8, 4];
  const toTheta = (u: Float64Array, theta: Float64Array, dTheta: Float64Array) => {
    for (let i = 0; i < params; i++) {
      const [lo, hi] = bounds[i]!;
      if (i === 0) {
        theta[0] = u[0]!;
        dTheta[0] = 1;
      } else {
        theta[i] = logistic(u[i]!, lo, hi);
        dTheta[i] = ((theta[i]! - lo) * (hi - theta[i]!)) / (hi - lo);
      }
    }
  };
  const theta = new Float64Array(params);
  const dTheta = new Float64Array(params);
  const gTheta = new Float64Array(params);
  const objective = (u: Float64Array, grad: Float64Array): number => {
    toTheta(u, theta, dTheta);
    const value = garchNegLogLikelihood(scaled, distribution, theta, gTheta);
    for (let i = 0; i < params; i++) grad[i] = (gTheta[i]! * dTheta[i]!) / n;
    return value / n;
  };
  const u0 = Float64Array.from(start.slice(0, params), (v, i) => (i === 0 ? v : logit(v, bounds[i]![0], bounds[i]![1])));
  const maxIterations = options.maxIterations ?? 500;
  // BFGS to a coarse gradient, then Newton on the gradient to the tight one (see polishNewton for why).
  const searched = minimizeBfgs(objective, u0, { gradientTolerance: SEARCH_TOLERANCE, maxIterations });
  const solved = searched.converged ? polishNewton(objective, searched, { gradientTolerance: GRADIENT_TOLERANCE, maxIterations }) : searched;
  if (!solved.converged || !Number.isFinite(solved.value)) {
    return err({ code: 'NOT_CONVERGED', iterations: solved.iterations, message: `the GARCH likelihood did not converge in ${solved.iterations} iterations (largest gradient ${Math.max(...solved.gradient.map(Math.abs)).toExponential(2)})` });
  }
  toTheta(solved.x, theta, dTheta);
  const fitted = Float64Array.from(theta);
  fitted[0] = theta[0]! * scale;
  fitted[1] = theta[1]! * scale * scale;
  const variances = new Float64Array(n);
  const negLogLik = garchNegLogLikelihood(x, distribution, fitted, undefined, variances);
  const model: GarchModel = {
    distribution,
    mu: fitted[0],
    omega: fitted[1],
    alpha: fitted[2]!,
    beta: fitted[3]!,
    ...(distribution === 't' ? { nu: fitted[4]! } : {}),
    lastResidual: x[n - 1]! - fitted[0],
    lastVariance: variances[n - 1]!,
  };
  return ok({
    ...model,
    logLikelihood: -negLogLik,
    persistence: model.alpha + model.beta,
    observations: n,
    iterations: solved.iterations,
    conditionalSd: variances.map(Math.sqrt),
  });
}

/**
 * Conditional standard deviations for horizons 1…h after the sample's last day: h_{T+1} = omega + alpha·e_T² +
 * beta·h_T, then h_{T+k} = omega + (alpha + beta)·h_{T+k−1} (fGarch's `predict(fit, n.ahead = h)$standardDeviation`).
 */
export function forecastGarchSd(model: GarchModel, horizon: number): Float64Array {
  const out = new Float64Array(horizon);
  let h = model.omega + model.alpha * model.lastResidual * model.lastResidual + model.beta * model.lastVariance;
  for (let k = 0; k < horizon; k++) {
    out[k] = Math.sqrt(h);
    h = model.omega + (model.alpha + model.beta) * h;
  }
  return out;
}

/** σ of the sum of the next `horizon` returns (h-day volatility): sqrt of the summed conditional variances. */
export function garchHorizonSd(model: GarchModel, horizon: number): number {
  return Math.sqrt(forecastGarchSd(model, horizon).reduce((s, sd) => s + sd * sd, 0));
}
