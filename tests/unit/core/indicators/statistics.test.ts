// Accuracy of the rolling statistics against exact two-pass references, where TA-Lib's formula is not exact.

import { describe, expect, it } from 'vitest';
import { RingBuffer, RollingMax, stdDevBatch } from '../../../../src/core/indicators';
import fc from 'fast-check';
import { randomBars, ta } from './helpers';

function exactStdDev(x: Float64Array, i: number, n: number): number {
  let m = 0;
  for (let j = i - n + 1; j <= i; j++) m += x[j]!;
  m /= n;
  let s = 0;
  for (let j = i - n + 1; j <= i; j++) s += (x[j]! - m) ** 2;
  return Math.sqrt(s / n);
}

describe('rolling standard deviation', () => {
  const bars = randomBars(20_000, 31, 60_000);

  it.each([2, 5, 20, 50])('period %i: within 1e-9 of the exact two-pass σ over 20,000 bars near 60,000', (n) => {
    const ours = stdDevBatch(bars.close, n);
    let worst = 0;
    for (let i = n - 1; i < bars.close.length; i++) {
      const exact = exactStdDev(bars.close, i, n);
      worst = Math.max(worst, Math.abs(ours[i]! - exact) / exact);
    }
    expect(worst).toBeLessThanOrEqual(1e-9);
  });

  it('TA-Lib’s E[x²]−E[x]² is not (why STDDEV parity starts at period 10)', () => {
    const n = 2;
    const t = ta('STDDEV', { inReal: bars.close }, { optInTimePeriod: n, optInNbDev: 1 }).outReal!;
    let worst = 0;
    for (let i = n - 1; i < bars.close.length; i++) {
      const exact = exactStdDev(bars.close, i, n);
      worst = Math.max(worst, Math.abs(t[i]! - exact) / exact);
    }
    expect(worst).toBeGreaterThan(1e-6);
  });
});

describe('rolling windows', () => {
  it('RollingMax equals the naive max and its latest index over every window', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 12 }), (xs, w) => {
        const m = new RollingMax(w);
        xs.forEach((x, t) => {
          m.push(x);
          const from = Math.max(0, t - w + 1);
          let best = -Infinity;
          let at = -1;
          for (let j = from; j <= t; j++) {
            if (xs[j]! >= best) {
              best = xs[j]!;
              at = j;
            }
          }
          expect(m.value).toBe(best);
          expect(m.index).toBe(at);
        });
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('RingBuffer evicts in order and indexes back from the newest', () => {
    const r = new RingBuffer(3);
    expect([r.push(1), r.push(2), r.push(3)]).toEqual([NaN, NaN, NaN]);
    expect(r.full).toBe(true);
    expect(r.push(4)).toBe(1);
    expect([r.get(0), r.get(1), r.get(2), r.oldest()]).toEqual([4, 3, 2, 2]);
  });
});
