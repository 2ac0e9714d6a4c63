// Bad input is refused with a Result naming the series and index; degenerate series give documented NaNs, never Infinity.
import { describe, expect, it } from 'vitest';
import { computePerformance } from '../../../../src/core/analytics';
import type { PerformanceInput, PerformanceMetrics } from '../../../../src/core/analytics';

const DAY = 86_400_000;
const t0 = Date.UTC(2024, 0, 2);
const days = (n: number): number[] => Array.from({ length: n }, (_, i) => t0 + i * DAY);
const series = (values: number[]): PerformanceInput => ({ equity: { times: days(values.length), values } });

function errorOf(input: PerformanceInput, options = {}) {
  const r = computePerformance(input, options);
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

function metricsOf(input: PerformanceInput): PerformanceMetrics {
  const r = computePerformance(input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.metrics;
}

describe('invalid input names what is wrong and where', () => {
  it('a non-finite equity value', () => {
    expect(errorOf(series([100, 101, 102, NaN, 104]))).toMatchObject({ code: 'NON_FINITE_VALUE', series: 'equity.values', index: 3 });
    expect(errorOf(series([100, Infinity]))).toMatchObject({ code: 'NON_FINITE_VALUE', series: 'equity.values', index: 1 });
  });

  it('a zero or negative equity value', () => {
    const e = errorOf(series([100, 50, 0, 10]));
    expect(e).toMatchObject({ code: 'NON_POSITIVE_EQUITY', index: 2, value: 0 });
    expect(e.message).toContain('equity.values[2]');
    expect(errorOf(series([100, -1]))).toMatchObject({ code: 'NON_POSITIVE_EQUITY', index: 1 });
  });

  it('times out of order, or two points on one UTC day', () => {
    const times = days(4);
    [times[1], times[2]] = [times[2]!, times[1]!];
    expect(errorOf({ equity: { times, values: [1, 2, 3, 4] } })).toMatchObject({ code: 'UNSORTED_TIMES', series: 'equity.times', index: 2 });
    const sameDay = [t0, t0 + 3_600_000];
    expect(errorOf({ equity: { times: sameDay, values: [1, 2] } })).toMatchObject({ code: 'UNSORTED_TIMES', index: 1 });
    expect(errorOf({ equity: { times: [t0, NaN], values: [1, 2] } })).toMatchObject({ code: 'NON_FINITE_VALUE', series: 'equity.times', index: 1 });
  });

  it('lengths that do not match', () => {
    expect(errorOf({ equity: { times: days(3), values: [1, 2] } })).toMatchObject({ code: 'LENGTH_MISMATCH', expected: 3, actual: 2 });
    expect(errorOf({ ...series([1, 2, 3]), exposure: [1, 1] })).toMatchObject({ code: 'LENGTH_MISMATCH', series: 'exposure' });
    expect(errorOf({ ...series([1, 2, 3]), turnover: [0, NaN, 0] })).toMatchObject({ code: 'NON_FINITE_VALUE', series: 'turnover', index: 1 });
  });

  it('a trade without a finite P&L, a bad benchmark, bad options', () => {
    expect(errorOf({ ...series([1, 2]), trades: [{ pnl: 1 }, { pnl: NaN }] })).toMatchObject({ code: 'NON_FINITE_VALUE', series: 'trades.pnl', index: 1 });
    expect(errorOf({ ...series([1, 2]), benchmark: { times: days(2), values: [1, -2] } })).toMatchObject({ code: 'NON_POSITIVE_EQUITY', series: 'benchmark.values', index: 1 });
    expect(errorOf(series([1, 2]), { riskFreeRate: NaN })).toMatchObject({ code: 'BAD_OPTION', option: 'riskFreeRate' });
    expect(errorOf(series([1, 2]), { rollingWindow: 1 })).toMatchObject({ code: 'BAD_OPTION', option: 'rollingWindow' });
    expect(errorOf(series([1, 2]), { topDrawdowns: 1.5 })).toMatchObject({ code: 'BAD_OPTION', option: 'topDrawdowns' });
  });
});

const noInfinity = (m: PerformanceMetrics): void => {
  for (const [k, v] of Object.entries(m)) expect(Number.isFinite(v) || Number.isNaN(v), `${k} = ${v}`).toBe(true);
};

describe('degenerate series', () => {
  it('empty: every figure NaN, nothing thrown', () => {
    const m = metricsOf(series([]));
    expect(m.points).toBe(0);
    expect(m.totalReturn).toBeNaN();
    expect(m.maxDrawdown).toBeNaN();
    expect(m.sharpe).toBeNaN();
    noInfinity(m);
  });

  it('one point: total return and drawdown 0, the rest NaN', () => {
    const m = metricsOf(series([100]));
    expect([m.totalReturn, m.maxDrawdown, m.maxDrawdownDays]).toEqual([0, 0, 0]);
    for (const v of [m.cagr, m.volatility, m.sharpe, m.sortino, m.calmar, m.skew, m.kurtosis, m.valueAtRisk, m.probabilisticSharpe]) expect(v).toBeNaN();
    noInfinity(m);
  });

  it('flat equity: zero volatility gives NaN ratios, not Infinity', () => {
    const m = metricsOf(series([100, 100, 100, 100, 100]));
    expect(m.volatility).toBe(0);
    for (const v of [m.sharpe, m.sortino, m.calmar, m.omega, m.tailRatio, m.winRate, m.profitFactor, m.skew, m.kurtosis]) expect(v).toBeNaN();
    expect(m.exposure).toBe(0);
    noInfinity(m);
  });

  it('a steady 1% a day: rounding noise in the deviation is zero volatility (NaN Sharpe, not 1e16)', () => {
    const m = metricsOf(series(Array.from({ length: 30 }, (_, i) => 100 * 1.01 ** i)));
    expect(m.sharpe).toBeNaN();
    expect(m.sortino).toBeNaN(); // no losing day
    expect(m.omega).toBeNaN(); // no loss
    expect(m.calmar).toBeNaN(); // no drawdown
    expect(m.profitFactor).toBeNaN();
    expect(m.winRate).toBe(1);
    noInfinity(m);
  });

  it('an unrecovered drawdown runs to the last point', () => {
    const r = computePerformance(series([100, 120, 90, 95]));
    if (!r.ok) throw new Error(r.error.message);
    const e = r.value.worstDrawdowns[0]!;
    expect([e.peakIndex, e.troughIndex, e.recoveryIndex, e.recoveryTime, e.lengthDays]).toEqual([1, 2, null, null, 2]);
    expect(r.value.metrics.maxDrawdown).toBeCloseTo(-0.25, 15);
  });

  it('two equally deep drawdowns (−0.1% twice) tie on depth, so the earlier one gives the duration at any account scale', () => {
    // Found by the scale-invariance property: depths −0.001 and 0.999·1.000999/1.000999 − 1 differ by ulps, and the
    // ulps' sign flipped with the account's scale, so max drawdown duration was 3 days in dollars and 1 day in cents.
    const values = [1, 0.999, 0.999 * 1.001, 0.999 * 1.001 * 1.001, 0.999 * 1.001 * 1.001 * 0.999];
    for (const k of [1, 8.197038830962004, 100, 0.01]) {
      const r = computePerformance(series(values.map((v) => v * k)));
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.worstDrawdowns.map((e) => e.peakIndex), `scale ${k}`).toEqual([0, 3]);
      expect(r.value.metrics.maxDrawdownDays, `scale ${k}`).toBe(3);
    }
  });

  it('the benchmark is aligned on common UTC dates; missing days are skipped, not filled', () => {
    const t = days(5);
    const r = computePerformance({
      equity: { times: t, values: [100, 110, 99, 99, 118.8] },
      benchmark: { times: [t[0]!, t[1]!, t[3]! + 3_600_000, t[4]!], values: [50, 55, 49.5, 54.45] },
    });
    if (!r.ok) throw new Error(r.error.message);
    const b = r.value.benchmark!;
    expect(b.commonPoints).toBe(4);
    expect(Array.from(b.aligned.strategy)).toEqual([100, 110, 99, 118.8]);
    expect(Array.from(b.aligned.benchmark)).toEqual([50, 55, 49.5, 54.45]);
  });
});
