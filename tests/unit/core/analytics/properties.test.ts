// Properties of the analytics that must hold for any valid equity series (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePerformance, normalCdf } from '../../../../src/core/analytics';
import type { PerformanceReport } from '../../../../src/core/analytics';

const DAY = 86_400_000;

/** Daily equity from random returns in (−50%, +50%), dated on random day gaps (1–4 days) from a random start. */
const equityArb = fc
  .record({
    start: fc.integer({ min: Date.UTC(1990, 0, 1) / DAY, max: Date.UTC(2030, 0, 1) / DAY }),
    // Daily returns of zero or at least 0.1% in size: tiny ones bring an equity level back to a peak within a few ulps,
    // where rescaling the account (float64, 1e-16 relative) flips ties and signs that the figures depend on.
    steps: fc.array(
      fc.record({
        r: fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 0.5, noNaN: true }), fc.double({ min: -0.5, max: -1e-3, noNaN: true })),
        gap: fc.integer({ min: 1, max: 4 }),
      }),
      { minLength: 1, maxLength: 400 },
    ),
    e0: fc.double({ min: 1, max: 1e7, noNaN: true }),
  })
  .map(({ start, steps, e0 }) => {
    const times = [start * DAY + 20 * 3_600_000];
    const values = [e0];
    for (const s of steps) {
      times.push(times[times.length - 1]! + s.gap * DAY);
      values.push(values[values.length - 1]! * (1 + s.r));
    }
    return { times, values };
  });

function run(equity: { times: number[]; values: number[] }): PerformanceReport {
  const r = computePerformance({ equity });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const close = (a: number, b: number, rel: number): boolean => Math.abs(a - b) <= rel * Math.max(1, Math.abs(b));

describe('analytics properties', () => {
  it('drawdown is in (−1, 0], zero at every new high, and the max drawdown is its minimum', () => {
    fc.assert(
      fc.property(equityArb, (eq) => {
        const r = run(eq);
        let peak = -Infinity;
        let min = 0;
        r.drawdown.forEach((d, i) => {
          expect(d).toBeLessThanOrEqual(0);
          expect(d).toBeGreaterThan(-1);
          if (eq.values[i]! >= peak) {
            peak = eq.values[i]!;
            expect(d).toBe(0);
          }
          min = Math.min(min, d);
        });
        expect(r.metrics.maxDrawdown).toBe(min);
      }),
    );
  });

  it('monthly returns compound to yearly returns, and both to the total return', () => {
    fc.assert(
      fc.property(equityArb, (eq) => {
        const r = run(eq);
        const monthlyGrowth = r.monthly.reduce((g, p) => g * (1 + p.value), 1);
        const yearlyGrowth = r.yearly.reduce((g, p) => g * (1 + p.value), 1);
        expect(close(monthlyGrowth - 1, r.metrics.totalReturn, 1e-9)).toBe(true);
        expect(close(yearlyGrowth - 1, r.metrics.totalReturn, 1e-9)).toBe(true);
        for (const y of r.yearly) {
          const g = r.monthly.filter((p) => p.year === y.year).reduce((acc, p) => acc * (1 + p.value), 1);
          expect(close(g - 1, y.value, 1e-9)).toBe(true);
        }
      }),
    );
  });

  it('every figure is invariant to the scale of the equity (a dollar account and a cent account agree)', () => {
    fc.assert(
      fc.property(equityArb, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (eq, k) => {
        const a = run(eq).metrics as unknown as Record<string, number>;
        const b = run({ times: eq.times, values: eq.values.map((v) => v * k) }).metrics as unknown as Record<string, number>;
        for (const key of ['totalReturn', 'cagr', 'volatility', 'sharpe', 'maxDrawdown', 'ulcerIndex', 'omega', 'valueAtRisk', 'maxDrawdownDays']) {
          if (Number.isNaN(a[key]!)) expect(b[key], key).toBeNaN();
          else expect(close(b[key]!, a[key]!, 1e-6), `${key}: ${a[key]} vs ${b[key]}`).toBe(true);
        }
      }),
    );
  });

  it('drawdown episodes tile the underwater points: peaks at 0, troughs at the episode minimum, recoveries back at 0', () => {
    fc.assert(
      fc.property(equityArb, (eq) => {
        const r = computePerformance({ equity: eq }, { topDrawdowns: 1000 });
        if (!r.ok) throw new Error(r.error.message);
        const dd = r.value.drawdown;
        let underwater = 0;
        for (const d of dd) if (d < 0) underwater++;
        let covered = 0;
        for (const e of r.value.worstDrawdowns) {
          expect(dd[e.peakIndex]).toBe(0);
          if (e.recoveryIndex !== null) expect(dd[e.recoveryIndex]).toBe(0);
          const end = e.recoveryIndex ?? dd.length;
          covered += end - e.peakIndex - 1;
          for (let i = e.peakIndex + 1; i < end; i++) expect(dd[i]).toBeGreaterThanOrEqual(e.depth);
          expect(dd[e.troughIndex]).toBe(e.depth);
          expect(e.lengthDays).toBeGreaterThanOrEqual(e.lengthPoints);
        }
        expect(covered).toBe(underwater);
      }),
    );
  });

  it('VaR lies between the worst and best day, CVaR at or below VaR, win rate in [0, 1]', () => {
    fc.assert(
      fc.property(equityArb, (eq) => {
        const m = run(eq).metrics;
        expect(m.valueAtRisk).toBeGreaterThanOrEqual(m.worstDay);
        expect(m.valueAtRisk).toBeLessThanOrEqual(m.bestDay);
        expect(m.conditionalValueAtRisk).toBeLessThanOrEqual(m.valueAtRisk);
        if (!Number.isNaN(m.winRate)) {
          expect(m.winRate).toBeGreaterThanOrEqual(0);
          expect(m.winRate).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('the normal CDF is monotone and Φ(x) + Φ(−x) = 1', () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (x, dx) => {
        expect(Math.abs(normalCdf(x) + normalCdf(-x) - 1)).toBeLessThan(1e-15);
        expect(normalCdf(x + dx)).toBeGreaterThanOrEqual(normalCdf(x));
      }),
    );
  });
});
