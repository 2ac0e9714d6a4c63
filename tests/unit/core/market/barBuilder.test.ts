// Bars from quotes: OHLC from the last price, volume from the growth of the session total, a bar per interval.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BarBuilder } from '../../../../src/core/market/barBuilder';
import type { Quote } from '../../../../src/core/model/marketData';

const q = (time: number, last: number, volume: number): Quote => ({ symbol: 'X', time, bid: last - 0.01, ask: last + 0.01, bidSize: 1, askSize: 1, last, volume });

describe('BarBuilder', () => {
  it('builds OHLCV per minute and hands back each completed bar', () => {
    const b = new BarBuilder(60_000);
    expect(b.push(q(0, 10, 100))).toBeUndefined();
    expect(b.push(q(20_000, 12, 130))).toBeUndefined();
    expect(b.push(q(40_000, 9, 150))).toBeUndefined();
    const first = b.push(q(61_000, 11, 170));
    expect(first).toEqual({ time: 0, open: 10, high: 12, low: 9, close: 9, volume: 50 });
    expect(b.partial()).toEqual({ time: 60_000, open: 11, high: 11, low: 11, close: 11, volume: 20 });
  });

  it('restarts the count when the session volume resets, and ignores out-of-order quotes', () => {
    const b = new BarBuilder(60_000);
    b.push(q(0, 10, 1_000));
    b.push(q(10_000, 10, 1_200));
    b.push(q(20_000, 10, 50)); // new session: 50 traded since the reset
    expect(b.partial()?.volume).toBe(250);
    b.push(q(70_000, 11, 60));
    expect(b.push(q(30_000, 99, 70))).toBeUndefined();
    expect(b.partial()).toMatchObject({ time: 60_000, high: 11 });
  });

  it('keeps every bar consistent (low ≤ open, close ≤ high; volume ≥ 0) for any quote stream', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.double({ min: 1, max: 1_000, noNaN: true }), fc.integer({ min: 0, max: 1e6 })), { maxLength: 200 }), (steps) => {
        const b = new BarBuilder(1_000);
        let t = 0;
        const bars = [];
        for (const [dt, price, volume] of steps) {
          t += dt;
          const done = b.push(q(t, price, volume));
          if (done) bars.push(done);
        }
        const last = b.partial();
        for (const bar of last ? [...bars, last] : bars) {
          expect(bar.low).toBeLessThanOrEqual(Math.min(bar.open, bar.close));
          expect(bar.high).toBeGreaterThanOrEqual(Math.max(bar.open, bar.close));
          expect(bar.volume).toBeGreaterThanOrEqual(0);
        }
        for (let i = 1; i < bars.length; i++) expect(bars[i]!.time).toBeGreaterThan(bars[i - 1]!.time);
      }),
    );
  });
});
