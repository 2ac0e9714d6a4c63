// Percent log returns of closes, and the conversion of their σ to the σ of simple returns that parametric VaR takes.
import { describe, expect, it } from 'vitest';
import { percentLogReturns, simpleReturnSd } from '../../../../src/core/ml';

describe('percentLogReturns', () => {
  it('100·ln(c_t / c_{t−1})', () => {
    const r = percentLogReturns([100, 101, 99.5]);
    expect(r.ok && Array.from(r.value)).toEqual([100 * Math.log(1.01), 100 * Math.log(99.5 / 101)]);
  });
  it('refuses a non-positive or non-finite close, naming its index', () => {
    expect(percentLogReturns([1, 2, 0, 3])).toMatchObject({ ok: false, error: { code: 'NON_POSITIVE_PRICE', index: 2 } });
    expect(percentLogReturns([1, Number.NaN])).toMatchObject({ ok: false, error: { code: 'NON_FINITE_VALUE', index: 1 } });
  });
});

describe('simpleReturnSd', () => {
  /** σ of e^X − 1 for X ~ N(m, s²), by numerical integration over ±12 s (an independent route to the closed form). */
  function integrated(m: number, s: number): number {
    const steps = 200_000;
    const h = (24 * s) / steps;
    let e1 = 0;
    let e2 = 0;
    for (let i = 0; i <= steps; i++) {
      const x = m - 12 * s + i * h;
      const w = ((i === 0 || i === steps ? 0.5 : 1) * h * Math.exp(-0.5 * ((x - m) / s) ** 2)) / (s * Math.sqrt(2 * Math.PI));
      const y = Math.expm1(x);
      e1 += w * y;
      e2 += w * y * y;
    }
    return Math.sqrt(e2 - e1 * e1);
  }
  for (const [sdPct, meanPct] of [
    [1, 0],
    [3.5, 0.05],
    [12, -0.4],
  ] as const) {
    it(`σ ${sdPct}% (mean ${meanPct}%) of log returns`, () => {
      expect(simpleReturnSd(sdPct, meanPct)).toBeCloseTo(integrated(meanPct / 100, sdPct / 100), 9);
    });
  }
});
