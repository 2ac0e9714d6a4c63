// Faults through IbVenue: drops, stalls, 1100/1101/1102, a fill while disconnected, a lower nextValidId; nothing duplicated, lost or applied twice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeGateway } from '../../../src/main/venues/ib/fake-gateway';
import { OUT } from '../../../src/main/venues/ib/wire/messageIds';
import type { FillEvent } from '../../../src/core/trading/venue';
import type { IbConnectionStatus } from '../../../src/shared/contracts/ib';
import { startGateway, venueHarness, venueOrder, type VenueHarness } from './helpers';

describe('IbVenue: faults and recovery', () => {
  let gateway: FakeGateway;
  let h: VenueHarness;
  let history: IbConnectionStatus['state'][];

  const start = async (options: Parameters<typeof venueHarness>[1] = {}) => {
    h = await venueHarness(gateway, options);
    history = [];
    h.connection.onStatus((s) => history.at(-1) !== s.state && history.push(s.state));
  };
  /** Waits for the next reconciliation to finish after a fault. */
  const reconnected = async () => {
    const before = h.connection.status().lastReconciledAt ?? 0;
    return h.state((s) => s.state === 'connected' && (s.lastReconciledAt ?? 0) > before);
  };

  beforeEach(async () => {
    gateway = await startGateway({ firstOrderId: 1 });
    gateway.script.setPrice('AAPL', 100);
  });
  afterEach(async () => {
    await h?.close();
    await gateway.close();
  });

  it('a fill made while disconnected arrives exactly once after the reconnect (reconciliation), and a second reconcile adds nothing', async () => {
    await start();
    const o = venueOrder({ side: 'SELL', type: 'LIMIT', quantity: 40, limitPrice: 110, timeInForce: 'GTC' });
    h.venue.submit(o);
    await h.event((e) => e.kind === 'ACCEPTED' && e.clientOrderId === o.clientOrderId);
    const ibId = h.venue.tracked(o.clientOrderId)?.orderId as number;
    const lastReconciled = h.connection.status().lastReconciledAt ?? 0;
    expect(gateway.script.dropConnections()).toBe(1);
    await h.state((s) => s.state === 'backoff' || s.state === 'connecting');
    expect(gateway.script.fillOrder({ orderId: ibId, price: 110 }).ok).toBe(true);
    await h.state((s) => s.state === 'connected' && (s.lastReconciledAt ?? 0) > lastReconciled);
    const fills = h.eventsOf(o.clientOrderId).filter((e): e is FillEvent => e.kind === 'FILL');
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({ quantity: 40, price: 110, commission: 1 });
    expect(h.venue.lastReconciliation()?.fillsRecovered).toBe(1);
    // The OMS's own reconcile asks again: the venue reports the execution, nothing is emitted twice.
    const executions = await h.venue.executions(0);
    expect(executions.filter((e) => e.clientOrderId === o.clientOrderId)).toHaveLength(1);
    h.connection.fault('test: reset again');
    await reconnected();
    expect(h.eventsOf(o.clientOrderId).filter((e) => e.kind === 'FILL')).toHaveLength(1);
    expect(gateway.orders().filter((g) => g.orderRef === o.clientOrderId)).toHaveLength(1);
  });

  it('blocks new orders while disconnected and while reconciling; nothing reaches the gateway; trading resumes after reconciliation', async () => {
    await start();
    gateway.script.refuseConnections(true);
    gateway.script.dropConnections();
    await h.state((s) => s.state === 'backoff');
    const blocked = venueOrder({ side: 'BUY', type: 'MARKET', quantity: 1 });
    h.venue.submit(blocked);
    expect(h.events.at(-1)).toMatchObject({ kind: 'REJECTED', clientOrderId: blocked.clientOrderId, reason: expect.stringMatching(/^IB_NOT_READY/) });
    expect(h.venue.canTrade()).toBe(false);
    gateway.script.refuseConnections(false);
    await h.state((s) => s.state === 'reconciling');
    const during = venueOrder({ side: 'BUY', type: 'MARKET', quantity: 1 });
    h.venue.submit(during);
    expect(h.kinds(during.clientOrderId)).toEqual(['REJECTED']);
    await h.ready();
    const after = venueOrder({ side: 'BUY', type: 'MARKET', quantity: 1 });
    h.venue.submit(after);
    await h.event((e) => e.kind === 'FILL' && e.clientOrderId === after.clientOrderId);
    expect(gateway.orders().map((g) => g.orderRef)).toEqual([after.clientOrderId]);
    expect(history).toEqual(expect.arrayContaining(['backoff', 'connecting', 'reconciling', 'connected']));
  });

  it('1100 degrades (new orders refused, cancels still go), 1102 reconciles and unblocks; 1101 too', async () => {
    await start();
    const resting = venueOrder({ side: 'BUY', type: 'LIMIT', quantity: 5, limitPrice: 90 });
    h.venue.submit(resting);
    await h.event((e) => e.kind === 'ACCEPTED' && e.clientOrderId === resting.clientOrderId);
    gateway.script.sendConnectivity(1100);
    await h.state((s) => s.state === 'degraded');
    const refused = venueOrder({ side: 'BUY', type: 'MARKET', quantity: 1 });
    h.venue.submit(refused);
    expect(h.kinds(refused.clientOrderId)).toEqual(['REJECTED']);
    h.venue.cancel(resting.clientOrderId);
    await h.event((e) => e.kind === 'CANCELED' && e.clientOrderId === resting.clientOrderId);
    const reconciledBefore = h.connection.status().lastReconciledAt ?? 0;
    gateway.script.sendConnectivity(1102);
    await h.state((s) => s.state === 'connected' && (s.lastReconciledAt ?? 0) > reconciledBefore);
    expect(history).toEqual(['degraded', 'reconciling', 'connected']);
    gateway.script.sendConnectivity(1101);
    await reconnected();
    const ok = venueOrder({ side: 'BUY', type: 'MARKET', quantity: 1 });
    h.venue.submit(ok);
    await h.event((e) => e.kind === 'FILL' && e.clientOrderId === ok.clientOrderId);
    expect(gateway.orders().some((g) => g.orderRef === refused.clientOrderId)).toBe(false);
  });

  it('never reuses an order id when the gateway reports a lower nextValidId after a reconnect (no 103)', async () => {
    await start();
    const a = venueOrder({ side: 'BUY', type: 'MARKET', quantity: 1 });
    const b = venueOrder({ side: 'BUY', type: 'MARKET', quantity: 1 });
    h.venue.submit(a);
    h.venue.submit(b);
    await h.event((e) => e.kind === 'FILL' && e.clientOrderId === b.clientOrderId);
    const used = gateway.orders().map((g) => g.orderId);
    gateway.script.reportNextValidIdOnce(Math.min(...used), 7);
    gateway.script.dropConnections();
    await reconnected();
    const c = venueOrder({ side: 'BUY', type: 'MARKET', quantity: 1 });
    h.venue.submit(c);
    await h.event((e) => e.kind === 'FILL' && e.clientOrderId === c.clientOrderId);
    const ids = gateway.orders().map((g) => g.orderId);
    expect(new Set(ids).size).toBe(3);
    expect(Math.min(...ids.filter((id) => !used.includes(id)))).toBeGreaterThan(Math.max(...used));
    expect(h.logs.some((l) => /\b103\b/.test(l))).toBe(false);
  });

  it('takes the journal high-water mark: a fresh venue never reuses ids the gateway has forgotten', async () => {
    await start({ venue: { highestOrderId: () => 500 } });
    const o = venueOrder({ side: 'BUY', type: 'MARKET', quantity: 1 });
    h.venue.submit(o);
    await h.event((e) => e.kind === 'FILL' && e.clientOrderId === o.clientOrderId);
    expect(gateway.orders()[0]?.orderId).toBe(501);
  });

  it('a frozen gateway fails the heartbeat: the session is reset; after the stall, a placement it never read is rejected, not re-sent', async () => {
    await start({ connection: { heartbeatIntervalMs: 100, heartbeatTimeoutMs: 800 } });
    gateway.script.stall();
    const o = venueOrder({ side: 'BUY', type: 'MARKET', quantity: 1 });
    h.venue.submit(o); // goes out on the socket; the frozen gateway never reads it
    await h.state((s) => s.state === 'backoff');
    expect(h.venue.tracked(o.clientOrderId)?.sent).toBe(true);
    expect(h.kinds(o.clientOrderId)).toEqual([]); // fate unknown: no answer yet, nothing invented
    // The gateway dies with the stall (its unread input is lost); the next attempt connects and reconciles.
    gateway.script.dropConnections();
    await reconnected();
    expect(h.kinds(o.clientOrderId)).toEqual(['REJECTED']);
    expect(h.eventsOf(o.clientOrderId)[0]).toMatchObject({ reason: expect.stringMatching(/^NOT_FOUND_AT_VENUE/) });
    expect(gateway.counts.count(OUT.PLACE_ORDER)).toBe(0);
    expect(gateway.orders()).toHaveLength(0);
  });

  it('a placement the frozen gateway processes late is found by reconciliation and accepted, never placed twice', async () => {
    await start({ connection: { heartbeatIntervalMs: 100, heartbeatTimeoutMs: 800 } });
    gateway.script.stall();
    const o = venueOrder({ side: 'BUY', type: 'LIMIT', quantity: 3, limitPrice: 90 });
    h.venue.submit(o);
    await h.state((s) => s.state === 'backoff');
    gateway.script.unstall(); // it reads the backlog (our placeOrder), then finds our socket gone
    await reconnected();
    await h.event((e) => e.kind === 'ACCEPTED' && e.clientOrderId === o.clientOrderId);
    expect(gateway.orders().filter((g) => g.orderRef === o.clientOrderId)).toHaveLength(1);
    expect(gateway.counts.count(OUT.PLACE_ORDER)).toBe(1);
  });
});
