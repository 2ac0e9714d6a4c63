// Issue 10, items 1 and 3 through the real backend on one data directory: fills keep landing after a restart
// (the simulated venue used to renumber executions SIM-E1.. and the OMS dropped them as duplicates), and a
// reply or an event reaches the client only once what it reports is in the journal on disk.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Order } from '../../../src/core/model/order';
import { Workstation } from '../../../src/main/workstation';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import { SqliteJournal } from '../../../src/main/storage/journal/sqliteJournal';

const HISTORY = { seed: 11, years: 1, minuteDays: 1 };
const dirs: string[] = [];
const open: Workstation[] = [];
afterEach(async () => {
  for (const ws of open.splice(0)) await ws.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(dataDir: string): Promise<Workstation> {
  const ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), engines: [], syntheticHistory: HISTORY, marketIntervalMs: 10 });
  open.push(ws);
  return ws;
}
async function stop(ws: Workstation): Promise<void> {
  open.splice(open.indexOf(ws), 1);
  await ws.stop();
}
const symbolOf = (ws: Workstation) => ws.desk.equities.find((i) => i.currency === 'USD' && i.lotSize === 1 && i.assetClass === 'EQUITY')!.symbol;

async function buyAtMarket(ws: Workstation, symbol: string, quantity: number): Promise<Order> {
  const reply = await ws.dispatch('orders.submit', { symbol, side: 'BUY', type: 'MARKET', quantity, timeInForce: 'DAY' });
  if (!reply.ok) throw new Error(reply.error.message);
  const result = reply.value as { ok: true; value: Order } | { ok: false; error: unknown };
  if (!result.ok) throw new Error(`denied: ${JSON.stringify(result.error)}`);
  return result.value;
}
const position = (ws: Workstation, symbol: string) => ws.trading.core.positions.quantity(ws.trading.core.oms.account, symbol);

describe('the backend across restarts on one data directory', () => {
  it('fills three market orders, restarts, and fills three more: positions move, nothing is dropped or logged as an error', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nautilus-restart-fills-'));
    dirs.push(dataDir);
    const first = await start(dataDir);
    const symbol = symbolOf(first);
    const before: Order[] = [];
    for (const q of [10, 20, 30]) before.push(await buyAtMarket(first, symbol, q));
    await expect.poll(() => before.map((o) => first.trading.core.oms.order(o.clientOrderId)?.status), { timeout: 10_000 }).toEqual(['Filled', 'Filled', 'Filled']);
    expect(position(first, symbol)).toBe(60);
    await stop(first);

    const second = await start(dataDir);
    expect(position(second, symbol)).toBe(60);
    const errors: string[] = [];
    second.bus.subscribe('system.log', (e) => {
      const entry = e as { level: string; message: string };
      if (entry.level === 'error') errors.push(entry.message);
    });
    const after: Order[] = [];
    for (const q of [1, 2, 3]) after.push(await buyAtMarket(second, symbol, q));
    await expect.poll(() => after.map((o) => second.trading.core.oms.order(o.clientOrderId)?.status), { timeout: 10_000 }).toEqual(['Filled', 'Filled', 'Filled']);
    expect(position(second, symbol)).toBe(66);
    expect(after.every((o) => o.clientOrderId > before.at(-1)!.clientOrderId)).toBe(true);
    const fills = second.trading.fills.filter((f) => f.symbol === symbol);
    expect(new Set(fills.map((f) => f.executionId)).size).toBe(fills.length);
    expect(errors).toEqual([]);
  });

  it('a reply and every order and fill event are released only when their records are on disk; a refused write answers an error and publishes nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nautilus-durable-reply-'));
    dirs.push(dataDir);
    const ws = await start(dataDir);
    const symbol = symbolOf(ws);
    // A second connection to the same file reads only what is committed.
    const reader = SqliteJournal.open(join(dataDir, 'workstation.sqlite'));
    const durableOrders = () => new Set([...reader.records()].flatMap((r) => (r.kind === 'ORDER_SUBMITTED' ? [r.order.clientOrderId] : [])));
    const durableFills = () => new Set([...reader.records()].flatMap((r) => (r.kind === 'VENUE_EVENT' && r.event.kind === 'FILL' ? [r.event.executionId] : [])));
    const notDurableAtPublish: string[] = [];
    ws.bus.subscribe('trading.orders', (o) => {
      if (!durableOrders().has((o as Order).clientOrderId)) notDurableAtPublish.push(`order ${(o as Order).clientOrderId}`);
    });
    ws.bus.subscribe('trading.fills', (f) => {
      const { fill } = f as { fill: { executionId: string } };
      if (!durableFills().has(fill.executionId)) notDurableAtPublish.push(`fill ${fill.executionId}`);
    });
    try {
      const orders: Order[] = [];
      for (let i = 0; i < 5; i++) {
        const order = await buyAtMarket(ws, symbol, 1 + i);
        expect(durableOrders().has(order.clientOrderId), `reply for ${order.clientOrderId} before its commit`).toBe(true);
        orders.push(order);
      }
      await expect.poll(() => orders.every((o) => ws.trading.core.oms.order(o.clientOrderId)?.status === 'Filled'), { timeout: 10_000 }).toBe(true);
      await expect.poll(() => ws.trading.fills.filter((f) => orders.some((o) => o.clientOrderId === f.clientOrderId)).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
      expect(notDurableAtPublish).toEqual([]);

      // The disk refuses the next group commit.
      let published = 0;
      ws.bus.subscribe('trading.orders', () => (published += 1));
      ws.sqlite.exec("CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.journal_group BEGIN SELECT RAISE(ABORT, 'disk refused'); END");
      const refused = await ws.dispatch('orders.submit', { symbol, side: 'BUY', type: 'MARKET', quantity: 7, timeInForce: 'DAY' });
      expect(refused).toMatchObject({ ok: false, error: { message: expect.stringMatching(/order journal could not be written.*disk refused/) } });
      expect(published).toBe(0);
      expect(ws.log.recent().some((e) => e.level === 'error' && /trading stopped/.test(e.message))).toBe(true);
    } finally {
      reader.close();
    }
  });
});
