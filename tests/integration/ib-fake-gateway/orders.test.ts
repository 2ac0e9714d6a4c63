// Order lifecycles through the real IBApi: every order type, TIF, partial fills, modify, cancel, rejections, brackets, OCA.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventName, OrderAction, OrderType, TimeInForce, type CommissionReport, type Contract, type Execution, type Order, type OrderState } from '@stoqey/ib';
import type { FakeGateway } from '../../../src/main/venues/ib/fake-gateway';
import { AAPL, connectClient, errorCode, order, startGateway, statusIs, type ConnectedClient } from './helpers';

describe('fake IB Gateway: orders', () => {
  let gateway: FakeGateway;
  let client: ConnectedClient;
  let nextId: number;
  const id = () => nextId++;

  beforeEach(async () => {
    gateway = await startGateway({ firstOrderId: 100 });
    gateway.script.setPrice('AAPL', 100);
    client = await connectClient(gateway, 3);
    nextId = client.firstId;
  });
  afterEach(async () => {
    // No reply in any of these flows may trip the client's strict decoder.
    expect(client.rec.codes()).not.toContain(505);
    client.ib.disconnect();
    await gateway.close();
  });

  it('fills a market order at the ask with openOrder, orderStatus, execDetails and commissionReport', async () => {
    const oid = id();
    client.ib.placeOrder(oid, AAPL, order({ action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 100, orderRef: 'ref-1' }));
    const [, contract, placed, state] = (await client.rec.waitFor(EventName.openOrder, (i: number) => i === oid)) as [number, Contract, Order, OrderState];
    expect(contract.symbol).toBe('AAPL');
    expect(placed).toMatchObject({ action: 'BUY', totalQuantity: 100, orderType: 'MKT', orderRef: 'ref-1', clientId: 3 });
    expect(placed.permId).toBeGreaterThan(0);
    expect(state.status).toBeDefined();
    const [, execContract, exec] = (await client.rec.waitFor(EventName.execDetails, (_r: number, _c: Contract, e: Execution) => e.orderId === oid)) as [number, Contract, Execution];
    expect(execContract.symbol).toBe('AAPL');
    expect(exec).toMatchObject({ side: 'BOT', shares: 100, price: 100.01, cumQty: 100, avgPrice: 100.01, permId: placed.permId, clientId: 3 });
    const filled = await client.rec.waitFor(EventName.orderStatus, statusIs(oid, 'Filled'));
    expect(filled.slice(2, 6)).toEqual([100, 0, 100.01, placed.permId]);
    const [report] = (await client.rec.waitFor(EventName.commissionReport, (r: CommissionReport) => r.execId === exec.execId)) as [CommissionReport];
    expect(report).toMatchObject({ commission: 1, currency: 'USD' });
    expect(report.realizedPNL).toBeUndefined(); // opening fill: "unset" on the wire
  });

  it('rests a limit order below the market and fills it at its limit when the market comes down', async () => {
    const oid = id();
    client.ib.placeOrder(oid, AAPL, order({ action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: 99.5, totalQuantity: 10 }));
    await client.rec.waitFor(EventName.orderStatus, statusIs(oid, 'Submitted'));
    expect(client.rec.all(EventName.execDetails)).toHaveLength(0);
    gateway.script.setPrice('AAPL', 99.4);
    const filled = await client.rec.waitFor(EventName.orderStatus, statusIs(oid, 'Filled'));
    expect(filled[4]).toBe(99.5);
  });

  it('fills in slices when a fill plan is scripted, reporting cumulative quantities', async () => {
    const oid = id();
    gateway.script.setFillPlan(oid, [30, 50]);
    client.ib.placeOrder(oid, AAPL, order({ action: OrderAction.SELL, orderType: OrderType.MKT, totalQuantity: 100 }));
    const first = await client.rec.waitFor(EventName.orderStatus, (i: number, s: string, f: number) => i === oid && s === 'Submitted' && f === 30);
    expect(first[3]).toBe(70);
    gateway.script.matchNow();
    await client.rec.waitFor(EventName.orderStatus, (i: number, _s: string, f: number, r: number) => i === oid && f === 80 && r === 20);
    gateway.script.matchNow();
    await client.rec.waitFor(EventName.orderStatus, statusIs(oid, 'Filled'));
    const execs = client.rec.all(EventName.execDetails).map((a) => a[2] as Execution).filter((e) => e.orderId === oid);
    expect(execs.map((e) => [e.shares, e.cumQty, e.side])).toEqual([
      [30, 30, 'SLD'],
      [50, 80, 'SLD'],
      [20, 100, 'SLD'],
    ]);
  });

  it('modifies a working order when the same id is placed again', async () => {
    const oid = id();
    client.ib.placeOrder(oid, AAPL, order({ action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: 95, totalQuantity: 10 }));
    await client.rec.waitFor(EventName.orderStatus, statusIs(oid, 'Submitted'));
    const from = client.rec.mark();
    client.ib.placeOrder(oid, AAPL, order({ action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: 96, totalQuantity: 20 }));
    const [, , modified] = (await client.rec.waitFor(EventName.openOrder, (i: number, _c: Contract, o: Order) => i === oid && o.lmtPrice === 96, { from })) as [number, Contract, Order];
    expect(modified.totalQuantity).toBe(20);
    // Modify to a marketable price: it trades at once.
    client.ib.placeOrder(oid, AAPL, order({ action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: 101, totalQuantity: 20 }));
    const filled = await client.rec.waitFor(EventName.orderStatus, statusIs(oid, 'Filled'));
    expect(filled[2]).toBe(20);
    expect(gateway.orders().filter((o) => o.orderId === oid)).toHaveLength(1);
  });

  it('cancels a working order: error 202 and status Cancelled; cancelling again gives 161, an unknown id 10147', async () => {
    const oid = id();
    client.ib.placeOrder(oid, AAPL, order({ action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: 90, totalQuantity: 5 }));
    await client.rec.waitFor(EventName.orderStatus, statusIs(oid, 'Submitted'));
    client.ib.cancelOrder(oid);
    await client.rec.waitFor(EventName.error, errorCode(oid, 202));
    const cancelled = await client.rec.waitFor(EventName.orderStatus, statusIs(oid, 'Cancelled'));
    expect(cancelled.slice(2, 4)).toEqual([0, 0]);
    client.ib.cancelOrder(oid);
    await client.rec.waitFor(EventName.error, errorCode(oid, 161));
    client.ib.cancelOrder(99_999);
    await client.rec.waitFor(EventName.error, errorCode(99_999, 10147));
  });

  it('rejects with 201 (scripted, and for a bad quantity), with no status afterwards', async () => {
    const a = id();
    gateway.script.rejectNextOrder('Insufficient buying power');
    client.ib.placeOrder(a, AAPL, order({ action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 10 }));
    const [err] = (await client.rec.waitFor(EventName.error, errorCode(a, 201))) as [Error];
    expect(err.message).toContain('Insufficient buying power');
    const b = id();
    client.ib.placeOrder(b, AAPL, order({ action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 0 }));
    await client.rec.waitFor(EventName.error, errorCode(b, 201));
    // Use the next id as a barrier: once it is answered, nothing more came for the rejected ones.
    const c = id();
    client.ib.placeOrder(c, AAPL, order({ action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: 50, totalQuantity: 1 }));
    await client.rec.waitFor(EventName.orderStatus, statusIs(c, 'Submitted'));
    expect(client.rec.all(EventName.orderStatus).filter((s) => s[0] === a || s[0] === b)).toEqual([]);
    expect(client.rec.all(EventName.openOrder).filter((s) => s[0] === a || s[0] === b)).toEqual([]);
  });

  it('refuses a price off the tick grid with 110, and a reused id with 103', async () => {
    const a = id();
    client.ib.placeOrder(a, AAPL, order({ action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: 99.995, totalQuantity: 1 }));
    await client.rec.waitFor(EventName.error, errorCode(a, 110));
    // The id was not consumed by the refused price: the corrected order goes through under it.
    client.ib.placeOrder(a, AAPL, order({ action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 1 }));
    await client.rec.waitFor(EventName.orderStatus, statusIs(a, 'Filled'));
    client.ib.placeOrder(a, AAPL, order({ action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 1 }));
    await client.rec.waitFor(EventName.error, errorCode(a, 103));
    client.ib.placeOrder(a - 1, AAPL, order({ action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 1 }));
    await client.rec.waitFor(EventName.error, errorCode(a - 1, 103));
  });

  it('triggers stop and stop-limit orders on the last price', async () => {
    const stop = id();
    const stopLimit = id();
    client.ib.placeOrder(stop, AAPL, order({ action: OrderAction.SELL, orderType: OrderType.STP, auxPrice: 98, totalQuantity: 10 }));
    client.ib.placeOrder(stopLimit, AAPL, order({ action: OrderAction.BUY, orderType: OrderType.STP_LMT, auxPrice: 102, lmtPrice: 102.5, totalQuantity: 10 }));
    await client.rec.waitFor(EventName.orderStatus, statusIs(stopLimit, 'Submitted'));
    gateway.script.setPrice('AAPL', 97.9);
    const stopFill = await client.rec.waitFor(EventName.orderStatus, statusIs(stop, 'Filled'));
    expect(stopFill[4]).toBe(97.89); // triggered → market → the bid
    gateway.script.setPrice('AAPL', 102.2);
    const slFill = await client.rec.waitFor(EventName.orderStatus, statusIs(stopLimit, 'Filled'));
    expect(slFill[4]).toBe(102.21);
    gateway.script.setPrice('AAPL', 103);
    expect(gateway.orders().find((o) => o.orderId === stopLimit)?.filled).toBe(10);
  });

  it('cancels the unfilled part of IOC and the whole of a FOK it cannot fill in full', async () => {
    const ioc = id();
    gateway.script.setFillPlan(ioc, [4]);
    client.ib.placeOrder(ioc, AAPL, order({ action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 10, tif: TimeInForce.IOC }));
    const done = await client.rec.waitFor(EventName.orderStatus, statusIs(ioc, 'Cancelled'));
    expect(done[2]).toBe(4);
    const fok = id();
    gateway.script.setFillPlan(fok, [4]);
    client.ib.placeOrder(fok, AAPL, order({ action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 10, tif: TimeInForce.FOK }));
    const killed = await client.rec.waitFor(EventName.orderStatus, statusIs(fok, 'Cancelled'));
    expect(killed[2]).toBe(0);
    const fokOk = id();
    client.ib.placeOrder(fokOk, AAPL, order({ action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: 100.05, totalQuantity: 10, tif: TimeInForce.FOK }));
    await client.rec.waitFor(EventName.orderStatus, statusIs(fokOk, 'Filled'));
  });

  it('holds a bracket until the last child transmits, releases the children on the parent fill, and OCA-cancels the loser', async () => {
    const parent = id();
    const takeProfit = id();
    const stopLoss = id();
    client.ib.placeOrder(parent, AAPL, order({ action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: 99, totalQuantity: 50, transmit: false }));
    client.ib.placeOrder(takeProfit, AAPL, order({ action: OrderAction.SELL, orderType: OrderType.LMT, lmtPrice: 105, totalQuantity: 50, parentId: parent, transmit: false }));
    await client.rec.waitFor(EventName.orderStatus, statusIs(takeProfit, 'ApiPending'));
    expect(client.rec.all(EventName.orderStatus).some((s) => s[0] === parent && s[1] === 'Submitted')).toBe(false);
    client.ib.placeOrder(stopLoss, AAPL, order({ action: OrderAction.SELL, orderType: OrderType.STP, auxPrice: 95, totalQuantity: 50, parentId: parent, transmit: true }));
    await client.rec.waitFor(EventName.orderStatus, statusIs(parent, 'Submitted'));
    const held = await client.rec.waitFor(EventName.orderStatus, statusIs(stopLoss, 'PreSubmitted'));
    expect(held[6]).toBe(parent); // parentId
    gateway.script.setPrice('AAPL', 98.5);
    await client.rec.waitFor(EventName.orderStatus, statusIs(parent, 'Filled'));
    await client.rec.waitFor(EventName.orderStatus, statusIs(takeProfit, 'Submitted'));
    await client.rec.waitFor(EventName.orderStatus, statusIs(stopLoss, 'Submitted'));
    gateway.script.setPrice('AAPL', 106);
    await client.rec.waitFor(EventName.orderStatus, statusIs(takeProfit, 'Filled'));
    await client.rec.waitFor(EventName.orderStatus, statusIs(stopLoss, 'Cancelled'));
    await client.rec.waitFor(EventName.error, errorCode(stopLoss, 202));
    expect(gateway.positions().find((p) => p.instrument.symbol === 'AAPL')?.quantity).toBe(0);
  });

  it('cancels the rest of an explicit OCA group when one member fills', async () => {
    const a = id();
    const b = id();
    client.ib.placeOrder(a, AAPL, order({ action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: 99, totalQuantity: 5, ocaGroup: 'g1', ocaType: 1 }));
    client.ib.placeOrder(b, AAPL, order({ action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: 98, totalQuantity: 5, ocaGroup: 'g1', ocaType: 1 }));
    await client.rec.waitFor(EventName.orderStatus, statusIs(b, 'Submitted'));
    gateway.script.setPrice('AAPL', 98.9);
    await client.rec.waitFor(EventName.orderStatus, statusIs(a, 'Filled'));
    await client.rec.waitFor(EventName.orderStatus, statusIs(b, 'Cancelled'));
  });

  it('sends openOrder and orderStatus more than once when duplicates are scripted', async () => {
    gateway.script.setDuplicateOrderMessages(1);
    const oid = id();
    client.ib.placeOrder(oid, AAPL, order({ action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: 90, totalQuantity: 1 }));
    const barrier = id();
    client.ib.placeOrder(barrier, AAPL, order({ action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: 90, totalQuantity: 1 }));
    await client.rec.waitFor(EventName.orderStatus, statusIs(barrier, 'Submitted'));
    expect(client.rec.all(EventName.orderStatus).filter((s) => s[0] === oid)).toHaveLength(2);
    expect(client.rec.all(EventName.openOrder).filter((s) => s[0] === oid)).toHaveLength(2);
  });
});
