// A fill made while the client is away is visible after reconnecting: reqOpenOrders, reqExecutions, reqCompletedOrders.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventName, OrderAction, OrderType, type Contract, type Execution, type Order, type OrderState } from '@stoqey/ib';
import type { FakeGateway } from '../../../src/main/venues/ib/fake-gateway';
import { AAPL, connectClient, errorCode, gatewayEvent, order, reconnect, startGateway, statusIs, type ConnectedClient } from './helpers';

describe('fake IB Gateway: reconciliation after a disconnect', () => {
  let gateway: FakeGateway;
  let client: ConnectedClient;
  let now = Date.UTC(2024, 0, 2, 14, 0, 0);

  beforeEach(async () => {
    now = Date.UTC(2024, 0, 2, 14, 0, 0);
    gateway = await startGateway({ firstOrderId: 1, clock: () => now });
    gateway.script.setPrice('AAPL', 100);
    client = await connectClient(gateway, 5);
  });
  afterEach(async () => {
    expect(client.rec.codes()).not.toContain(505);
    client.ib.disconnect();
    await gateway.close();
  });

  it('reports the missed fill through open orders, executions (time-filtered) and completed orders', async () => {
    const early = client.firstId;
    const resting = early + 1;
    const other = early + 2;
    client.ib.placeOrder(early, AAPL, order({ action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 1 }));
    await client.rec.waitFor(EventName.orderStatus, statusIs(early, 'Filled'));
    now += 60 * 60 * 1000;
    client.ib.placeOrder(resting, AAPL, order({ action: OrderAction.SELL, orderType: OrderType.LMT, lmtPrice: 110, totalQuantity: 40 }));
    client.ib.placeOrder(other, AAPL, order({ action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: 80, totalQuantity: 1 }));
    await client.rec.waitFor(EventName.orderStatus, statusIs(other, 'Submitted'));

    const gone = gatewayEvent(gateway, (e) => e.type === 'disconnected');
    expect(gateway.script.dropConnections({ clientId: 5 })).toBe(1);
    await client.rec.waitFor(EventName.disconnected);
    await gone;
    now += 60 * 1000;
    const fill = gateway.script.fillOrder({ orderId: resting, price: 110 });
    expect(fill.ok).toBe(true);

    const announced = await reconnect(client);
    expect(announced).toBe(other + 1); // above every id this client used
    const from = client.rec.mark();

    client.ib.reqOpenOrders();
    await client.rec.waitFor(EventName.openOrderEnd, () => true, { from });
    const open = client.rec.events.slice(from).filter((e) => e.name === EventName.openOrder).map((e) => e.args[0]);
    expect(open).toEqual([other]);

    // Only executions since 14:30 UTC: the missed fill, not the morning one.
    client.ib.reqExecutions(77, { time: '20240102-14:30:00', clientId: '5' });
    await client.rec.waitFor(EventName.execDetailsEnd, (reqId: number) => reqId === 77, { from });
    const execs = client.rec.events
      .slice(from)
      .filter((e) => e.name === EventName.execDetails && e.args[0] === 77)
      .map((e) => e.args[2] as Execution);
    expect(execs).toHaveLength(1);
    expect(execs[0]).toMatchObject({ orderId: resting, shares: 40, price: 110, side: 'SLD', time: '20240102 15:01:00 UTC' });
    const commissions = client.rec.events.slice(from).filter((e) => e.name === EventName.commissionReport);
    expect(commissions).toHaveLength(1);

    client.ib.reqExecutions(78, {});
    await client.rec.waitFor(EventName.execDetailsEnd, (reqId: number) => reqId === 78, { from });
    expect(client.rec.events.slice(from).filter((e) => e.name === EventName.execDetails && e.args[0] === 78)).toHaveLength(2);

    client.ib.reqCompletedOrders(true);
    await client.rec.waitFor(EventName.completedOrdersEnd, () => true, { from });
    const completed = client.rec.events
      .slice(from)
      .filter((e) => e.name === EventName.completedOrder)
      .map((e) => e.args as [Contract, Order, OrderState]);
    expect(completed.map(([c, o, s]) => [c.symbol, o.action, o.totalQuantity, s.status, s.completedStatus])).toEqual([
      ['AAPL', 'BUY', 1, 'Filled', 'Filled Size: 1'],
      ['AAPL', 'SELL', 40, 'Filled', 'Filled Size: 40'],
    ]);
    expect(completed[1]?.[1].permId).toBe(gateway.orders().find((o) => o.orderId === resting)?.permId);
  });

  it('can report a lower nextValidId after a reconnect; using it collides with an earlier order (103)', async () => {
    const first = client.firstId;
    client.ib.placeOrder(first, AAPL, order({ action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 1 }));
    client.ib.placeOrder(first + 1, AAPL, order({ action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 1 }));
    await client.rec.waitFor(EventName.orderStatus, statusIs(first + 1, 'Filled'));
    gateway.script.reportNextValidIdOnce(first, 5);
    const gone = gatewayEvent(gateway, (e) => e.type === 'disconnected');
    client.ib.disconnect();
    await gone;
    const announced = await reconnect(client);
    expect(announced).toBe(first);
    client.ib.placeOrder(announced, AAPL, order({ action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 1 }));
    await client.rec.waitFor(EventName.error, errorCode(announced, 103));
    // reqIds tells the truth again.
    const from = client.rec.mark();
    client.ib.reqIds();
    const [id] = (await client.rec.waitFor(EventName.nextValidId, () => true, { from })) as [number];
    expect(id).toBe(first + 2);
  });

  it('refuses a second connection with a client id already in use (326)', async () => {
    const second = await import('@stoqey/ib').then(({ IBApi }) => new IBApi({ host: gateway.host, port: gateway.port, clientId: 5 }));
    const errors: number[] = [];
    const closed = new Promise<void>((resolve) => second.on(EventName.disconnected, () => resolve()));
    second.on(EventName.error, (_e: Error, code: number) => errors.push(code));
    second.on(EventName.info, (_m: string, code: number) => errors.push(code));
    second.connect();
    await closed;
    expect(errors).toContain(326);
  });
});
