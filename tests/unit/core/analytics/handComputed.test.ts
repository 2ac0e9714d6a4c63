// A five-day equity series whose every metric is worked out by hand (arithmetic in the comments).
import { describe, expect, it } from 'vitest';
import { computePerformance, normalCdf } from '../../../../src/core/analytics';
import type { PerformanceReport } from '../../../../src/core/analytics';

// Jan 30, Jan 31, Feb 1, Feb 2, Feb 5 2024 (a weekend skipped). Returns 0.10, −0.10, 0, 0.20.
const times = ['2024-01-30', '2024-01-31', '2024-02-01', '2024-02-02', '2024-02-05'].map((d) => Date.parse(`${d}T21:00:00Z`));
const equity = [100, 110, 99, 99, 118.8];
// Benchmark returns 0.10, 0, −0.10, 0.10.
const benchmark = [50, 55, 55, 49.5, 54.45];

function report(options = {}): PerformanceReport {
  const r = computePerformance({ equity: { times, values: equity }, benchmark: { times, values: benchmark } }, { rollingWindow: 2, ...options });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('a five-day series computed by hand', () => {
  const m = report().metrics;

  it('returns, CAGR and volatility', () => {
    expect(m.points).toBe(5);
    expect(m.returns).toBe(4);
    expect(m.totalReturn).toBeCloseTo(0.188, 14);
    expect(m.cagr).toBeCloseTo(Math.pow(1.188, 252 / 4) - 1, 10);
    // mean 0.05; deviations ±0.05, ±0.15 → Σd² = 0.05, variance 0.05/3 (ddof 1); × 252 → 4.2
    expect(m.volatility).toBeCloseTo(Math.sqrt(4.2), 13);
  });

  it('Sharpe, Sortino, Calmar, Omega', () => {
    // 0.05 / √(1/60) × √252 = √15120 / 20
    expect(m.sharpe).toBeCloseTo(Math.sqrt(15120) / 20, 12);
    // downside deviation √(0.1² / 4) = 0.05 → 0.05 / 0.05 × √252
    expect(m.sortino).toBeCloseTo(Math.sqrt(252), 12);
    expect(m.calmar).toBeCloseTo((Math.pow(1.188, 63) - 1) / 0.1, 6);
    // (0.1 + 0.2) / 0.1
    expect(m.omega).toBeCloseTo(3, 14);
  });

  it('drawdown: peak Jan 31, trough Feb 1, recovered Feb 5 (5 calendar days, 3 points)', () => {
    const r = report();
    expect(Array.from(r.drawdown).map((x) => +x.toFixed(12))).toEqual([0, 0, -0.1, -0.1, 0]);
    expect(m.maxDrawdown).toBeCloseTo(-0.1, 14);
    expect(m.maxDrawdownDays).toBe(5);
    expect(m.longestDrawdownDays).toBe(5);
    // √((0.1² + 0.1²) / 5)
    expect(m.ulcerIndex).toBeCloseTo(Math.sqrt(0.004), 14);
    expect(r.worstDrawdowns).toHaveLength(1);
    const e = r.worstDrawdowns[0]!;
    expect([e.peakIndex, e.troughIndex, e.recoveryIndex, e.lengthPoints]).toEqual([1, 2, 4, 3]);
  });

  it('distribution: moments, VaR, CVaR, tail ratio', () => {
    // Σd³ = 0.05³ − 0.15³ − 0.05³ + 0.15³ = 0
    expect(m.skew).toBeCloseTo(0, 12);
    // Σd⁴ / (Σd²)² = 1.025e-3 / 0.0025 = 0.41; 30 × 0.41 − 13.5 = −1.2
    expect(m.kurtosis).toBeCloseTo(-1.2, 10);
    expect(m.bestDay).toBeCloseTo(0.2, 15);
    expect(m.worstDay).toBeCloseTo(-0.1, 15);
    // sorted −0.1, 0, 0.1, 0.2: 5% at h = 0.15 → −0.1 + 0.15 × 0.1; 95% at h = 2.85 → 0.1 + 0.85 × 0.1
    expect(m.valueAtRisk).toBeCloseTo(-0.085, 14);
    expect(m.conditionalValueAtRisk).toBeCloseTo(-0.1, 14);
    expect(m.tailRatio).toBeCloseTo(0.185 / 0.085, 12);
  });

  it('win/loss on daily returns (no trades given), exposure, turnover', () => {
    expect(m.winRate).toBeCloseTo(2 / 3, 14);
    expect(m.profitFactor).toBeCloseTo(3, 14);
    expect(m.averageWin).toBeCloseTo(0.15, 14);
    expect(m.averageLoss).toBeCloseTo(-0.1, 14);
    expect(m.payoffRatio).toBeCloseTo(1.5, 14);
    expect(m.exposure).toBe(0.75);
    expect(m.turnover).toBeNaN();
  });

  it('win/loss on trades when given', () => {
    const r = computePerformance({ equity: { times, values: equity }, trades: [{ pnl: 300 }, { pnl: -100 }, { pnl: 0 }, { pnl: -200 }, { pnl: 500 }] });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.winLoss.basis).toBe('trades');
    expect(r.value.metrics.winRate).toBe(0.5);
    expect(r.value.metrics.profitFactor).toBeCloseTo(800 / 300, 14);
    expect(r.value.metrics.averageWin).toBe(400);
    expect(r.value.metrics.averageLoss).toBe(-150);
    expect(r.value.metrics.payoffRatio).toBeCloseTo(400 / 150, 14);
  });

  it('probabilistic Sharpe: SR = 0.05/√(1/60), skew 0, kurtosis 1.8', () => {
    const sr = 0.05 / Math.sqrt(1 / 60);
    expect(m.probabilisticSharpe).toBeCloseTo(normalCdf((sr * Math.sqrt(3)) / Math.sqrt(1 + (0.8 / 4) * sr * sr)), 14);
    // z = 0.660979…, Φ(z) ≈ 0.745687 (scipy.stats.norm.cdf)
    expect(m.probabilisticSharpe).toBeCloseTo(0.745687, 6);
  });

  it('benchmark: beta 10/11, alpha 252 × 3/110, correlation, tracking error √2.31, IR', () => {
    const b = report().benchmark!;
    expect(b.commonPoints).toBe(5);
    expect(b.beta).toBeCloseTo(10 / 11, 14);
    expect(b.alpha).toBeCloseTo((252 * 3) / 110, 12);
    expect(b.correlation).toBeCloseTo(0.025 / Math.sqrt(0.05 * 0.0275), 13);
    expect(b.trackingError).toBeCloseTo(Math.sqrt(2.31), 13);
    expect(b.informationRatio).toBeCloseTo(6.3 / Math.sqrt(2.31), 12);
  });

  it('monthly and yearly tables compound within the calendar period', () => {
    const r = report();
    expect(r.monthly.map((p) => [p.year, p.month, +p.value.toFixed(12)])).toEqual([
      [2024, 1, 0.1],
      [2024, 2, 0.08],
    ]);
    expect(r.yearly.map((p) => [p.year, +p.value.toFixed(12)])).toEqual([[2024, 0.188]]);
  });

  it('rolling Sharpe and beta over 2 days', () => {
    const r = report();
    // windows (0.1, −0.1): mean 0 → 0; (−0.1, 0): −0.05/√0.005; (0, 0.2): 0.1/√0.02
    const expected = [NaN, 0, (-0.05 / Math.sqrt(0.005)) * Math.sqrt(252), (0.1 / Math.sqrt(0.02)) * Math.sqrt(252)];
    Array.from(r.rollingSharpe).forEach((v, i) => (Number.isNaN(expected[i]) ? expect(v).toBeNaN() : expect(v).toBeCloseTo(expected[i]!, 12)));
    // two points define the OLS line: strategy (0.1, −0.1) on benchmark (0.1, 0) → slope −0.2 / −0.1 = 2
    expect(r.benchmark!.rollingBeta[1]).toBeCloseTo(2, 12);
  });

  it('the risk-free rate is annual and enters daily as rf/252', () => {
    const m2 = report({ riskFreeRate: 0.252 }).metrics;
    // excess mean 0.05 − 0.001 = 0.049, same deviation
    expect(m2.sharpe).toBeCloseTo((0.049 / Math.sqrt(1 / 60)) * Math.sqrt(252), 12);
    expect(m2.totalReturn).toBeCloseTo(0.188, 14);
  });
});

describe('the normal CDF', () => {
  it('matches scipy.stats.norm.cdf: 1e-15 absolute, 1e-8 relative in the far tail', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 15);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(normalCdf(0.3)).toBeCloseTo(0.6179114221889526, 15);
    expect(Math.abs(normalCdf(-5) / 2.866515718791933e-7 - 1)).toBeLessThan(1e-9);
    expect(Math.abs(normalCdf(-8) / 6.22096057427174e-16 - 1)).toBeLessThan(1e-8);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
  });
});
