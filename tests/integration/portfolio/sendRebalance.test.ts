// A previewed rebalance sent through the OMS of a real workstation (SQLite journal, simulated exchange, portfolio engine
// on a worker thread): the book reaches the target, a denied order changes nothing else, bad edits send nothing, baskets cancel.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTerminal } from '../../../src/core/model/order';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import { Workstation } from '../../../src/main/workstation';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contracts/api';

let dataDir: string;
let ws: Workstation;
let symbols: string[];

async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const reply = await ws.dispatch(method, input);
  if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
  return reply.value as MethodOutput<M>;
}
const positions = async (): Promise<Record<string, number>> => Object.fromEntries((await call('positions.list', {})).map((p) => [p.symbol, p.quantity]));
const orderCount = () => ws.trading.core.oms.orders().length;
const allDone = (ids: readonly string[]) => ids.every((id) => isTerminal(ws.trading.core.oms.order(id)!.status));

async function preview(cash: number) {
  const held = await positions();
  const plan = await call('portfolio.rebalance', {
    method: 'min-variance',
    symbols,
    window: 120,
    longOnly: true,
    maxWeight: 0.4,
    positions: Object.fromEntries(symbols.map((s) => [s, held[s] ?? 0])),
    cash,
  });
  if (!plan.ok) throw new Error(JSON.stringify(plan.error));
  return plan.value;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'nautilus-send-rebalance-'));
  ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), engines: ['portfolio'], syntheticHistory: { seed: 5, years: 1, minuteDays: 1 }, marketIntervalMs: 10 });
  const instruments = await call('market.instruments', {});
  symbols = instruments.filter((i) => i.currency === 'USD' && i.lotSize === 1 && i.assetClass === 'EQUITY').slice(0, 4).map((i) => i.symbol);
  expect(symbols).toHaveLength(4);
});
afterAll(async () => {
  await ws?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('portfolio.sendRebalance', () => {
  it('bad edits are refused naming the field, and nothing is sent', async () => {
    const before = orderCount();
    const plan = await preview(200_000);
    const lines = plan.orders.map(({ symbol, side, quantity }) => ({ symbol, side, quantity }));
    const nonFinite = await ws.dispatch('portfolio.sendRebalance', { orders: [lines[0], { ...lines[1]!, quantity: Number.POSITIVE_INFINITY }] });
    expect(nonFinite.ok).toBe(false);
    if (!nonFinite.ok) expect(nonFinite.error.message).toMatch(/orders\[1\]\.quantity/);
    const notANumber = await ws.dispatch('portfolio.sendRebalance', { orders: [lines[0], { ...lines[1]!, limitPrice: Number.NaN }] });
    expect(notANumber.ok).toBe(false);
    if (!notANumber.ok) expect(notANumber.error.message).toMatch(/orders\[1\]\.limitPrice/);
    const unknown = await call('portfolio.sendRebalance', { orders: [lines[0]!, { symbol: 'NOSUCH', side: 'BUY', quantity: 10 }] });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_SYMBOL', path: 'orders[1].symbol', symbol: 'NOSUCH' } });
    const fractional = await call('portfolio.sendRebalance', { orders: [lines[0]!, { ...lines[1]!, quantity: 10.5 }] });
    expect(fractional).toMatchObject({ ok: false, error: { code: 'INVALID_ORDER', path: 'orders[1].quantity', denial: { code: 'QUANTITY_NOT_ON_LOT' } } });
    const twice = await call('portfolio.sendRebalance', { orders: [lines[0]!, lines[0]!] });
    expect(twice).toMatchObject({ ok: false, error: { code: 'DUPLICATE_SYMBOL', path: 'orders[1].symbol' } });
    expect(orderCount()).toBe(before);
    expect(await positions()).toEqual({});
  });

  it('brings the simulated book to the target within lot rounding, every order tagged in the journal', async () => {
    const plan = await preview(200_000);
    expect(plan.orders.length).toBe(4);
    const sent = await call('portfolio.sendRebalance', { orders: plan.orders.map(({ symbol, side, quantity }) => ({ symbol, side, quantity })) });
    if (!sent.ok) throw new Error(JSON.stringify(sent.error));
    expect(sent.value.denied).toEqual([]);
    expect(sent.value.basketId).toBeNull();
    const ids = sent.value.sent.map((s) => s.clientOrderId);
    await expect.poll(() => allDone(ids), { timeout: 15_000 }).toBe(true);
    const held = await positions();
    const target = plan.target!;
    for (const o of plan.orders) {
      expect(held[o.symbol]).toBe(o.targetQuantity);
      // At the preview's prices the position's weight is the target's within half a lot (one share here).
      expect(Math.abs((held[o.symbol]! * o.price) / plan.equity - target.weights[o.symbol]!)).toBeLessThanOrEqual((0.5 * o.price) / plan.equity + 1e-12);
    }
    const specs = ws.trading.journal.orderSpecs();
    for (const id of ids) expect(specs.get(id)).toMatchObject({ tag: 'rebalance', type: 'MARKET' });
  });

  it('a denied order is reported with its denial; the others fill and nothing else moves', async () => {
    const held = await positions();
    // Twice the money: every order is a buy; the largest one breaks a tightened quantity limit.
    const plan = await preview(200_000 + 200_000);
    const largest = plan.orders.reduce((a, b) => (b.quantity > a.quantity ? b : a));
    const limits = await call('risk.limits', {});
    const set = await call('risk.setLimits', { limits: [...limits.filter((l) => l.id !== 'order-qty'), { id: 'order-qty', kind: 'MAX_ORDER_QUANTITY', max: largest.quantity - 1 }] });
    expect(set.ok).toBe(true);
    try {
      const before = orderCount();
      const sent = await call('portfolio.sendRebalance', { orders: plan.orders.map(({ symbol, side, quantity }) => ({ symbol, side, quantity })) });
      if (!sent.ok) throw new Error(JSON.stringify(sent.error));
      expect(sent.value.denied).toEqual([
        { index: plan.orders.indexOf(largest), symbol: largest.symbol, side: largest.side, quantity: largest.quantity, error: { code: 'QUANTITY_EXCEEDS_MAX', limitId: 'order-qty', quantity: largest.quantity, max: largest.quantity - 1 } },
      ]);
      expect(sent.value.sent.map((s) => s.symbol)).toEqual(plan.orders.filter((o) => o !== largest).map((o) => o.symbol));
      expect(orderCount()).toBe(before + plan.orders.length - 1);
      const ids = sent.value.sent.map((s) => s.clientOrderId);
      await expect.poll(() => allDone(ids), { timeout: 15_000 }).toBe(true);
      const after = await positions();
      expect(after[largest.symbol]).toBe(held[largest.symbol]);
      for (const o of plan.orders) if (o !== largest) expect(after[o.symbol]).toBe(o.targetQuantity);
    } finally {
      await call('risk.setLimits', { limits });
    }
  });

  it('a basket tags every order with one id, and cancel-basket cancels its working orders only', async () => {
    const quotes = Object.fromEntries(symbols.map((s) => [s, ws.live.quote(s)!]));
    const away = (s: string) => Math.round(quotes[s]!.bid * 0.95 * 100) / 100;
    // Resting buys well below the market, so they are still working when the basket is canceled.
    const basket = await call('portfolio.sendRebalance', { basket: true, orders: symbols.slice(0, 3).map((s) => ({ symbol: s, side: 'BUY' as const, quantity: 3, limitPrice: away(s) })) });
    if (!basket.ok) throw new Error(JSON.stringify(basket.error));
    expect(basket.value.denied).toEqual([]);
    const basketId = basket.value.basketId!;
    expect(basketId).toMatch(/^RB/);
    const other = await call('orders.submit', { symbol: symbols[3]!, side: 'BUY', type: 'LIMIT', quantity: 4, limitPrice: away(symbols[3]!), timeInForce: 'DAY' });
    if (!other.ok) throw new Error(JSON.stringify(other.error));
    const ids = basket.value.sent.map((s) => s.clientOrderId);
    const specs = ws.trading.journal.orderSpecs();
    for (const id of ids) expect(specs.get(id)).toMatchObject({ tag: `basket:${basketId}`, type: 'LIMIT' });
    await expect.poll(() => [...ids, other.value.clientOrderId].every((id) => ws.trading.core.oms.order(id)!.status === 'Accepted'), { timeout: 15_000 }).toBe(true);
    const canceled = await call('portfolio.cancelBasket', { basketId });
    expect([...canceled.canceled].sort()).toEqual([...ids].sort());
    await expect.poll(() => ids.every((id) => ws.trading.core.oms.order(id)!.status === 'Canceled'), { timeout: 15_000 }).toBe(true);
    expect(ws.trading.core.oms.order(other.value.clientOrderId)!.status).toBe('Accepted');
    expect((await call('portfolio.cancelBasket', { basketId: 'RBNOSUCH' })).canceled).toEqual([]);
  });
});
