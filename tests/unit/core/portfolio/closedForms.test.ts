// Optimizers against closed forms: unconstrained minimum variance Σ⁻¹1/1ᵀΣ⁻¹1, two-asset cases, tangency, ERC and Black-Litterman identities.
import { describe, expect, it } from 'vitest';
import {
  blackLittermanReturns,
  efficientFrontier,
  cholesky,
  choleskySolve,
  invertSmall,
  maximumSharpe,
  meanReturns,
  meanVariance,
  minimumVariance,
  optimizePortfolio,
  portfolioRisk,
  riskParity,
  sampleCovariance,
  type SquareMatrix,
} from '../../../../src/core/portfolio';
import { EU_SYMBOLS, euStockPanel } from './euStocks';

const longShort = { longOnly: false } as const;
const panel = euStockPanel();
const cov = sampleCovariance(panel).matrix;
const mu = meanReturns(panel);
const symbols = [...EU_SYMBOLS];

function solve(a: SquareMatrix, b: Float64Array): Float64Array {
  const c = cholesky(a);
  if (!c.ok) throw new Error('not positive definite');
  return choleskySolve(c.factor, b);
}
const normalized = (x: Float64Array): Float64Array => {
  const s = x.reduce((a, b) => a + b, 0);
  return x.map((v) => v / s);
};
function expectVectorClose(ours: Float64Array, theirs: Float64Array, tol: number): void {
  expect(ours.length).toBe(theirs.length);
  for (let i = 0; i < ours.length; i++) expect(Math.abs(ours[i]! - theirs[i]!), `[${i}] ours ${ours[i]} expected ${theirs[i]}`).toBeLessThan(tol);
}
const two = (s1: number, s2: number, rho: number): SquareMatrix => ({ n: 2, values: Float64Array.of(s1 * s1, rho * s1 * s2, rho * s1 * s2, s2 * s2) });

describe('minimum variance', () => {
  it('long-short without bounds is Σ⁻¹1 / 1ᵀΣ⁻¹1 on the EuStockMarkets returns', () => {
    const w = minimumVariance(cov, symbols, longShort);
    if (!w.ok) throw new Error(w.error.message);
    expectVectorClose(w.value, normalized(solve(cov, new Float64Array(4).fill(1))), 1e-9);
  });

  it('two assets: w₁ = (σ₂² − σ₁₂) / (σ₁² + σ₂² − 2σ₁₂), including a short leg when ρ > σ₁/σ₂', () => {
    for (const [s1, s2, rho] of [[0.01, 0.02, 0.3], [0.01, 0.03, 0.9], [0.02, 0.015, -0.4]] as const) {
      const c = two(s1, s2, rho);
      const s12 = rho * s1 * s2;
      const w1 = (s2 * s2 - s12) / (s1 * s1 + s2 * s2 - 2 * s12);
      const w = minimumVariance(c, ['A', 'B'], longShort);
      if (!w.ok) throw new Error(w.error.message);
      expectVectorClose(w.value, Float64Array.of(w1, 1 - w1), 1e-10);
    }
  });

  it('long-only two assets where the unconstrained optimum shorts B: all in A', () => {
    const w = minimumVariance(two(0.01, 0.03, 0.9), ['A', 'B'], { longOnly: true });
    if (!w.ok) throw new Error(w.error.message);
    expectVectorClose(w.value, Float64Array.of(1, 0), 1e-10);
  });
});

