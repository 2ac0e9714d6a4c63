// Flatten ends flat even with orders still in flight: the real OMS over the simulated exchange with latency.
import { describe, expect, it } from 'vitest';
import type { OmsEvent } from '../../../../src/core/trading';
import { harness, must, quote, type Harness } from './fixtures';

const LATENCY = { latencyMs: 5, latencyJitterMs: 3, maxSlippageTicks: 0, slippageProbability: 0, partialFillProbability: 0.5, minPartialFraction: 0.3 };
const market = (side: 'BUY' | 'SELL', quantity: number) => ({ symbol: 'AAPL', side, type: 'MARKET', quantity, timeInForce: 'DAY' }) as const;

/** Lets time pass one millisecond at a time with a quote each: venue messages arrive, answers come back, the OMS sends what they caused. */
function run(h: Harness, ms: number): void {
  for (let i = 0; i < ms; i++) {
    h.tick(quote('AAPL', 100, 100.01, h.clock.now() + 1, 1_000_000));
    h.venue.poll();
    h.oms.flush();
  }
}

describe('flatten with orders in flight', () => {
  it('market orders still in flight when flatten is sent: the symbol ends flat', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const h = harness({ fillModel: LATENCY, seed });
      h.tick(quote('AAPL', 100, 100.01, 0, 1_000_000));
      must(h.oms.submit(market('BUY', 50)));
      h.oms.flush();
      run(h, 20);
      expect(h.positions.quantity('U1', 'AAPL')).toBe(50);
      // Three more buys leave; flatten follows before any of them reached the venue.
      must(h.oms.submit(market('BUY', 27)));
      must(h.oms.submit(market('BUY', 32)));
      must(h.oms.submit(market('SELL', 5)));
      h.oms.flush();
      const closing = must(h.oms.flatten('AAPL'));
      expect(closing).toMatchObject({ side: 'SELL', quantity: 50, tag: 'flatten' });
      h.oms.flush();
      run(h, 100);
      expect(h.positions.quantity('U1', 'AAPL')).toBe(0);
      expect(h.oms.workingOrders()).toEqual([]);
    }
  });

  it('flat now but buys in flight: they are closed when their fills arrive', () => {
    const h = harness({ fillModel: LATENCY });
    h.tick(quote('AAPL', 100, 100.01, 0, 1_000_000));
    must(h.oms.submit(market('BUY', 27)));
    must(h.oms.submit(market('BUY', 32)));
    h.oms.flush();
    expect(must(h.oms.flatten('AAPL'))).toBeNull();
    h.oms.flush();
    run(h, 100);
    expect(h.positions.quantity('U1', 'AAPL')).toBe(0);
    const closing = h.oms.orders().filter((o) => o.tag === 'flatten');
    expect(closing.map((o) => [o.side, o.status, o.filledQuantity])).toEqual([['SELL', 'Filled', 59]]);
  });

  it('a working limit order is cancelled, not closed against', () => {
    const h = harness({ fillModel: LATENCY });
    h.tick(quote('AAPL', 100, 100.01, 0, 1_000_000));
    must(h.oms.submit(market('BUY', 100)));
    h.oms.flush();
    run(h, 20);
    const resting = must(h.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'LIMIT', quantity: 40, limitPrice: 95, timeInForce: 'DAY' }));
    h.oms.flush();
    run(h, 20);
    must(h.oms.flatten('AAPL'));
    h.oms.flush();
    run(h, 100);
    expect(resting.status).toBe('Canceled');
    expect(h.positions.quantity('U1', 'AAPL')).toBe(0);
    expect(h.oms.orders().filter((o) => o.tag === 'flatten')).toHaveLength(1);
  });

  it('a new order from the trader after flatten is their new intent: flatten leaves it alone', () => {
    const h = harness({ fillModel: LATENCY });
    h.tick(quote('AAPL', 100, 100.01, 0, 1_000_000));
    must(h.oms.submit(market('BUY', 30)));
    h.oms.flush();
    must(h.oms.flatten('AAPL'));
    h.oms.flush();
    const fresh = must(h.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'LIMIT', quantity: 10, limitPrice: 99, timeInForce: 'DAY' }));
    h.oms.flush();
    run(h, 100);
    expect(fresh.status).toBe('Accepted');
    expect(h.oms.orders().filter((o) => o.tag === 'flatten').length).toBeLessThanOrEqual(1);
  });

  it('a cancel that loses its race to the fill is a notice, not an anomaly', () => {
    const h = harness({ fillModel: { ...LATENCY, latencyJitterMs: 0, partialFillProbability: 0 } });
    const idle = (ms: number) => {
      for (let i = 0; i < ms; i++) {
        h.clock.advance(1);
        h.venue.poll();
        h.oms.flush();
      }
    };
    const events: OmsEvent[] = [];
    h.oms.subscribe((e) => events.push(e));
    h.tick(quote('AAPL', 100, 100.01));
    const order = must(h.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'LIMIT', quantity: 10, limitPrice: 99, timeInForce: 'DAY' }));
    h.oms.flush();
    idle(10);
    expect(order.status).toBe('Accepted');
    must(h.oms.cancel(order.clientOrderId));
    h.oms.flush();
    // The market comes down to the order before the cancel arrives: it fills, then the cancel is refused.
    h.tick(quote('AAPL', 98.9, 98.95, h.clock.now() + 1));
    expect(order.status).toBe('Filled');
    idle(10);
    expect(order.status).toBe('Filled');
    expect(events.filter((e) => e.kind === 'ANOMALY')).toEqual([]);
    expect(events.filter((e) => e.kind === 'NOTICE')).toEqual([
      { kind: 'NOTICE', notice: 'CANCEL_TOO_LATE', clientOrderId: order.clientOrderId, message: 'cancel too late: order already filled' },
    ]);
  });
});
