// End to end: a real OrderManager (trading core, in-memory journal) with IbVenue as its venue against the fake gateway.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Instrument } from '../../../src/core/model/instrument';
import { createTradingCore, MemoryJournal, reconcile, type OmsEvent, type TradingCore } from '../../../src/core/trading';
import type { FakeGateway } from '../../../src/main/venues/ib/fake-gateway';
import { OUT } from '../../../src/main/venues/ib/wire/messageIds';
import { startGateway, venueHarness, waitUntil, type VenueHarness } from './helpers';

const AAPL: Instrument = { symbol: 'AAPL', name: 'Apple', assetClass: 'EQUITY', currency: 'USD', exchange: 'NASDAQ', sector: 'Technology', tickSize: 0.01, lotSize: 1, multiplier: 1 };

describe('IbVenue under the OMS', () => {
  let gateway: FakeGateway;
  let h: VenueHarness;
  let core: TradingCore;
  let journal: MemoryJournal;
  let skew = 0;
  const omsEvents: OmsEvent[] = [];
  const omsEvent = (predicate: (e: OmsEvent) => boolean) =>
    waitUntil<OmsEvent>((l) => core.oms.subscribe(l), predicate, () => `OMS event; have ${JSON.stringify(omsEvents.slice(-5))}`, omsEvents.find(predicate));

  beforeEach(async () => {
    gateway = await startGateway({ firstOrderId: 1 });
    gateway.script.setPrice('AAPL', 100);
    h = await venueHarness(gateway, { connection: { heartbeatIntervalMs: 100, heartbeatTimeoutMs: 800 } });
    journal = new MemoryJournal();
    skew = 0;
    omsEvents.length = 0;
    core = createTradingCore({
      account: 'DU123456',
      baseCurrency: 'USD',
      clock: { now: () => Date.now() + skew },
      journal,
      instruments: [AAPL],
      venues: [h.venue],
      capital: 10_000_000,
      scheduleFlush: (flush) => queueMicrotask(flush),
      ackTimeoutMs: 5_000,
    });
    core.oms.subscribe((e) => omsEvents.push(e));
    // Risk needs a reference price (the market-data service feeds these in the app).
    core.oms.onQuote({ symbol: 'AAPL', time: Date.now(), bid: 99.99, ask: 100.01, bidSize: 100, askSize: 100, last: 100, volume: 0 });
  });
  afterEach(async () => {
    await h.close();
    await gateway.close();
  });

  it('a fill while disconnected moves the position exactly once, through the venue reconciliation and the OMS reconcile', async () => {
    const placed = core.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'LIMIT', quantity: 40, limitPrice: 95, timeInForce: 'GTC' });
    expect(placed).toMatchObject({ ok: true });
    const id = placed.ok ? placed.value.clientOrderId : '';
    await omsEvent((e) => e.kind === 'ORDER_UPDATED' && e.order.clientOrderId === id && e.order.status === 'Accepted');
    const ibId = h.venue.tracked(id)?.orderId as number;
    gateway.script.dropConnections();
    await h.state((s) => s.state !== 'connected');
    expect(gateway.script.fillOrder({ orderId: ibId, price: 95 }).ok).toBe(true);
    await omsEvent((e) => e.kind === 'FILL' && e.fill.clientOrderId === id);
    await h.ready();
    const report = await reconcile(core.oms);
    expect(report.fillsRecovered).toBe(0);
    expect(core.oms.order(id)).toMatchObject({ status: 'Filled', filledQuantity: 40 });
    expect(core.positions.quantity('DU123456', 'AAPL')).toBe(40);
    const fillRecords = journal.committed.filter((r) => r.kind === 'VENUE_EVENT' && r.event.kind === 'FILL');
    expect(fillRecords).toHaveLength(1);
    expect(omsEvents.filter((e) => e.kind === 'ANOMALY')).toEqual([]);
  });

  it('an order whose answer was lost goes Unknown, is never re-sent, and reconciliation settles it', async () => {
    gateway.script.stall();
    const placed = core.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'LIMIT', quantity: 3, limitPrice: 90, timeInForce: 'DAY' });
    const id = placed.ok ? placed.value.clientOrderId : '';
    await waitUntil<unknown>((l) => h.connection.onStatus(l), () => h.venue.tracked(id)?.sent === true, () => 'placement sent', undefined);
    skew = 10_000; // the ack time-out has passed
    expect(core.oms.checkTimeouts()).toEqual([id]);
    expect(core.oms.order(id)?.status).toBe('Unknown');
    await h.state((s) => s.state === 'backoff');
    gateway.script.unstall(); // the gateway reads the placement late; the order exists there
    await omsEvent((e) => e.kind === 'ORDER_UPDATED' && e.order.clientOrderId === id && e.order.status === 'Accepted');
    await h.ready();
    const report = await reconcile(core.oms);
    expect(report.foreignOrders).toEqual([]);
    expect(core.oms.order(id)?.status).toBe('Accepted');
    expect(gateway.counts.count(OUT.PLACE_ORDER)).toBe(1);
    expect(gateway.orders().filter((g) => g.orderRef === id)).toHaveLength(1);
  });

  it('an OMS bracket over IB: the exits go out after the entry fills and one is cancelled when the other fills', async () => {
    const placed = core.oms.submitBracket({ entry: { symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: 10, timeInForce: 'DAY' }, takeProfitPrice: 110, stopLossPrice: 90 });
    expect(placed).toMatchObject({ ok: true });
    const entryId = placed.ok ? placed.value.clientOrderId : '';
    await omsEvent((e) => e.kind === 'ORDER_UPDATED' && e.order.parentId === entryId && e.order.bracketRole === 'STOP_LOSS' && e.order.status === 'Accepted');
    gateway.script.setPrice('AAPL', 111);
    await omsEvent((e) => e.kind === 'ORDER_UPDATED' && e.order.parentId === entryId && e.order.bracketRole === 'STOP_LOSS' && e.order.status === 'Canceled');
    expect(core.positions.quantity('DU123456', 'AAPL')).toBe(0);
    expect(gateway.orders().map((g) => g.state).sort()).toEqual(['Cancelled', 'Filled', 'Filled']);
  });
});
