// What the trader is told: refusal when the venue cannot trade, the venue's reason on a rejected order,
// and original times kept through a restart.
import { describe, expect, it } from 'vitest';
import { ManualClock, SeededRandom } from '../../../../src/core/model';
import type { Order } from '../../../../src/core/model/order';
import { restoreFromJournal, SimulatedVenue, type VenueOrder } from '../../../../src/core/trading';
import { harness, must, quote, INSTRUMENTS } from './fixtures';

const limitBuy = { symbol: 'AAPL', side: 'BUY', type: 'LIMIT', quantity: 10, limitPrice: 99, timeInForce: 'DAY' } as const;

/** A venue that reports whether it can trade, like the IB venue, and rejects with its reason when it cannot. */
class SwitchableVenue extends SimulatedVenue {
  connected = false;
  canTrade(): boolean {
    return this.connected;
  }
  override submit(order: VenueOrder): void {
    if (this.connected) return super.submit(order);
    this.emitRejection(order);
  }
  emitRejection(order: VenueOrder): void {
    for (const listener of this.rejectListeners) listener({ kind: 'REJECTED', clientOrderId: order.clientOrderId, reason: 'IB_NOT_READY: connection Disconnected', time: 0 });
  }
  readonly rejectListeners: ((e: { kind: 'REJECTED'; clientOrderId: string; reason: string; time: number }) => void)[] = [];
  override subscribe(listener: Parameters<SimulatedVenue['subscribe']>[0]): () => void {
    this.rejectListeners.push(listener);
    return super.subscribe(listener);
  }
}

describe('routing to a venue that cannot trade', () => {
  it('is refused with the venue named, and nothing is journaled or sent', () => {
    const clock = new ManualClock(1_000_000);
    const ib = new SwitchableVenue({ name: 'IB', instruments: INSTRUMENTS, clock, random: new SeededRandom(1) });
    const h = harness({ clock });
    h.router.addVenue(ib);
    h.router.setDefault('IB');
    h.tick(quote('AAPL', 100, 100.01));
    expect(h.oms.submit(limitBuy)).toEqual({ ok: false, error: { code: 'VENUE_NOT_CONNECTED', venue: 'IB', symbol: 'AAPL' } });
    expect(h.oms.flatten('AAPL')).toMatchObject({ ok: true, value: null });
    h.oms.flush();
    expect(h.oms.orders()).toEqual([]);
    expect(h.journal.committed.filter((r) => r.kind === 'ORDER_SUBMITTED')).toEqual([]);
    ib.connected = true;
    expect(must(h.oms.submit(limitBuy)).status).toBe('Submitted');
  });

  it('a venue rejection carries its reason on the order the trader is shown', () => {
    const clock = new ManualClock(1_000_000);
    const ib = new SwitchableVenue({ name: 'IB', instruments: INSTRUMENTS, clock, random: new SeededRandom(1) });
    ib.connected = true;
    const h = harness({ clock });
    h.router.addVenue(ib);
    h.router.setDefault('IB');
    h.tick(quote('AAPL', 100, 100.01));
    const shown: Order[] = [];
    h.oms.subscribe((e) => {
      if (e.kind === 'ORDER_UPDATED') shown.push({ ...e.order });
    });
    const order = must(h.oms.submit(limitBuy));
    ib.connected = false; // the connection drops between the route check and the venue's answer
    h.oms.flush();
    expect(order.status).toBe('Rejected');
    expect(shown.at(-1)).toMatchObject({ status: 'Rejected', rejectReason: 'IB_NOT_READY: connection Disconnected' });
  });
});

describe('replay keeps original times', () => {
  it('after a restart every order keeps the time of its last event, not the restart time', () => {
    const h = harness({ fillModel: { latencyMs: 3, latencyJitterMs: 0, maxSlippageTicks: 0, slippageProbability: 0, partialFillProbability: 0, minPartialFraction: 1 } });
    h.tick(quote('AAPL', 100, 100.01));
    const filled = must(h.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: 10, timeInForce: 'DAY' }));
    const resting = must(h.oms.submit(limitBuy));
    h.oms.flush();
    h.clock.advance(10);
    h.venue.poll();
    h.oms.flush();
    expect(filled.status).toBe('Filled');
    expect(resting.status).toBe('Accepted');
    const before = h.oms.orders().map((o) => ({ id: o.clientOrderId, createdAt: o.createdAt, updatedAt: o.updatedAt }));
    expect(filled.updatedAt).toBe(1_000_003);
    h.clock.advance(3_600_000);
    const restarted = harness({ venue: h.venue, clock: h.clock });
    restoreFromJournal(restarted.oms, h.journal.committed);
    expect(restarted.oms.orders().map((o) => ({ id: o.clientOrderId, createdAt: o.createdAt, updatedAt: o.updatedAt }))).toEqual(before);
  });
});
