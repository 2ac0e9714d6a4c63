// IBApiNext (the rxjs client) against the fake: connect, requests, an order by permId, and reconnect after info 1100.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { filter, firstValueFrom } from 'rxjs';
import { ConnectionState, IBApiNext, OrderAction, OrderType, type Logger } from '@stoqey/ib';
import type { FakeGateway } from '../../../src/main/venues/ib/fake-gateway';
import { AAPL, gatewayEvent, startGateway } from './helpers';

const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

describe('fake IB Gateway: IBApiNext', () => {
  let gateway: FakeGateway;
  let api: IBApiNext;

  beforeEach(async () => {
    // Order ids far from IBApiNext's request ids (1, 2, …) so a 202 cannot error a subscription.
    gateway = await startGateway({ firstOrderId: 50_000 });
    gateway.script.setPrice('AAPL', 200);
    api = new IBApiNext({ host: gateway.host, port: gateway.port, reconnectInterval: 200, logger: silent });
  });
  afterEach(async () => {
    api.disconnect();
    await gateway.close();
  });

  const connected = () => firstValueFrom(api.connectionState.pipe(filter((s) => s === ConnectionState.Connected)));

  it('connects, answers requests and tracks an order to Filled', async () => {
    const up = connected();
    api.connect(31);
    await up;
    const time = await api.getCurrentTime();
    expect(time).toBeGreaterThan(1_600_000_000);
    const details = await api.getContractDetails(AAPL);
    expect(details[0]?.minTick).toBe(0.01);
    const orderId = await api.placeNewOrder(AAPL, { action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 3, transmit: true });
    expect(orderId).toBe(50_000);
    // getExecutionDetails also collects live fills (reqId -1) that arrive while it runs; let the fill land first.
    await api.getCurrentTime();
    const executions = await api.getExecutionDetails({ clientId: '31' });
    expect(executions.map((e) => [e.execution.orderId, e.execution.shares])).toEqual([[50_000, 3]]);
    const open = await api.getAllOpenOrders();
    expect(open).toEqual([]);
  });

  it('closes on info 1100 and reconnects with the same fixed client id', async () => {
    // connectionState turns Connected at the server hello; the gateway knows the client id only after START_API.
    const started = gatewayEvent(gateway, (e) => e.type === 'connected' && e.clientId === 32);
    api.connect(32);
    await started;
    const dropped = gatewayEvent(gateway, (e) => e.type === 'disconnected' && e.clientId === 32);
    const back = gatewayEvent(gateway, (e) => e.type === 'connected' && e.clientId === 32);
    gateway.script.sendConnectivity(1100);
    await dropped;
    await back;
    await connected();
    expect(await api.getCurrentTime()).toBeGreaterThan(0);
  });
});