describe('mean-variance and maximum Sharpe', () => {
  it('risk aversion without bounds: w = Σ⁻¹(μ − γ1)/λ with γ setting Σw = 1', () => {
    const lambda = 7;
    const a = solve(cov, mu);
    const b = solve(cov, new Float64Array(4).fill(1));
    const gamma = (a.reduce((x, y) => x + y, 0) - lambda) / b.reduce((x, y) => x + y, 0);
    const expected = a.map((v, i) => (v - gamma * b[i]!) / lambda);
    const w = meanVariance(cov, mu, symbols, longShort, { kind: 'riskAversion', lambda });
    if (!w.ok) throw new Error(w.error.message);
    expectVectorClose(w.value, expected, 1e-8);
  });

  it('a target return is met exactly, at the closed-form frontier weights', () => {
    const target = mu.reduce((x, y) => x + y, 0) / 4;
    const w = meanVariance(cov, mu, symbols, longShort, { kind: 'targetReturn', dailyReturn: target });
    if (!w.ok) throw new Error(w.error.message);
    // Frontier: w = Σ⁻¹[1 μ] A⁻¹ [1, target]ᵀ with A = [1 μ]ᵀΣ⁻¹[1 μ].
    const s1 = solve(cov, new Float64Array(4).fill(1));
    const sm = solve(cov, mu);
    const A = { n: 2, values: Float64Array.of(s1.reduce((x, y) => x + y, 0), sm.reduce((x, y) => x + y, 0), s1.reduce((x, y, i) => x + y * mu[i]!, 0), sm.reduce((x, y, i) => x + y * mu[i]!, 0)) };
    const Ai = invertSmall(A)!.values;
    const c1 = Ai[0]! * 1 + Ai[1]! * target;
    const c2 = Ai[2]! * 1 + Ai[3]! * target;
    expectVectorClose(w.value, s1.map((v, i) => c1 * v + c2 * sm[i]!), 1e-8);
    expect(w.value.reduce((x, y, i) => x + y * mu[i]!, 0)).toBeCloseTo(target, 12);
  });

  it('maximum Sharpe without bounds is the tangency portfolio Σ⁻¹(μ − r_f) normalized', () => {
    const rf = 0.0001;
    const w = maximumSharpe(cov, mu, symbols, longShort, rf);
    if (!w.ok) throw new Error(w.error.message);
    expectVectorClose(w.value, normalized(solve(cov, mu.map((m) => m - rf))), 1e-8);
  });

  it('two uncorrelated assets: tangency weights ∝ (μ_i − r_f)/σ_i²', () => {
    const c = two(0.01, 0.02, 0);
    const m = Float64Array.of(0.0004, 0.001);
    const w = maximumSharpe(c, m, ['A', 'B'], { longOnly: true }, 0);
    if (!w.ok) throw new Error(w.error.message);
    expectVectorClose(w.value, normalized(Float64Array.of(0.0004 / 1e-4, 0.001 / 4e-4)), 1e-10);
  });
});

