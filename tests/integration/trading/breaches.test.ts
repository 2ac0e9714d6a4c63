// The limit monitor in the live backend: a breach is stored in SQLite, published on `risk.breaches`, logged, switches
// the account to reduce-only when the limit says so, and is listed by `risk.breaches`; the history survives a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Workstation, SQLITE_FILE } from '../../../src/main/workstation';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contracts/api';
import type { BreachEvent } from '../../../src/shared/contracts/risk';
import type { LogEntry } from '../../../src/shared/contracts/system';

const HISTORY = { seed: 11, years: 1, minuteDays: 1 };
const start = (dataDir: string) =>
  Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), engines: [], syntheticHistory: HISTORY, marketIntervalMs: 10 });

describe('limit breaches in the live backend', () => {
  let dataDir: string;
  let ws: Workstation;
  let symbol: string;
  const events: BreachEvent[] = [];
  const logs: LogEntry[] = [];

  async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const reply = await ws.dispatch(method, input);
    if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
    return reply.value as MethodOutput<M>;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'nautilus-breaches-'));
    ws = await start(dataDir);
    ws.bus.subscribe('risk.breaches', (e) => events.push(e as BreachEvent));
    ws.bus.subscribe('system.log', (e) => logs.push(e as LogEntry));
    const instruments = await call('market.instruments', {});
    symbol = instruments.find((i) => i.currency === 'USD' && i.lotSize === 1 && i.assetClass === 'EQUITY')!.symbol;
  });
  afterAll(async () => {
    await ws?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('validates the new kinds at the API boundary, naming the field', async () => {
    const reply = await ws.dispatch('risk.setLimits', { limits: [{ id: 'v', kind: 'MAX_VAR', max: 1_000, confidence: 1.5 }] } as never);
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.message).toMatch(/confidence/);
    expect(await call('risk.limits', {})).not.toContainEqual(expect.objectContaining({ id: 'v' }));
  });

  it('stores, publishes and logs a breach, switches to reduce-only, and refuses an increasing order', async () => {
    const order = await call('orders.submit', { symbol, side: 'BUY', type: 'MARKET', quantity: 10, timeInForce: 'DAY' });
    expect(order.ok).toBe(true);
    await expect.poll(() => ws.trading.core.risk.book.symbols.get(symbol)?.position, { timeout: 10_000 }).toBe(10);
    const defaults = await call('risk.limits', {});
    const set = await call('risk.setLimits', { limits: [...defaults, { id: 'tiny-gross', kind: 'MAX_GROSS_EXPOSURE', max: 1, onBreach: 'REDUCE_ONLY' }] });
    expect(set.ok).toBe(true);

    await expect.poll(() => events.length, { timeout: 5_000 }).toBeGreaterThan(0);
    expect(events[0]).toMatchObject({ state: 'OPENED', breach: { id: expect.any(Number), limitId: 'tiny-gross', kind: 'MAX_GROSS_EXPOSURE', threshold: 1, action: 'REDUCE_ONLY', clearedAt: null } });
    expect(events[0]?.breach.value).toBeGreaterThan(1);
    expect(logs.some((l) => l.level === 'warn' && l.message.includes('limit tiny-gross breached'))).toBe(true);
    expect((await call('risk.status', {})).reduceOnly).toMatchObject({ engaged: true, by: 'risk monitor: limit tiny-gross breached' });

    const refused = await call('orders.submit', { symbol, side: 'BUY', type: 'MARKET', quantity: 1, timeInForce: 'DAY' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'REDUCE_ONLY' } });

    const history = await call('risk.breaches', { from: Date.now() - 60_000 });
    expect(history).toEqual([expect.objectContaining({ limitId: 'tiny-gross', clearedAt: null })]);
    expect(await call('risk.breaches', { from: Date.now() + 60_000 })).toEqual(history); // still open: part of any later day
  });

  it('clears the breach when the limit is loosened, and keeps the history across a restart', async () => {
    const limits = (await call('risk.limits', {})).map((l) => (l.id === 'tiny-gross' ? { ...l, max: 1e12 } : l));
    expect((await call('risk.setLimits', { limits })).ok).toBe(true);
    await expect.poll(() => events.map((e) => e.state), { timeout: 5_000 }).toEqual(['OPENED', 'CLEARED']);
    expect(events[1]?.breach).toMatchObject({ id: events[0]?.breach.id, limitId: 'tiny-gross', clearedAt: expect.any(Number) });

    await ws.stop();
    const db = new Database(join(dataDir, SQLITE_FILE), { readonly: true });
    const rows = db.prepare('SELECT limit_id, kind, action, cleared_at FROM risk_breaches').all();
    db.close();
    expect(rows).toEqual([{ limit_id: 'tiny-gross', kind: 'MAX_GROSS_EXPOSURE', action: 'REDUCE_ONLY', cleared_at: expect.any(Number) }]);
    ws = await start(dataDir);
    expect(await call('risk.breaches', {})).toEqual([expect.objectContaining({ limitId: 'tiny-gross', clearedAt: expect.any(Number) })]);
  });
});
