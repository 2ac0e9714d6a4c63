import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SyntheticFeed, generateSyntheticHistory, quoteAround, tickGrid } from '../../../../src/core/market';
import { isOnIncrement } from '../../../../src/core/model/instrument';
import type { Quote } from '../../../../src/core/model/marketData';

const history = generateSyntheticHistory({ seed: 21, years: 0.2, minuteDays: 1, endTime: Date.UTC(2024, 2, 8) });

function feedAfterHistory(): SyntheticFeed {
  return new SyntheticFeed({
    seed: 21,
    startTime: history.endOfHistory,
    lastPrices: history.lastClose,
    volatilityMultiplier: history.finalVolatilityMultiplier,
  });
}

describe('synthetic live feed', () => {
  it('starts exactly at the last stored close and moves on from there', () => {
    const feed = feedAfterHistory();
    const first = feed.snapshot();
    expect(first.length).toBe(history.series.length);
    for (const quote of first) expect(quote.last, quote.symbol).toBe(history.lastClose[quote.symbol]);
    const moved = feed.next(1_000);
    const nvtx = moved.find((q) => q.symbol === 'NVTX') as Quote;
    const start = history.lastClose.NVTX as number;
    expect(Math.abs(nvtx.last / start - 1)).toBeLessThan(0.01); // one second cannot move it 1%
    expect(moved.some((q, i) => q.last !== first[i]?.last)).toBe(true);
    expect(feed.time).toBe(history.endOfHistory + 1_000);
  });

  it('starts from instrument reference prices when no last prices are given', () => {
    const feed = new SyntheticFeed({ seed: 21, startTime: 0 });
    const q = feed.snapshot(['NVTX', 'EURUSD']);
    expect(q.map((x) => x.last)).toEqual([182.4, 1.0852]);
  });

  it('is deterministic for a seed, start time and start prices; a snapshot does not change the path', () => {
    const a = feedAfterHistory();
    const b = feedAfterHistory();
    b.snapshot();
    for (let i = 0; i < 50; i++) expect(a.next(250).map((q) => q.last)).toEqual(b.next(250).map((q) => q.last));
  });

  it('returns only the requested subset', () => {
    const feed = feedAfterHistory();
    expect(feed.next(100, ['QBIT', 'GBPUSD', 'NOPE']).map((q) => q.symbol)).toEqual(['QBIT', 'GBPUSD']);
  });

  it('widens spreads with volatility', () => {
    const grid = tickGrid(0.01);
    const calm = quoteAround(100, 2, 1, grid);
    const stressed = quoteAround(100, 2, 4, grid);
    expect(stressed.ask - stressed.bid).toBeGreaterThan(calm.ask - calm.bid);
  });

  it('property: quotes are sane for any seed and step sequence', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.array(fc.integer({ min: 0, max: 3_600_000 }), { minLength: 1, maxLength: 30 }), (seed, steps) => {
        const feed = new SyntheticFeed({ seed, startTime: Date.UTC(2024, 0, 2, 14, 30) });
        const tick = new Map(feed.instruments.map((i) => [i.symbol, i.tickSize]));
        for (const step of steps) {
          for (const q of feed.next(step)) {
            const t = tick.get(q.symbol) as number;
            if (!(q.bid > 0 && q.bid < q.ask && q.bid <= q.last && q.last <= q.ask)) return false;
            if (!isOnIncrement(q.bid, t) || !isOnIncrement(q.ask, t) || !isOnIncrement(q.last, t)) return false;
            if (!(q.bidSize > 0 && q.askSize > 0 && q.volume >= 0)) return false;
            if (![q.bid, q.ask, q.last, q.volume].every(Number.isFinite)) return false;
          }
        }
        return true;
      }),
      { numRuns: 40 },
    );
  });

  it('accumulates session volume during the session and resets it on a new exchange day', () => {
    const feed = new SyntheticFeed({ seed: 3, startTime: Date.UTC(2024, 0, 2, 14, 30) }); // NYSE open
    let previous = 0;
    for (let i = 0; i < 60; i++) {
      const v = feed.next(60_000, ['FRBK'])[0]?.volume as number;
      expect(v).toBeGreaterThanOrEqual(previous);
      previous = v;
    }
    expect(previous).toBeGreaterThan(0);
    feed.next(15 * 3_600_000); // 10:30 + 15 h = 01:30 New York time, the next exchange day
    expect(feed.next(1_000, ['FRBK'])[0]?.volume as number).toBeLessThan(previous);
  });
});
