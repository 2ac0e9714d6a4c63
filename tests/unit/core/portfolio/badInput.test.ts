// Bad input: singular covariance, infeasible constraints and too little history are named errors, never weights.
import { describe, expect, it } from 'vitest';
import {
  maximumSharpe,
  meanReturns,
  optimizePortfolio,
  returnsPanel,
  sampleCovariance,
  type CloseSeries,
  type OptimizationRequest,
} from '../../../../src/core/portfolio';
import { euStockPanel, euStockSeries } from './euStocks';

const panel = euStockPanel(500);
const cov = sampleCovariance(panel).matrix;
const mu = meanReturns(panel);
const base: OptimizationRequest = { method: 'min-variance', symbols: panel.symbols, covariance: cov, expectedReturns: mu, constraints: { longOnly: true } };

describe('too little history', () => {
  it('names the symbol with too few closes and how many the window needs', () => {
    const series = euStockSeries().map((s) => (s.symbol === 'CAC' ? { ...s, time: s.time.slice(-300), close: s.close.slice(-300) } : s));
    const r = returnsPanel(series, 500);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: 'INSUFFICIENT_HISTORY', symbol: 'CAC', observations: 300, required: 501 });
    expect(r.error.message).toContain('CAC');
  });

  it('counts only the dates every symbol shares', () => {
    const [dax, smi] = euStockSeries();
    // DAX rows 0–999 and SMI rows 500–1859: each long enough alone for 900 days, sharing only 500 dates.
    const early: CloseSeries = { symbol: 'DAX', time: dax!.time.slice(0, 1000), close: dax!.close.slice(0, 1000) };
    const late: CloseSeries = { symbol: 'SMI', time: smi!.time.slice(500), close: smi!.close.slice(500) };
    expect(returnsPanel([early, late], 499).ok).toBe(true);
    const r = returnsPanel([early, late], 900);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'INSUFFICIENT_HISTORY', symbol: 'DAX', observations: 500, required: 901 });
  });

  it('aligned returns use the common dates only', () => {
    const series = euStockSeries();
    const dax = series[0]!;
    const cut: CloseSeries = { symbol: 'X', time: dax.time.filter((t) => t !== 1850), close: dax.close.filter((_, i) => dax.time[i] !== 1850) };
    const r = returnsPanel([dax, cut], 20);
    if (!r.ok) throw new Error(r.error.message);
    expect(Array.from(r.value.time)).not.toContain(1850);
    const row = Array.from(r.value.time).indexOf(1851);
    expect(r.value.values[row * 2]).toBeCloseTo(dax.close[1851]! / dax.close[1849]! - 1, 14);
  });

  it('a non-positive close is refused with its position', () => {
    const series = euStockSeries();
    const bad = Float64Array.from(series[2]!.close);
    bad[1700] = 0;
    const r = returnsPanel([series[0]!, { ...series[2]!, close: bad }], 100);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'INVALID_INPUT', path: 'CAC.close[1700]' });
  });
});

describe('singular covariance', () => {
  it('a duplicated series makes min-variance fail naming the duplicate', () => {
    const series = euStockSeries();
    const dup = [...series, { ...series[1]!, symbol: 'SMI2' }];
    const p = returnsPanel(dup, 500);
    if (!p.ok) throw new Error(p.error.message);
    const r = optimizePortfolio({ ...base, symbols: p.value.symbols, covariance: sampleCovariance(p.value).matrix, expectedReturns: meanReturns(p.value) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'SINGULAR_COVARIANCE', symbol: 'SMI2' });
  });

  it('fewer return days than assets is singular for the sample estimator', () => {
    const p = returnsPanel(euStockSeries(), 3);
    if (!p.ok) throw new Error(p.error.message);
    const r = optimizePortfolio({ ...base, covariance: sampleCovariance(p.value).matrix, expectedReturns: meanReturns(p.value) });
    expect(!r.ok && r.error.code).toBe('SINGULAR_COVARIANCE');
  });

  it('a constant series has zero variance for risk parity and HRP', () => {
    const series = euStockSeries();
    const flat = { ...series[3]!, close: new Float64Array(series[3]!.close.length).fill(100) };
    const p = returnsPanel([series[0]!, flat], 100);
    if (!p.ok) throw new Error(p.error.message);
    for (const method of ['risk-parity', 'hrp'] as const) {
      const r = optimizePortfolio({ ...base, method, symbols: p.value.symbols, covariance: sampleCovariance(p.value).matrix, expectedReturns: meanReturns(p.value) });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: 'SINGULAR_COVARIANCE', symbol: 'FTSE' });
    }
  });
});

describe('infeasible constraints', () => {
  it('a weight cap below 1/n names maxWeight', () => {
    const r = optimizePortfolio({ ...base, constraints: { longOnly: true, maxWeight: 0.2 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'INFEASIBLE_CONSTRAINTS', constraint: 'maxWeight' });
  });

  it('a long-only target return above every asset names the target', () => {
    const r = optimizePortfolio({ ...base, method: 'mean-variance', targetReturn: 5 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INFEASIBLE_CONSTRAINTS');
      expect(r.error.code === 'INFEASIBLE_CONSTRAINTS' && r.error.constraint).toContain('targetReturn');
    }
  });

  it('a sector cap that the other constraints cannot absorb is reported by the solver', () => {
    const r = optimizePortfolio({ ...base, constraints: { longOnly: true, maxWeight: 0.3, groups: [{ kind: 'sector', name: 'Europe', members: [0, 1, 2], max: 0.5 }] } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'INFEASIBLE_CONSTRAINTS' });
  });

  it('a turnover cap keeps the book within reach of the current weights', () => {
    const current = Float64Array.of(0.25, 0.25, 0.25, 0.25);
    const free = optimizePortfolio(base);
    const capped = optimizePortfolio({ ...base, constraints: { longOnly: true, turnover: { current, max: 0.1 } } });
    if (!free.ok || !capped.ok) throw new Error('expected weights');
    const turnover = (w: Float64Array): number => w.reduce((s, v, i) => s + Math.abs(v - current[i]!), 0);
    expect(turnover(free.value.weights)).toBeGreaterThan(0.1);
    expect(turnover(capped.value.weights)).toBeLessThanOrEqual(0.1 + 1e-9);
    expect(turnover(capped.value.weights)).toBeGreaterThan(0.1 - 1e-6);
  });

  it('gross leverage bounds Σ|w| of a long-short book', () => {
    const free = optimizePortfolio({ ...base, method: 'max-sharpe', constraints: { longOnly: false } });
    const capped = optimizePortfolio({ ...base, method: 'max-sharpe', constraints: { longOnly: false, grossLeverage: 1.5 } });
    if (!free.ok || !capped.ok) throw new Error('expected weights');
    const gross = (w: Float64Array): number => w.reduce((s, v) => s + Math.abs(v), 0);
    expect(gross(free.value.weights)).toBeGreaterThan(1.5);
    expect(gross(capped.value.weights)).toBeLessThanOrEqual(1.5 + 1e-8);
    expect(capped.value.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('bounds on risk parity or HRP are refused, not silently ignored', () => {
    const r = optimizePortfolio({ ...base, method: 'hrp', constraints: { longOnly: true, maxWeight: 0.4 } });
    expect(!r.ok && r.error.code).toBe('INVALID_INPUT');
  });

  it('maximum Sharpe with every expected return below the risk-free rate', () => {
    const r = maximumSharpe(cov, mu, panel.symbols, { longOnly: true }, 0.01);
    expect(!r.ok && r.error.code).toBe('NO_POSITIVE_EXCESS_RETURN');
  });
});
