// GARCH(1,1): recovers known parameters from seeded simulations, the analytic gradient matches finite differences,
// forecasts follow the recursion, EWMA follows RiskMetrics, and bad input is refused with a coded error.
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../src/core/model/clock';
import { ewmaVolatility } from '../../../../src/core/ml/ewma';
import { fitGarch, forecastGarchSd, garchHorizonSd, GARCH_MIN_OBSERVATIONS } from '../../../../src/core/ml/garch';
import { garchNegLogLikelihood, type GarchDistribution } from '../../../../src/core/ml/garchLikelihood';
import { simulateGarch, type GarchProcess } from '../../../../src/core/ml/simulate';

const thetaOf = (p: GarchProcess): Float64Array => Float64Array.from([p.mu, p.omega, p.alpha, p.beta, ...(p.nu === undefined ? [] : [p.nu])]);

describe('GARCH(1,1) recovers known parameters', () => {
  const cases: Array<[string, GarchProcess, number]> = [
    ['normal errors', { distribution: 'normal', mu: 0.05, omega: 0.02, alpha: 0.08, beta: 0.9 }, 11],
    ['Student-t errors, nu = 6', { distribution: 't', mu: -0.02, omega: 0.05, alpha: 0.12, beta: 0.83, nu: 6 }, 12],
  ];
  for (const [name, truth, seed] of cases) {
    it(`${name}: 6,000 simulated days, within about three standard errors`, () => {
      const x = simulateGarch(truth, 6000, new SeededRandom(seed));
      const fit = fitGarch(x, { distribution: truth.distribution });
      if (!fit.ok) throw new Error(fit.error.message);
      const m = fit.value;
      expect(Math.abs(m.alpha - truth.alpha)).toBeLessThan(0.03);
      expect(Math.abs(m.beta - truth.beta)).toBeLessThan(0.04);
      expect(Math.abs(m.mu - truth.mu)).toBeLessThan(0.05);
      expect(Math.abs(m.omega / (1 - m.persistence) - truth.omega / (1 - truth.alpha - truth.beta)) / (truth.omega / (1 - truth.alpha - truth.beta))).toBeLessThan(0.25);
      if (truth.nu !== undefined) expect(Math.abs(m.nu! - truth.nu)).toBeLessThan(1.5);
      // The maximum is a maximum: the true parameters cannot fit the sample better.
      expect(m.logLikelihood).toBeGreaterThanOrEqual(-garchNegLogLikelihood(x, truth.distribution, thetaOf(truth)));
    });
  }
});

describe('GARCH likelihood gradient', () => {
  for (const dist of ['normal', 't'] as GarchDistribution[]) {
    it(`${dist}: analytic gradient equals central differences`, () => {
      const x = simulateGarch({ distribution: dist, mu: 0.01, omega: 0.03, alpha: 0.1, beta: 0.85, nu: 5 }, 800, new SeededRandom(3));
      const theta = Float64Array.from(dist === 't' ? [0.03, 0.04, 0.12, 0.8, 5.5] : [0.03, 0.04, 0.12, 0.8]);
      const grad = new Float64Array(theta.length);
      garchNegLogLikelihood(x, dist, theta, grad);
      for (let i = 0; i < theta.length; i++) {
        const step = 1e-6 * Math.max(1, Math.abs(theta[i]!));
        const up = Float64Array.from(theta);
        const down = Float64Array.from(theta);
        up[i] = theta[i]! + step;
        down[i] = theta[i]! - step;
        const numeric = (garchNegLogLikelihood(x, dist, up) - garchNegLogLikelihood(x, dist, down)) / (2 * step);
        expect(Math.abs(grad[i]! - numeric) / Math.max(1, Math.abs(numeric)), `parameter ${i}`).toBeLessThan(1e-5);
      }
    });
  }
});

describe('GARCH forecasts', () => {
  const model = { distribution: 'normal' as const, mu: 0, omega: 0.1, alpha: 0.1, beta: 0.8, lastResidual: 2, lastVariance: 1.5 };
  it('one day ahead from the last residual and variance, then towards the unconditional variance', () => {
    const sd = forecastGarchSd(model, 50);
    expect(sd[0]).toBeCloseTo(Math.sqrt(0.1 + 0.1 * 4 + 0.8 * 1.5), 14);
    expect(sd[1]).toBeCloseTo(Math.sqrt(0.1 + 0.9 * (0.1 + 0.1 * 4 + 0.8 * 1.5)), 14);
    expect(sd[49]).toBeCloseTo(Math.sqrt(0.1 / (1 - 0.9)), 2);
    expect(garchHorizonSd(model, 2) ** 2).toBeCloseTo(sd[0]! ** 2 + sd[1]! ** 2, 12);
  });
});

describe('EWMA (RiskMetrics, lambda 0.94)', () => {
  it('follows the recursion from the mean square of the first 20 days, and forecasts from the last return', () => {
    const r = Array.from({ length: 30 }, (_, i) => Math.sin(i + 1));
    const e = ewmaVolatility(r);
    if (!e.ok) throw new Error(e.error.message);
    let v = r.slice(0, 20).reduce((s, x) => s + x * x, 0) / 20;
    expect(e.value.conditionalSd[0]).toBeCloseTo(Math.sqrt(v), 15);
    for (let t = 1; t < 30; t++) {
      v = 0.94 * v + 0.06 * r[t - 1]! ** 2;
      expect(e.value.conditionalSd[t]).toBeCloseTo(Math.sqrt(v), 14);
    }
    expect(e.value.nextSd).toBeCloseTo(Math.sqrt(0.94 * v + 0.06 * r[29]! ** 2), 14);
  });
  it('refuses a lambda outside (0, 1)', () => {
    expect(ewmaVolatility([1, 2, 3], 1)).toMatchObject({ ok: false, error: { code: 'BAD_OPTION', option: 'lambda' } });
  });
});

describe('GARCH bad input', () => {
  const good = simulateGarch({ distribution: 'normal', mu: 0, omega: 0.02, alpha: 0.08, beta: 0.9 }, 300, new SeededRandom(5));
  it('too few observations', () => {
    expect(fitGarch(good.slice(0, GARCH_MIN_OBSERVATIONS - 1))).toMatchObject({ ok: false, error: { code: 'TOO_FEW_OBSERVATIONS', observations: GARCH_MIN_OBSERVATIONS - 1, minimum: GARCH_MIN_OBSERVATIONS } });
  });
  it('a non-finite return, named by its index', () => {
    const x = Float64Array.from(good);
    x[123] = Number.NaN;
    expect(fitGarch(x)).toMatchObject({ ok: false, error: { code: 'NON_FINITE_VALUE', index: 123 } });
  });
  it('a constant series', () => {
    expect(fitGarch(new Float64Array(200).fill(0.1))).toMatchObject({ ok: false, error: { code: 'CONSTANT_SERIES' } });
  });
  it('no convergence within the iteration budget is an error, not a model', () => {
    expect(fitGarch(good, { maxIterations: 2 })).toMatchObject({ ok: false, error: { code: 'NOT_CONVERGED', iterations: 2 } });
  });
});
