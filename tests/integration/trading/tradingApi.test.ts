// Paper trading through the WorkstationApi on the simulated exchange: every order type, modify, cancel,
// brackets, flatten, denials with their reasons, the kill switch, and a restart that restores it all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Order } from '../../../src/core/model/order';
import type { Quote } from '../../../src/core/model/marketData';
import { Workstation } from '../../../src/main/workstation';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contracts/api';

const HISTORY = { seed: 11, years: 1, minuteDays: 1 };

async function startWorkstation(dataDir: string): Promise<Workstation> {
  return Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), engines: [], syntheticHistory: HISTORY, marketIntervalMs: 10 });
}

describe('trading through the API on the simulated exchange', () => {
  let dataDir: string;
  let ws: Workstation;
  let symbol: string;
  const updates: Order[] = [];

  async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const reply = await ws.dispatch(method, input);
    if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
    return reply.value as MethodOutput<M>;
  }
  const quote = (): Quote => ws.live.quote(symbol)!;
  const statusOf = (id: string) => ws.trading.core.oms.order(id)?.status;
  const submit = async (input: MethodInput<'orders.submit'>) => {
    const result = await call('orders.submit', input);
    if (!result.ok) throw new Error(`denied: ${JSON.stringify(result.error)}`);
    return result.value;
  };
  const positionOf = async (s: string) => (await call('positions.list', {})).find((p) => p.symbol === s)?.quantity ?? 0;
  const tick = (price: number) => Math.round(price * 100) / 100;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'nautilus-trading-'));
    ws = await startWorkstation(dataDir);
    ws.bus.subscribe('trading.orders', (o) => updates.push(o as Order));
    const instruments = await call('market.instruments', {});
    symbol = instruments.find((i) => i.currency === 'USD' && i.lotSize === 1 && i.tickSize === 0.01 && i.assetClass === 'EQUITY')!.symbol;
  });
  afterAll(async () => {
    await ws?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fills a market order and books the position and its P&L', async () => {
    const order = await submit({ symbol, side: 'BUY', type: 'MARKET', quantity: 100, timeInForce: 'DAY' });
    await expect.poll(() => statusOf(order.clientOrderId), { timeout: 10_000 }).toBe('Filled');
    expect(await positionOf(symbol)).toBe(100);
    const fills = (await call('fills.list', {})).filter((f) => f.clientOrderId === order.clientOrderId);
    expect(fills.reduce((sum, f) => sum + f.quantity, 0)).toBe(100);
    // A per-order minimum is paid once: later partial fills may carry no commission of their own.
    expect(fills.reduce((sum, f) => sum + f.commission, 0)).toBeGreaterThan(0);
    const seen = updates.filter((u) => u.clientOrderId === order.clientOrderId).map((u) => u.status);
    expect(seen[0]).toBe('Submitted');
    expect(seen.at(-1)).toBe('Filled');
    const pnl = await call('pnl.summary', {});
    expect(pnl.baseCurrency).toBe('USD');
    expect(pnl.commissionsBase).toBeGreaterThan(0);
  });

  it('rests a limit order away from the market, modifies it, then cancels it', async () => {
    const price = tick(quote().bid * 0.95);
    const order = await submit({ symbol, side: 'BUY', type: 'LIMIT', quantity: 10, limitPrice: price, timeInForce: 'GTC' });
    await expect.poll(() => statusOf(order.clientOrderId), { timeout: 10_000 }).toBe('Accepted');
    const modified = await call('orders.modify', { clientOrderId: order.clientOrderId, limitPrice: tick(price - 0.5), quantity: 20 });
    expect(modified.ok).toBe(true);
    await expect.poll(() => ws.trading.core.oms.order(order.clientOrderId)?.limitPrice, { timeout: 10_000 }).toBe(tick(price - 0.5));
    expect(ws.trading.core.oms.order(order.clientOrderId)?.quantity).toBe(20);
    expect((await call('orders.list', { scope: 'working' })).map((o) => o.clientOrderId)).toContain(order.clientOrderId);
    expect((await call('orders.cancel', { clientOrderId: order.clientOrderId })).ok).toBe(true);
    await expect.poll(() => statusOf(order.clientOrderId), { timeout: 10_000 }).toBe('Canceled');
  });

  it('fills a marketable limit, triggers a stop and a stop-limit', async () => {
    const limit = await submit({ symbol, side: 'BUY', type: 'LIMIT', quantity: 5, limitPrice: tick(quote().ask * 1.01), timeInForce: 'DAY' });
    // A sell stop above the bid triggers at once; a stop-limit with room in its limit fills too.
    const stop = await submit({ symbol, side: 'SELL', type: 'STOP', quantity: 5, stopPrice: tick(quote().bid * 1.02), timeInForce: 'DAY' });
    const stopLimit = await submit({ symbol, side: 'SELL', type: 'STOP_LIMIT', quantity: 5, stopPrice: tick(quote().bid * 1.02), limitPrice: tick(quote().bid * 0.98), timeInForce: 'DAY' });
    for (const o of [limit, stop, stopLimit]) await expect.poll(() => statusOf(o.clientOrderId), { timeout: 10_000 }).toBe('Filled');
  });

  it('kills an IOC and a FOK that cannot fill at once, filling nothing', async () => {
    // Quantities differ from the earlier resting order, or the duplicate-order window would (rightly) refuse them.
    const ioc = await submit({ symbol, side: 'BUY', type: 'LIMIT', quantity: 11, limitPrice: tick(quote().bid * 0.95), timeInForce: 'IOC' });
    const fok = await submit({ symbol, side: 'BUY', type: 'LIMIT', quantity: 12, limitPrice: tick(quote().bid * 0.95), timeInForce: 'FOK' });
    for (const o of [ioc, fok]) {
      await expect.poll(() => statusOf(o.clientOrderId), { timeout: 10_000 }).toBe('Canceled');
      expect(ws.trading.core.oms.order(o.clientOrderId)?.filledQuantity).toBe(0);
    }
  });

  it('places a bracket whose exits go out when the entry fills, linked to it', async () => {
    const q = quote();
    const result = await call('orders.submitBracket', {
      entry: { symbol, side: 'BUY', type: 'MARKET', quantity: 10, timeInForce: 'DAY' },
      takeProfitPrice: tick(q.ask * 1.2),
      stopLossPrice: tick(q.bid * 0.8),
    });
    expect(result.ok).toBe(true);
    const entry = result.ok ? result.value : undefined;
    await expect.poll(() => statusOf(entry!.clientOrderId), { timeout: 10_000 }).toBe('Filled');
    await expect
      .poll(() => ws.trading.core.oms.workingOrders().filter((o) => o.parentId === entry!.clientOrderId).map((o) => o.bracketRole).sort(), { timeout: 10_000 })
      .toEqual(['STOP_LOSS', 'TAKE_PROFIT']);
  });

  it('denies an order that breaks a limit, with the reason, and sends nothing', async () => {
    const limits = await call('risk.limits', {});
    const set = await call('risk.setLimits', { limits: [...limits.filter((l) => l.id !== 'order-qty'), { id: 'order-qty', kind: 'MAX_ORDER_QUANTITY', max: 50 }] });
    expect(set.ok).toBe(true);
    const before = ws.trading.journal.count();
    const denied = await call('orders.submit', { symbol, side: 'BUY', type: 'MARKET', quantity: 60, timeInForce: 'DAY' });
    expect(denied).toEqual({ ok: false, error: { code: 'QUANTITY_EXCEEDS_MAX', limitId: 'order-qty', quantity: 60, max: 50 } });
    expect(ws.trading.journal.count()).toBe(before);
    const preview = await call('risk.preview', { symbol, side: 'BUY', type: 'MARKET', quantity: 60, timeInForce: 'DAY' });
    expect(preview.denial).toMatchObject({ code: 'QUANTITY_EXCEEDS_MAX' });
    expect(preview.notional).toBeGreaterThan(0);
    expect((await call('risk.utilization', {})).some((u) => u.id === 'order-qty')).toBe(true);
    await call('risk.setLimits', { limits });
  });

  it('refuses malformed orders with the path of the bad field', async () => {
    const reply = await ws.dispatch('orders.submit', { symbol: 'acme', side: 'HOLD', type: 'MARKET', quantity: -1, timeInForce: 'DAY' });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.issues?.map((i) => i.path).sort()).toEqual(['input.quantity', 'input.side', 'input.symbol']);
  });

  it('kill switch: cancels every working order, blocks new ones until re-enabled, allows reducing', async () => {
    const resting = await submit({ symbol, side: 'BUY', type: 'LIMIT', quantity: 3, limitPrice: tick(quote().bid * 0.95), timeInForce: 'GTC' });
    await expect.poll(() => statusOf(resting.clientOrderId), { timeout: 10_000 }).toBe('Accepted');
    const haltsOnDisk = () => [...ws.trading.journal.records()].filter((r) => r.kind === 'KILL_SWITCH').length;
    const before = haltsOnDisk();
    expect((await call('risk.killSwitch', { engaged: true, reason: 'test' })).ok).toBe(true);
    // The reply came after the commit that records the halt: it is on disk already.
    expect(haltsOnDisk()).toBe(before + 1);
    await expect.poll(() => ws.trading.core.oms.workingOrders().length, { timeout: 10_000 }).toBe(0);
    const blocked = await call('orders.submit', { symbol, side: 'BUY', type: 'MARKET', quantity: 1, timeInForce: 'DAY' });
    expect(blocked).toMatchObject({ ok: false, error: { code: 'KILL_SWITCH_ENGAGED' } });
    const reducing = await call('orders.submit', { symbol, side: 'SELL', type: 'MARKET', quantity: 1, timeInForce: 'DAY' });
    expect(reducing.ok).toBe(true);
    expect((await call('risk.status', {})).killSwitch.engaged).toBe(true);
    expect((await call('risk.killSwitch', { engaged: false })).ok).toBe(true);
    expect((await call('orders.submit', { symbol, side: 'BUY', type: 'MARKET', quantity: 1, timeInForce: 'DAY' })).ok).toBe(true);
  });

  it('flattens a position', async () => {
    await expect.poll(() => ws.trading.core.oms.workingOrders().length, { timeout: 10_000 }).toBe(0);
    const flat = await call('positions.flatten', { symbol });
    expect(flat.ok).toBe(true);
    await expect.poll(() => positionOf(symbol), { timeout: 10_000 }).toBe(0);
  });

  it('restores orders, fills and positions from the journal after a restart', async () => {
    const buy = await submit({ symbol, side: 'BUY', type: 'MARKET', quantity: 7, timeInForce: 'DAY' });
    await expect.poll(() => statusOf(buy.clientOrderId), { timeout: 10_000 }).toBe('Filled');
    const orders = (await call('orders.list', { scope: 'all' })).map((o) => [o.clientOrderId, o.status]);
    const positions = await call('positions.list', {});
    await ws.stop();
    ws = await startWorkstation(dataDir);
    expect((await call('orders.list', { scope: 'all' })).map((o) => [o.clientOrderId, o.status])).toEqual(orders);
    expect((await call('positions.list', {})).map((p) => [p.symbol, p.quantity])).toEqual(positions.map((p) => [p.symbol, p.quantity]));
    const next = await submit({ symbol, side: 'SELL', type: 'MARKET', quantity: 7, timeInForce: 'DAY' });
    expect(orders.map(([id]) => id)).not.toContain(next.clientOrderId);
  });
});