describe('risk parity and risk contributions', () => {
  it('two assets: ERC weights are inverse volatility, whatever the correlation', () => {
    for (const rho of [-0.5, 0, 0.7]) {
      const w = riskParity(two(0.01, 0.03, rho), ['A', 'B']);
      if (!w.ok) throw new Error(w.error.message);
      expectVectorClose(w.value, Float64Array.of(0.75, 0.25), 1e-9);
    }
  });

  it('risk contributions of every method sum to the volatility; ERC contributions are equal', () => {
    for (const method of ['min-variance', 'mean-variance', 'max-sharpe', 'risk-parity', 'hrp', 'black-litterman'] as const) {
      const s = optimizePortfolio({ method, symbols, covariance: cov, expectedReturns: mu, constraints: { longOnly: true }, riskAversion: 3 });
      if (!s.ok) throw new Error(`${method}: ${s.error.message}`);
      expect(s.value.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(s.value.riskContributions.reduce((a, b) => a + b, 0)).toBeCloseTo(s.value.volatility, 12);
      const direct = Math.sqrt(252 * s.value.weights.reduce((acc, wi, i) => acc + wi * s.value.weights.reduce((a2, wj, j) => a2 + cov.values[i * 4 + j]! * wj, 0), 0));
      expect(s.value.volatility).toBeCloseTo(direct, 12);
      if (method === 'risk-parity') for (const rc of s.value.riskContributions) expect(rc).toBeCloseTo(s.value.volatility / 4, 10);
    }
  });
});

describe('Black-Litterman', () => {
  const wm = Float64Array.of(0.4, 0.2, 0.25, 0.15);

  it('without views the optimizer returns the market weights (π = δΣw_mkt inverts back)', () => {
    const s = optimizePortfolio({ method: 'black-litterman', symbols, covariance: cov, expectedReturns: mu, constraints: longShort, riskAversion: 2.5, blackLitterman: { marketWeights: wm, views: [] } });
    if (!s.ok) throw new Error(s.error.message);
    expectVectorClose(s.value.weights, wm, 1e-9);
  });

  it('the posterior equals the precision-weighted form [(τΣ)⁻¹ + PᵀΩ⁻¹P]⁻¹[(τΣ)⁻¹π + PᵀΩ⁻¹Q]', () => {
    const tau = 0.05;
    const views = [
      { assets: [{ index: 0, weight: 1 }], expectedReturn: 0.0008, variance: 2e-6 },
      { assets: [{ index: 2, weight: 1 }, { index: 3, weight: -1 }], expectedReturn: 0.0002 },
    ];
    const r = blackLittermanReturns({ covariance: cov, marketWeights: wm, riskAversion: 2.5, tau, views });
    if (!r.ok) throw new Error(r.error.message);
    const P = [Float64Array.of(1, 0, 0, 0), Float64Array.of(0, 0, 1, -1)];
    const quad = (p: Float64Array): number => p.reduce((acc, pi, i) => acc + pi * p.reduce((a2, pj, j) => a2 + cov.values[i * 4 + j]! * pj, 0), 0);
    const omega = [2e-6, tau * quad(P[1]!)];
    const tauSigmaInv = invertSmall({ n: 4, values: cov.values.map((v) => v * tau) })!.values;
    const precision = Float64Array.from(tauSigmaInv);
    for (let k = 0; k < 2; k++) for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) precision[i * 4 + j]! += (P[k]![i]! * P[k]![j]!) / omega[k]!;
    const rhs = new Float64Array(4);
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) rhs[i]! += tauSigmaInv[i * 4 + j]! * r.value.prior[j]!;
      for (let k = 0; k < 2; k++) rhs[i]! += (P[k]![i]! * views[k]!.expectedReturn) / omega[k]!;
    }
    const inv = invertSmall({ n: 4, values: precision })!;
    const expected = new Float64Array(4);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expected[i]! += inv.values[i * 4 + j]! * rhs[j]!;
    for (let i = 0; i < 4; i++) expect(Math.abs(r.value.posterior[i]! - expected[i]!) / Math.abs(expected[i]!)).toBeLessThan(1e-8);
    // The view on DAX pulls its return from the prior towards 0.0008.
    expect(r.value.posterior[0]!).toBeGreaterThan(r.value.prior[0]!);
  });
});

it('portfolioRisk annualizes with 252 days', () => {
  const r = portfolioRisk(Float64Array.of(1), { n: 1, values: Float64Array.of(1e-4) }, Float64Array.of(0.001));
  expect(r.volatility).toBeCloseTo(0.01 * Math.sqrt(252), 14);
  expect(r.expectedReturn).toBeCloseTo(0.252, 14);
});

it('the efficient frontier starts at minimum variance and rises in both return and volatility up to the best asset', () => {
  const f = efficientFrontier(cov, mu, symbols, { longOnly: true }, 12);
  if (!f.ok) throw new Error(f.error.message);
  const minVar = optimizePortfolio({ method: 'min-variance', symbols, covariance: cov, expectedReturns: mu, constraints: { longOnly: true } });
  if (!minVar.ok) throw new Error(minVar.error.message);
  expect(f.value).toHaveLength(12);
  expect(f.value[0]!.volatility).toBeCloseTo(minVar.value.volatility, 12);
  for (let k = 1; k < f.value.length; k++) {
    expect(f.value[k]!.expectedReturn).toBeGreaterThan(f.value[k - 1]!.expectedReturn);
    expect(f.value[k]!.volatility).toBeGreaterThan(f.value[k - 1]!.volatility);
  }
  expect(f.value[11]!.expectedReturn).toBeCloseTo(Math.max(...mu) * 252, 8);
});
