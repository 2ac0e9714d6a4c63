// Gaussian HMM: recovers known states and parameters from seeded simulations, is reproducible from its seed,
// orders states calmest first, and refuses bad input with a coded error.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../src/core/model/clock';
import { expectedDurations, fitGaussianHmm, forwardBackward, simulateHmm, type GaussianHmmParameters } from '../../../../src/core/ml';

const argmaxAgreement = (probs: Float64Array, k: number, states: Uint8Array): number => {
  let hits = 0;
  for (let t = 0; t < states.length; t++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (probs[t * k + j]! > probs[t * k + best]!) best = j;
    if (best === states[t]) hits++;
  }
  return hits / states.length;
};

const agreement = (a: Uint8Array, b: Uint8Array): number => a.reduce((s, v, i) => s + (v === b[i] ? 1 : 0), 0) / a.length;

describe('Gaussian HMM recovers known regimes', () => {
  it('2 states (calm and turbulent), 3,000 days: parameters, the Viterbi path and the smoothed states', () => {
    const truth: GaussianHmmParameters = {
      states: 2,
      initial: Float64Array.from([0.5, 0.5]),
      transition: Float64Array.from([0.98, 0.02, 0.05, 0.95]),
      means: Float64Array.from([0.06, -0.15]),
      variances: Float64Array.from([0.5 ** 2, 2 ** 2]),
    };
    const sim = simulateHmm(truth, 3000, new SeededRandom(21));
    const fit = fitGaussianHmm(sim.x, { states: 2, random: new SeededRandom(1), starts: 5 });
    if (!fit.ok) throw new Error(fit.error.message);
    const m = fit.value;
    expect(m.converged).toBe(true);
    expect(Math.abs(Math.sqrt(m.variances[0]!) - 0.5)).toBeLessThan(0.05);
    expect(Math.abs(Math.sqrt(m.variances[1]!) - 2)).toBeLessThan(0.2);
    expect(Math.abs(m.transition[0]! - 0.98)).toBeLessThan(0.01);
    expect(Math.abs(m.transition[3]! - 0.95)).toBeLessThan(0.03);
    expect(Math.abs(m.means[0]! - 0.06)).toBeLessThan(0.05);
    expect(agreement(m.path, sim.states)).toBeGreaterThan(0.95);
    expect(argmaxAgreement(m.smoothed, 2, sim.states)).toBeGreaterThan(0.95);
    // Filtering sees less than smoothing, so it can only do as well or worse, but still well.
    expect(argmaxAgreement(m.filtered, 2, sim.states)).toBeGreaterThan(0.9);
    expect(m.logLikelihood).toBeGreaterThanOrEqual(forwardBackward(sim.x, truth).logLikelihood);
    expect(expectedDurations(m)[0]).toBeCloseTo(1 / (1 - m.transition[0]!), 12);
  });

  it('3 states with distinct means and variances, 4,000 days', () => {
    const truth: GaussianHmmParameters = {
      states: 3,
      initial: Float64Array.from([1, 0, 0]),
      transition: Float64Array.from([0.97, 0.02, 0.01, 0.03, 0.95, 0.02, 0.02, 0.04, 0.94]),
      means: Float64Array.from([0.1, -0.05, -1]),
      variances: Float64Array.from([0.3 ** 2, 1, 3 ** 2]),
    };
    const sim = simulateHmm(truth, 4000, new SeededRandom(8));
    const fit = fitGaussianHmm(sim.x, { states: 3, random: new SeededRandom(2), starts: 8 });
    if (!fit.ok) throw new Error(fit.error.message);
    const m = fit.value;
    for (let j = 0; j < 3; j++) expect(Math.abs(Math.sqrt(m.variances[j]!) / Math.sqrt(truth.variances[j]!) - 1), `state ${j} σ`).toBeLessThan(0.1);
    expect(agreement(m.path, sim.states)).toBeGreaterThan(0.9);
    for (let t = 0; t < sim.x.length; t += 997) expect(m.smoothed.slice(t * 3, t * 3 + 3).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  });

  it('the same seed gives the same fit; states come calmest first', () => {
    const sim = simulateHmm({ states: 2, initial: Float64Array.from([0, 1]), transition: Float64Array.from([0.9, 0.1, 0.1, 0.9]), means: Float64Array.from([0, 0]), variances: Float64Array.from([4, 1]) }, 600, new SeededRandom(4));
    const a = fitGaussianHmm(sim.x, { states: 2, random: new SeededRandom(9), starts: 4 });
    const b = fitGaussianHmm(sim.x, { states: 2, random: new SeededRandom(9), starts: 4 });
    if (!a.ok || !b.ok) throw new Error('fit failed');
    expect(Array.from(a.value.smoothed)).toEqual(Array.from(b.value.smoothed));
    expect(a.value.variances[0]).toBeLessThan(a.value.variances[1]!);
  });
});

describe('Gaussian HMM bad input', () => {
  const x = simulateHmm({ states: 2, initial: Float64Array.from([1, 0]), transition: Float64Array.from([0.9, 0.1, 0.1, 0.9]), means: Float64Array.from([0, 1]), variances: Float64Array.from([1, 2]) }, 300, new SeededRandom(1)).x;
  const random = new SeededRandom(1);
  it('states outside 2–4', () => {
    expect(fitGaussianHmm(x, { states: 5, random })).toMatchObject({ ok: false, error: { code: 'BAD_OPTION', option: 'states' } });
    expect(fitGaussianHmm(x, { states: 1, random })).toMatchObject({ ok: false, error: { code: 'BAD_OPTION', option: 'states' } });
  });
  it('too few observations for the states', () => {
    expect(fitGaussianHmm(x.slice(0, 149), { states: 3, random })).toMatchObject({ ok: false, error: { code: 'TOO_FEW_OBSERVATIONS', minimum: 150 } });
  });
  it('a non-finite observation, a constant series', () => {
    const bad = Float64Array.from(x);
    bad[17] = Infinity;
    expect(fitGaussianHmm(bad, { states: 2, random })).toMatchObject({ ok: false, error: { code: 'NON_FINITE_VALUE', index: 17 } });
    expect(fitGaussianHmm(new Float64Array(300), { states: 2, random })).toMatchObject({ ok: false, error: { code: 'CONSTANT_SERIES' } });
  });
});

describe('Gaussian HMM on real closes with repeated values', () => {
  it('no state collapses onto the zero returns of unchanged closes (DAX, 3 states)', () => {
    const closes = readFileSync(new URL('../../../fixtures/real/EuStockMarkets.csv', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => Number(l.split(',')[1]));
    const returns = closes.slice(1).map((c, i) => 100 * Math.log(c / closes[i]!));
    expect(returns.filter((r) => r === 0).length).toBeGreaterThan(50);
    const sampleSd = Math.sqrt(returns.reduce((s, r) => s + r * r, 0) / returns.length);
    const fit = fitGaussianHmm(returns, { states: 3, random: new SeededRandom(1) });
    if (!fit.ok) throw new Error(fit.error.message);
    expect(Math.sqrt(fit.value.variances[0]!)).toBeGreaterThan(0.3 * sampleSd);
  });
});
