// Order lifecycles through IbVenue and the real @stoqey/ib client: every type and TIF, partial fills, modify, cancel, rejections, duplicates.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeGateway } from '../../../src/main/venues/ib/fake-gateway';
import type { FillEvent } from '../../../src/core/trading/venue';
import { startGateway, venueHarness, venueOrder, type VenueHarness } from './helpers';

describe('IbVenue: order lifecycles', () => {
  let gateway: FakeGateway;
  let h: VenueHarness;

  beforeEach(async () => {
    gateway = await startGateway({ firstOrderId: 100 });
    gateway.script.setPrice('AAPL', 100);
    h = await venueHarness(gateway);
  });
  afterEach(async () => {
    await h.close();
    await gateway.close();
    expect(h.logs.filter((l) => /\b505\b|decode/.test(l))).toEqual([]);
  });

  it('fills a market order: ACCEPTED, then one FILL with IB commission; the gateway holds one order with our id in orderRef', async () => {
    const o = venueOrder({ side: 'BUY', type: 'MARKET', quantity: 100 });
    h.venue.submit(o);
    const fill = (await h.event((e) => e.kind === 'FILL' && e.clientOrderId === o.clientOrderId)) as FillEvent;
    expect(fill).toMatchObject({ quantity: 100, price: 100.01, commission: 1, commissionCurrency: 'USD', liquidity: 'TAKER' });
    expect(h.kinds(o.clientOrderId)).toEqual(['ACCEPTED', 'FILL']);
    const atGateway = gateway.orders().filter((g) => g.orderRef === o.clientOrderId);
    expect(atGateway).toHaveLength(1);
    expect(atGateway[0]).toMatchObject({ orderType: 'MKT', action: 'BUY', totalQuantity: 100, tif: 'DAY', state: 'Filled' });
    expect(fill.venueOrderId).toBe(String(atGateway[0]?.orderId));
  });

  it('rests a GTC limit, fills it in slices (partial fills), then cancels the rest', async () => {
    const o = venueOrder({ side: 'SELL', type: 'LIMIT', quantity: 100, limitPrice: 100, timeInForce: 'GTC' });
    h.venue.submit(o);
    await h.event((e) => e.kind === 'ACCEPTED' && e.clientOrderId === o.clientOrderId);
    const ibId = h.venue.tracked(o.clientOrderId)?.orderId as number;
    gateway.script.setFillPlan(ibId, [30, 20]);
    gateway.script.setPrice('AAPL', 100.5); // the bid reaches the limit: one matching pass, one slice
    await h.event((e) => e.kind === 'FILL' && e.clientOrderId === o.clientOrderId && e.quantity === 30);
    gateway.script.matchNow();
    await h.event((e) => e.kind === 'FILL' && e.clientOrderId === o.clientOrderId && e.quantity === 20);
    h.venue.cancel(o.clientOrderId);
    await h.event((e) => e.kind === 'CANCELED' && e.clientOrderId === o.clientOrderId);
    expect(h.kinds(o.clientOrderId)).toEqual(['ACCEPTED', 'FILL', 'FILL', 'CANCELED']);
    const fills = h.eventsOf(o.clientOrderId).filter((e): e is FillEvent => e.kind === 'FILL');
    expect(fills.map((f) => f.quantity)).toEqual([30, 20]);
    expect(new Set(fills.map((f) => f.executionId)).size).toBe(2);
    expect(gateway.orders().find((g) => g.orderRef === o.clientOrderId)).toMatchObject({ state: 'Cancelled', filled: 50, tif: 'GTC' });
  });

  it('modifies a working limit order (REPLACED) and refuses a modification off the tick grid (REPLACE_REJECTED, 110)', async () => {
    const o = venueOrder({ side: 'BUY', type: 'LIMIT', quantity: 10, limitPrice: 95 });
    h.venue.submit(o);
    await h.event((e) => e.kind === 'ACCEPTED' && e.clientOrderId === o.clientOrderId);
    h.venue.modify({ clientOrderId: o.clientOrderId, quantity: 20, limitPrice: 96, stopPrice: null });
    await h.event((e) => e.kind === 'REPLACED' && e.clientOrderId === o.clientOrderId);
    expect(gateway.orders().find((g) => g.orderRef === o.clientOrderId)).toMatchObject({ totalQuantity: 20, lmtPrice: 96 });
    h.venue.modify({ clientOrderId: o.clientOrderId, quantity: 20, limitPrice: 96.005, stopPrice: null });
    const refused = await h.event((e) => e.kind === 'REPLACE_REJECTED' && e.clientOrderId === o.clientOrderId);
    expect(refused).toMatchObject({ reason: expect.stringMatching(/^BAD_PRICE_INCREMENT \(IB 110\)/) });
    expect(gateway.orders().filter((g) => g.orderRef === o.clientOrderId)).toHaveLength(1);
  });

  it('triggers STOP and STOP_LIMIT orders and fills them', async () => {
    const stop = venueOrder({ side: 'SELL', type: 'STOP', quantity: 10, stopPrice: 98 });
    const stopLimit = venueOrder({ side: 'BUY', type: 'STOP_LIMIT', quantity: 10, stopPrice: 102, limitPrice: 102.5 });
    h.venue.submit(stop);
    h.venue.submit(stopLimit);
    await h.event((e) => e.kind === 'ACCEPTED' && e.clientOrderId === stopLimit.clientOrderId);
    gateway.script.setPrice('AAPL', 97.9);
    expect(await h.event((e) => e.kind === 'FILL' && e.clientOrderId === stop.clientOrderId)).toMatchObject({ quantity: 10, price: 97.89 });
    gateway.script.setPrice('AAPL', 102.2);
    expect(await h.event((e) => e.kind === 'FILL' && e.clientOrderId === stopLimit.clientOrderId)).toMatchObject({ quantity: 10, price: 102.21 });
    expect(gateway.orders().map((g) => g.orderType).sort()).toEqual(['STP', 'STP LMT']);
  });

  it('IOC: partial fill then CANCELED for the rest (the fill never overtaken); FOK it cannot fill: CANCELED with nothing filled', async () => {
    const ioc = venueOrder({ side: 'BUY', type: 'MARKET', quantity: 10, timeInForce: 'IOC' });
    // The fill plan must be in place before the order arrives: take the id the venue will use next.
    gateway.script.setFillPlan(h.venue.ids.peek(), [4]);
    h.venue.submit(ioc);
    await h.event((e) => e.kind === 'CANCELED' && e.clientOrderId === ioc.clientOrderId);
    expect(h.kinds(ioc.clientOrderId)).toEqual(['ACCEPTED', 'FILL', 'CANCELED']);
    expect(h.eventsOf(ioc.clientOrderId)[1]).toMatchObject({ quantity: 4 });
    const fok = venueOrder({ side: 'BUY', type: 'MARKET', quantity: 10, timeInForce: 'FOK' });
    gateway.script.setFillPlan(h.venue.ids.peek(), [4]);
    h.venue.submit(fok);
    await h.event((e) => e.kind === 'CANCELED' && e.clientOrderId === fok.clientOrderId);
    expect(h.eventsOf(fok.clientOrderId).some((e) => e.kind === 'FILL')).toBe(false);
  });

  it('maps 201 to REJECTED, 110 to REJECTED (price increment), a cancel of a finished order (161) to CANCEL_REJECTED', async () => {
    gateway.script.rejectNextOrder('Insufficient buying power');
    const a = venueOrder({ side: 'BUY', type: 'MARKET', quantity: 10 });
    h.venue.submit(a);
    expect(await h.event((e) => e.clientOrderId === a.clientOrderId)).toMatchObject({ kind: 'REJECTED', reason: expect.stringMatching(/^ORDER_REJECTED \(IB 201\).*Insufficient buying power/) });
    const b = venueOrder({ side: 'BUY', type: 'LIMIT', quantity: 1, limitPrice: 99.995 });
    h.venue.submit(b);
    expect(await h.event((e) => e.clientOrderId === b.clientOrderId)).toMatchObject({ kind: 'REJECTED', reason: expect.stringMatching(/^BAD_PRICE_INCREMENT \(IB 110\)/) });
    const c = venueOrder({ side: 'BUY', type: 'MARKET', quantity: 1 });
    h.venue.submit(c);
    await h.event((e) => e.kind === 'FILL' && e.clientOrderId === c.clientOrderId);
    // The venue knows it is filled and says so itself; force the IB round trip by pretending it still works.
    (h.venue.tracked(c.clientOrderId) as { done: boolean }).done = false;
    h.venue.cancel(c.clientOrderId);
    expect(await h.event((e) => e.kind === 'CANCEL_REJECTED' && e.clientOrderId === c.clientOrderId)).toMatchObject({ reason: expect.stringMatching(/^CANCEL_NOT_CANCELLABLE \(IB 161\)/) });
    expect(h.kinds(a.clientOrderId)).toEqual(['REJECTED']);
    expect(h.kinds(b.clientOrderId)).toEqual(['REJECTED']);
  });

  it('treats repeated openOrder/orderStatus messages as one: one ACCEPTED, one CANCELED', async () => {
    gateway.script.setDuplicateOrderMessages(2);
    const o = venueOrder({ side: 'BUY', type: 'LIMIT', quantity: 5, limitPrice: 90 });
    h.venue.submit(o);
    await h.event((e) => e.kind === 'ACCEPTED' && e.clientOrderId === o.clientOrderId);
    h.venue.cancel(o.clientOrderId);
    await h.event((e) => e.kind === 'CANCELED' && e.clientOrderId === o.clientOrderId);
    // A barrier: a later order's answer arrives after every duplicate of the earlier ones.
    const barrier = venueOrder({ side: 'BUY', type: 'MARKET', quantity: 1 });
    h.venue.submit(barrier);
    await h.event((e) => e.kind === 'FILL' && e.clientOrderId === barrier.clientOrderId);
    expect(h.kinds(o.clientOrderId)).toEqual(['ACCEPTED', 'CANCELED']);
  });

  it('places a native bracket: children wait for the entry fill, then the take-profit fills and the stop-loss is cancelled (OCA)', async () => {
    const entry = venueOrder({ side: 'BUY', type: 'LIMIT', quantity: 50, limitPrice: 99 });
    const takeProfit = venueOrder({ side: 'SELL', type: 'LIMIT', quantity: 50, limitPrice: 105, timeInForce: 'GTC' });
    const stopLoss = venueOrder({ side: 'SELL', type: 'STOP', quantity: 50, stopPrice: 95, timeInForce: 'GTC' });
    h.venue.submitBracket({ entry, takeProfit, stopLoss });
    await h.event((e) => e.kind === 'ACCEPTED' && e.clientOrderId === stopLoss.clientOrderId);
    const parent = gateway.orders().find((g) => g.orderRef === entry.clientOrderId);
    expect(gateway.orders().filter((g) => g.parentId === parent?.orderId).map((g) => g.orderRef).sort()).toEqual([takeProfit.clientOrderId, stopLoss.clientOrderId].sort());
    gateway.script.setPrice('AAPL', 98.5);
    await h.event((e) => e.kind === 'FILL' && e.clientOrderId === entry.clientOrderId);
    gateway.script.setPrice('AAPL', 106);
    await h.event((e) => e.kind === 'FILL' && e.clientOrderId === takeProfit.clientOrderId);
    await h.event((e) => e.kind === 'CANCELED' && e.clientOrderId === stopLoss.clientOrderId);
    expect(h.kinds(entry.clientOrderId)).toEqual(['ACCEPTED', 'FILL']);
    expect(h.kinds(takeProfit.clientOrderId)).toEqual(['ACCEPTED', 'FILL']);
    expect(h.kinds(stopLoss.clientOrderId)).toEqual(['ACCEPTED', 'CANCELED']);
    expect(gateway.positions().find((p) => p.instrument.symbol === 'AAPL')?.quantity).toBe(0);
  });

  it('refuses locally what IB cannot take: unknown order cancels/modifies, a duplicate client order id', async () => {
    h.venue.cancel('C999999999999');
    h.venue.modify({ clientOrderId: 'C999999999998', quantity: 1, limitPrice: 1, stopPrice: null });
    const o = venueOrder({ side: 'BUY', type: 'LIMIT', quantity: 1, limitPrice: 90 });
    h.venue.submit(o);
    await h.event((e) => e.kind === 'ACCEPTED' && e.clientOrderId === o.clientOrderId);
    h.venue.submit(o);
    expect(h.events.filter((e) => e.kind === 'CANCEL_REJECTED' || e.kind === 'REPLACE_REJECTED').map((e) => (e as { reason: string }).reason)).toEqual(['UNKNOWN_ORDER', 'UNKNOWN_ORDER']);
    expect(h.kinds(o.clientOrderId)).toEqual(['ACCEPTED', 'REJECTED']);
    expect(gateway.orders().filter((g) => g.orderRef === o.clientOrderId)).toHaveLength(1);
  });
});
