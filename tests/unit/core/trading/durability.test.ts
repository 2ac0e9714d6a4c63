// Persistence before transport: nothing the OMS does is published, answered or sent before the group commit that
// holds it; a commit the journal refuses releases nothing, ever. And a fill under a known execution id with
// different facts is reported, never silently dropped.
import { describe, expect, it } from 'vitest';
import { JournalFailedError, MemoryJournal, type JournalRecord, type OmsEvent } from '../../../../src/core/trading';
import { harness, must, quote } from './fixtures';

/** A journal whose commits the test runs (through the captured scheduler) and can make fail. */
class ControlledJournal extends MemoryJournal {
  refuse = false;
  override commit(): void {
    if (this.refuse && this.pendingCount > 0) throw new Error('disk refused the write');
    super.commit();
  }
}

function setup() {
  const journal = new ControlledJournal();
  let scheduled: (() => void) | null = null;
  const h = harness({ journal, scheduleFlush: (flush) => (scheduled = flush) });
  h.tick(quote('AAPL', 100, 100.01));
  const events: OmsEvent[] = [];
  /** Records durable at the moment each event was delivered. */
  const durableAtDelivery: number[] = [];
  h.oms.subscribe((e) => {
    events.push(e);
    durableAtDelivery.push(journal.committed.length);
  });
  const atVenue: string[] = [];
  h.venue.subscribe((e) => e.kind === 'ACCEPTED' && atVenue.push(e.clientOrderId));
  const runScheduledFlush = () => {
    const flush = scheduled;
    scheduled = null;
    flush?.();
  };
  return { h, journal, events, durableAtDelivery, atVenue, runScheduledFlush, isScheduled: () => scheduled !== null };
}

