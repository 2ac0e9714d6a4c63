// The GARCH(1,1) negative log-likelihood with a constant mean, normal or standardized Student-t errors, and its
// analytic gradient; the variance recursion starts as fGarch's "mci" does.
import { digamma, logGamma } from './specialFunctions';

export type GarchDistribution = 'normal' | 't';

/** Parameter vector layout: [mu, omega, alpha, beta] for normal errors, plus nu (degrees of freedom) for t. */
export const GARCH_PARAMETERS = { normal: ['mu', 'omega', 'alpha', 'beta'], t: ['mu', 'omega', 'alpha', 'beta', 'nu'] } as const;

/**
 * −log L of returns `x` under r_t = mu + e_t, e_t = sqrt(h_t)·z_t, h_t = omega + alpha·e_{t−1}² + beta·h_{t−1}, with
 * every constant included (so it is fGarch's `fit@fit$llh`). The recursion starts at
 * h_1 = omega + (alpha + beta)·mean(e²) over the whole sample, fGarch's default `init.rec = "mci"`: the unconditional
 * variance the model implies when the sample's second moment is taken as its long-run level.
 * Writes the gradient into `grad` and the conditional variances into `variances` when given.
 * Returns Infinity when a variance is not positive (outside the model's domain).
 */
export function garchNegLogLikelihood(
  x: Float64Array,
  distribution: GarchDistribution,
  theta: Float64Array,
  grad?: Float64Array,
  variances?: Float64Array,
): number {
  const n = x.length;
  const mu = theta[0]!;
  const omega = theta[1]!;
  const alpha = theta[2]!;
  const beta = theta[3]!;
  const nu = distribution === 't' ? theta[4]! : 0;
  if (distribution === 't' && !(nu > 2)) return Infinity;
  let sumE = 0;
  let sumE2 = 0;
  for (let t = 0; t < n; t++) {
    const e = x[t]! - mu;
    sumE += e;
    sumE2 += e * e;
  }
  const m = sumE2 / n;
  let h = omega + (alpha + beta) * m;
  // dh/d(mu, omega, alpha, beta) carried along the recursion.
  let dhMu = (alpha + beta) * (-2 * sumE) / n;
  let dhOmega = 1;
  let dhAlpha = m;
  let dhBeta = m;
  let gMu = 0;
  let gOmega = 0;
  let gAlpha = 0;
  let gBeta = 0;
  let gNu = 0;
  const half1 = (nu + 1) / 2;
  const nuDigammas = distribution === 't' ? 0.5 * digamma(half1) - 0.5 * digamma(nu / 2) - 0.5 / (nu - 2) : 0;
  let sum = 0;
  for (let t = 0; t < n; t++) {
    if (t > 0) {
      const ePrev = x[t - 1]! - mu;
      const hPrev = h;
      h = omega + alpha * ePrev * ePrev + beta * hPrev;
      dhMu = -2 * alpha * ePrev + beta * dhMu;
      dhOmega = 1 + beta * dhOmega;
      dhAlpha = ePrev * ePrev + beta * dhAlpha;
      dhBeta = hPrev + beta * dhBeta;
    }
    if (!(h > 0) || !Number.isFinite(h)) return Infinity;
    if (variances) variances[t] = h;
    const e = x[t]! - mu;
    let dLdh: number;
    let dLde: number;
    if (distribution === 'normal') {
      sum += 0.5 * (Math.log(h) + (e * e) / h);
      dLdh = 0.5 * (1 / h - (e * e) / (h * h));
      dLde = e / h;
    } else {
      const q = (e * e) / ((nu - 2) * h);
      const lq = Math.log1p(q);
      sum += 0.5 * Math.log(h) + half1 * lq;
      const share = q / (1 + q);
      dLdh = (0.5 - half1 * share) / h;
      dLde = ((nu + 1) * e) / ((nu - 2) * h * (1 + q));
      gNu += 0.5 * lq - (half1 * share) / (nu - 2) - nuDigammas;
    }
    gMu += dLdh * dhMu - dLde;
    gOmega += dLdh * dhOmega;
    gAlpha += dLdh * dhAlpha;
    gBeta += dLdh * dhBeta;
  }
  const constant = distribution === 'normal' ? 0.5 * Math.log(2 * Math.PI) : logGamma(nu / 2) - logGamma(half1) + 0.5 * Math.log(Math.PI * (nu - 2));
  if (grad) {
    grad[0] = gMu;
    grad[1] = gOmega;
    grad[2] = gAlpha;
    grad[3] = gBeta;
    if (distribution === 't') grad[4] = gNu;
  }
  return sum + n * constant;
}
