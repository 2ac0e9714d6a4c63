// The whole Workstation on Interactive Brokers through its API: the real @stoqey/ib client against the fake
// gateway. Connect, learn contracts and stream quotes, route orders to IB and trade, load history, and survive
// a dropped connection with orders refused until the session is reconciled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Order } from '../../../src/core/model/order';
import { Workstation } from '../../../src/main/workstation';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import { startFakeGateway, type FakeGateway } from '../../../src/main/venues/ib/fake-gateway';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contracts/api';
import type { IbConnectionStatus } from '../../../src/shared/contracts/ib';

describe('the workstation trading through IB (fake gateway)', () => {
  let gateway: FakeGateway;
  let ws: Workstation;
  let dataDir: string;
  const statuses: IbConnectionStatus[] = [];

  async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const reply = await ws.dispatch(method, input);
    if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
    return reply.value as MethodOutput<M>;
  }
  const state = () => ws.ib.service.status().state;

  beforeAll(async () => {
    gateway = await startFakeGateway({ port: 0, seed: 9, tickIntervalMs: 0 });
    dataDir = mkdtempSync(join(tmpdir(), 'nautilus-ib-'));
    ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), engines: [], syntheticHistory: false });
    ws.bus.subscribe('ib.connection', (s) => statuses.push(s as IbConnectionStatus));
  });
  afterAll(async () => {
    await ws?.stop();
    await gateway?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('connects with an explicit profile and reports the connection on the bus', async () => {
    const answer = await call('ib.connect', { profile: { name: 'fake gateway', host: '127.0.0.1', port: gateway.port, clientId: 17 } });
    expect(answer.profile?.port).toBe(gateway.port);
    await expect.poll(state, { timeout: 15_000 }).toBe('connected');
    expect(statuses.at(-1)).toMatchObject({ state: 'connected', canTrade: true });
    // Refused without reaching anything: a bad profile.
    expect((await ws.dispatch('ib.connect', { profile: { name: 'x', host: 'not a host!', port: 0, clientId: -1 } })).ok).toBe(false);
  });

  it('learns contracts and streams quotes into the trading core and onto the bus', async () => {
    const quotes: unknown[] = [];
    ws.bus.subscribe('market.quotes.AAPL', (q) => quotes.push(q));
    const watched = await call('ib.watch', { symbols: ['AAPL', 'NOPE'] });
    expect(watched.watching).toEqual(['AAPL']);
    expect(watched.failed.map((f) => f.symbol)).toEqual(['NOPE']);
    expect(ws.trading.core.instrument('AAPL')).toMatchObject({ symbol: 'AAPL', currency: 'USD' });
    await expect.poll(() => quotes.length, { timeout: 15_000 }).toBeGreaterThan(0);
  });

  it('routes new orders to IB and trades there: filled, with the position booked', async () => {
    expect(await call('venues.route', { venue: 'NOWHERE' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_VENUE' } });
    expect(await call('venues.route', { venue: 'IB' })).toEqual({ ok: true, value: { venue: 'IB' } });
    expect((await call('venues.list', {})).venues).toContainEqual({ name: 'IB', default: true });
    const submitted = await call('orders.submit', { symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: 10, timeInForce: 'DAY' });
    expect(submitted.ok).toBe(true);
    const id = (submitted as { value: Order }).value.clientOrderId;
    await expect.poll(() => ws.trading.core.oms.order(id)?.status, { timeout: 15_000 }).toBe('Filled');
    expect(ws.trading.core.positions.positions().find((p) => p.symbol === 'AAPL')?.quantity).toBe(10);
    // The gateway holds exactly one order for it, carrying our id in orderRef.
    expect(gateway.orders().filter((o) => o.orderRef === id)).toHaveLength(1);
  });

  it('loads IB history into the store', async () => {
    const loaded = await call('ib.backfill', { symbol: 'AAPL', timeframe: '1D', duration: '1 M' });
    expect(loaded.bars).toBeGreaterThan(10);
    const bars = await call('market.bars', { symbol: 'AAPL', timeframe: '1D' });
    expect(bars.time.length).toBe(loaded.bars);
  });

  it('refuses orders while the connection is down, reconnects, reconciles, and trades again', async () => {
    gateway.script.dropConnections();
    await expect.poll(() => ws.ib.service.status().canTrade, { timeout: 15_000 }).toBe(false);
    const refused = await call('orders.submit', { symbol: 'AAPL', side: 'SELL', type: 'MARKET', quantity: 5, timeInForce: 'DAY' });
    const refusedId = refused.ok ? refused.value.clientOrderId : undefined;
    if (refusedId) await expect.poll(() => ws.trading.core.oms.order(refusedId)?.status, { timeout: 15_000 }).toBe('Rejected');
    expect(gateway.orders().filter((o) => o.orderRef === refusedId)).toHaveLength(0);

    await expect.poll(state, { timeout: 30_000 }).toBe('connected');
    const again = await call('orders.submit', { symbol: 'AAPL', side: 'SELL', type: 'MARKET', quantity: 5, timeInForce: 'DAY' });
    const againId = again.ok ? again.value.clientOrderId : '';
    await expect.poll(() => ws.trading.core.oms.order(againId)?.status, { timeout: 15_000 }).toBe('Filled');
    expect(ws.trading.core.positions.positions().find((p) => p.symbol === 'AAPL')?.quantity).toBe(5);
  });
});