/** Lets every settled promise run its callbacks. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

const submittedIn = (records: readonly JournalRecord[]) => records.flatMap((r) => (r.kind === 'ORDER_SUBMITTED' ? [r.order.clientOrderId] : []));

describe('persistence before transport', () => {
  it('holds events and the durable reply until the commit that contains the order, then releases both', async () => {
    const { h, journal, events, durableAtDelivery, atVenue, runScheduledFlush } = setup();
    const order = must(h.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'LIMIT', quantity: 10, limitPrice: 99, timeInForce: 'GTC' }));
    let replied = false;
    void h.oms.whenDurable().then(() => (replied = true));
    await settle();
    expect(journal.pendingCount).toBe(1);
    expect([events, replied, atVenue]).toEqual([[], false, []]);

    runScheduledFlush();
    await settle();
    expect(replied).toBe(true);
    expect(submittedIn(journal.committed)).toEqual([order.clientOrderId]);
    // The Submitted update was delivered after the commit that holds the order, and shows the order as it was then.
    expect(events[0]).toMatchObject({ kind: 'ORDER_UPDATED', order: { clientOrderId: order.clientOrderId, status: 'Submitted' } });
    expect(durableAtDelivery[0]).toBe(1);
    expect(atVenue).toEqual([order.clientOrderId]);
    // The venue's answer rides in the next commit, and its event waits for it.
    expect(events.map((e) => e.kind === 'ORDER_UPDATED' && e.order.status)).toEqual(['Submitted']);
    runScheduledFlush();
    expect(events.map((e) => e.kind === 'ORDER_UPDATED' && e.order.status)).toEqual(['Submitted', 'Accepted']);
    expect(durableAtDelivery[1]).toBe(2);
  });

  it('each event shows the order as it was when it changed, not as it is at release', () => {
    const { h, events, runScheduledFlush } = setup();
    const order = must(h.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'LIMIT', quantity: 10, limitPrice: 99, timeInForce: 'GTC' }));
    must(h.oms.cancel(order.clientOrderId));
    runScheduledFlush();
    expect(events.map((e) => e.kind === 'ORDER_UPDATED' && e.order.status)).toEqual(['Submitted', 'PendingCancel']);
  });

  it('a fill event is published only once the fill is durable', () => {
    const { h, journal, events, durableAtDelivery, runScheduledFlush } = setup();
    must(h.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: 10, timeInForce: 'DAY' }));
    runScheduledFlush(); // the order is durable and sent; the venue filled it at once
    expect(events.some((e) => e.kind === 'FILL')).toBe(false);
    expect(journal.pendingCount).toBeGreaterThan(0);
    runScheduledFlush();
    const i = events.findIndex((e) => e.kind === 'FILL');
    expect(i).toBeGreaterThan(0);
    const fillRecord = journal.committed.findIndex((r) => r.kind === 'VENUE_EVENT' && r.event.kind === 'FILL');
    expect(durableAtDelivery[i]).toBeGreaterThan(fillRecord);
  });

  it('when the journal refuses the commit: the reply fails, nothing is published or sent, and the OMS stays stopped', async () => {
    const { h, journal, events, atVenue, runScheduledFlush, isScheduled } = setup();
    journal.refuse = true;
    must(h.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'LIMIT', quantity: 10, limitPrice: 99, timeInForce: 'GTC' }));
    const reply = h.oms.whenDurable();
    runScheduledFlush();
    await expect(reply).rejects.toBeInstanceOf(JournalFailedError);
    await expect(reply).rejects.toMatchObject({ code: 'JOURNAL_FAILED' });
    expect(events.map((e) => e.kind)).toEqual(['JOURNAL_FAILED']);
    expect(atVenue).toEqual([]);
    expect(journal.committed).toEqual([]);

    // The disk recovers, but nothing refused (nor anything after it) is written, published or sent.
    journal.refuse = false;
    must(h.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'LIMIT', quantity: 11, limitPrice: 99, timeInForce: 'GTC' }));
    await expect(h.oms.whenDurable()).rejects.toBeInstanceOf(JournalFailedError);
    expect(isScheduled()).toBe(false);
    h.oms.flush();
    // Still pending: only the refused record (this test journal keeps it); never committed, nothing appended after it.
    expect([journal.committed, journal.pendingCount, atVenue, events.length]).toEqual([[], 1, [], 1]);
  });

  it('replies settle at once when nothing is pending', async () => {
    const { h } = setup();
    await expect(h.oms.whenDurable()).resolves.toBeUndefined();
  });
});

describe('duplicate execution ids', () => {
  function filled() {
    const h = harness();
    h.tick(quote('AAPL', 100, 100.01));
    const events: OmsEvent[] = [];
    h.oms.subscribe((e) => events.push(e));
    const order = must(h.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'LIMIT', quantity: 100, limitPrice: 95, timeInForce: 'GTC' }));
    h.oms.flush();
    const fill = { kind: 'FILL' as const, clientOrderId: order.clientOrderId, venueOrderId: 'V1', executionId: 'X-1', quantity: 40, price: 95, commission: 0, commissionCurrency: 'USD', liquidity: 'MAKER' as const, time: 1 };
    h.oms.onVenueEvent('SIM', fill);
    h.oms.flush();
    return { h, events, order, fill };
  }

  it('an identical re-report is a quiet no-op', () => {
    const { h, events, fill } = filled();
    h.oms.onVenueEvent('SIM', { ...fill });
    h.oms.flush();
    expect(h.positions.quantity('U1', 'AAPL')).toBe(40);
    expect(events.filter((e) => e.kind === 'ANOMALY')).toEqual([]);
    expect(events.filter((e) => e.kind === 'FILL').length).toBe(1);
  });

  it('a different fill under a known id is reported as an error anomaly naming both', () => {
    const { h, events, fill, order } = filled();
    h.oms.onVenueEvent('SIM', { ...fill, quantity: 60, price: 95.5 });
    h.oms.flush();
    expect(h.positions.quantity('U1', 'AAPL')).toBe(40);
    const anomalies = events.filter((e) => e.kind === 'ANOMALY');
    expect(anomalies).toEqual([
      { kind: 'ANOMALY', anomaly: 'DUPLICATE_EXECUTION_ID', clientOrderId: order.clientOrderId, detail: expect.stringMatching(/X-1: 60 @ 95.5 .* already booked as 40 @ 95/) },
    ]);
  });

  it('the simulated venue never reuses an execution id across restarts (its ids follow the client order ids)', () => {
    const first = harness();
    first.tick(quote('AAPL', 100, 100.01));
    const ids: string[] = [];
    first.venue.subscribe((e) => e.kind === 'FILL' && ids.push(e.executionId));
    for (let i = 0; i < 3; i++) must(first.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: 10, timeInForce: 'DAY' }));
    first.oms.flush();
    // A restart: a fresh venue, ids continuing after the journal's highest.
    const second = harness({ highestOrderSequence: first.oms.orders().length });
    second.tick(quote('AAPL', 100, 100.01));
    second.venue.subscribe((e) => e.kind === 'FILL' && ids.push(e.executionId));
    for (let i = 0; i < 3; i++) must(second.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: 10, timeInForce: 'DAY' }));
    second.oms.flush();
    expect(ids.length).toBeGreaterThanOrEqual(6);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
