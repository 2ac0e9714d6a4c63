// Working execution parents survive a restart on the same data directory (real SQLite record and journal): they are
// listed again with their children's fills, a TWAP finishes its schedule, cancel reaches the children, and an
// algorithm whose window ended while the workstation was down is ended with its reason logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workstation } from '../../../src/main/workstation';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contracts/api';

describe('execution parents across a restart', () => {
  let dataDir: string;
  let ws: Workstation;
  let symbol: string;

  const start = () => Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), engines: [], syntheticHistory: { seed: 11, years: 1, minuteDays: 1 }, marketIntervalMs: 10 });

  async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const reply = await ws.dispatch(method, input);
    if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
    return reply.value as MethodOutput<M>;
  }
  const parent = async (id: string) => (await call('execution.parents', {})).find((p) => p.id === id);
  const childFills = async (id: string) => (await call('orders.list', { scope: 'all' })).filter((o) => o.parentId === id).reduce((s, o) => s + o.filledQuantity, 0);
  const workingChildren = async (id: string) => (await call('orders.list', { scope: 'working' })).filter((o) => o.parentId === id);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'nautilus-execution-restart-'));
    ws = await start();
    const instruments = await call('market.instruments', {});
    symbol = instruments.find((i) => i.currency === 'USD' && i.lotSize === 1 && i.tickSize === 0.01 && i.assetClass === 'EQUITY')!.symbol;
    for (let i = 0; i < 200 && !ws.live.quote(symbol); i++) await new Promise((r) => setTimeout(r, 50));
  });
  afterAll(async () => {
    await ws?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('restores a TWAP and a SMART order with their fills, finishes the TWAP and cancels the SMART order through its children', async () => {
    // A TWAP of four slices that crosses each one, and a SMART buy resting far below the market. The window is long
    // enough that a slow restart (a loaded machine) still finds it open.
    const twap = await call('execution.submit', { symbol, side: 'SELL', quantity: 40, limitPrice: null, urgency: 'HIGH', style: { kind: 'TWAP', durationMs: 20_000, intervalMs: 5_000 } });
    if (!twap.ok) throw new Error(JSON.stringify(twap.error));
    const bid = ws.live.quote(symbol)!.bid;
    const passive = Math.round((bid * 0.95) * 100) / 100;
    const smart = await call('execution.submit', { symbol, side: 'BUY', quantity: 30, limitPrice: passive, style: { kind: 'SMART', ioc: false } });
    if (!smart.ok) throw new Error(JSON.stringify(smart.error));
    const twapId = twap.value.id;
    const smartId = smart.value.id;
    await expect.poll(async () => (await parent(twapId))?.filled, { timeout: 10_000 }).toBeGreaterThanOrEqual(10);
    expect((await workingChildren(smartId)).length).toBeGreaterThan(0);

    await ws.stop();
    ws = await start();

    const twapBack = await parent(twapId);
    expect(twapBack).toMatchObject({ algo: 'TWAP', status: 'WORKING', quantity: 40 });
    expect(twapBack!.filled).toBe(await childFills(twapId));
    expect(twapBack!.filled).toBeGreaterThanOrEqual(10);
    expect(twapBack!.filled).toBeLessThan(40);
    expect(await parent(smartId)).toMatchObject({ algo: 'SMART', status: 'WORKING', quantity: 30, filled: 0, limitPrice: passive });
    expect(ws.trading.restoredParents.map((r) => [r.parentId, r.outcome])).toEqual(expect.arrayContaining([[twapId, 'RESUMED'], [smartId, 'RESUMED']]));

    // The TWAP carries on with its schedule: it works more after the restart, and ends (FILLED, or EXPIRED when a
    // loaded machine delays its last slice past the window); its fills stay the sum of its children's throughout.
    await expect.poll(async () => (await parent(twapId))?.status, { timeout: 40_000 }).toMatch(/^(FILLED|EXPIRED)$/);
    const ended = (await parent(twapId))!;
    expect(ended.filled).toBeGreaterThan(twapBack!.filled);
    expect(ended.filled).toBe(await childFills(twapId));
    if (ended.status === 'FILLED') expect(ended.filled).toBe(40);

    // The restored SMART order works again (a resting child) and cancel on it leaves no working child.
    await expect.poll(async () => (await workingChildren(smartId)).length, { timeout: 10_000 }).toBeGreaterThan(0);
    const canceled = await call('execution.cancel', { parentId: smartId });
    expect(canceled.ok).toBe(true);
    await expect.poll(async () => (await parent(smartId))?.status, { timeout: 10_000 }).toBe('CANCELED');
    expect(await workingChildren(smartId)).toEqual([]);
  }, 90_000);

  it('ends an algorithm whose window ended while the workstation was down, with the reason logged', async () => {
    const bid = ws.live.quote(symbol)!.bid;
    const passive = Math.round((bid * 0.95) * 100) / 100;
    const twap = await call('execution.submit', { symbol, side: 'BUY', quantity: 20, limitPrice: passive, urgency: 'LOW', style: { kind: 'TWAP', durationMs: 8_000, intervalMs: 2_000 } });
    if (!twap.ok) throw new Error(JSON.stringify(twap.error));
    const id = twap.value.id;
    const endsAt = (await parent(id))!.createdAt + 8_000;
    await expect.poll(async () => (await workingChildren(id)).length, { timeout: 10_000 }).toBeGreaterThan(0);
    await ws.stop();
    // Down until its window has ended, however long the stop took.
    await new Promise((r) => setTimeout(r, Math.max(0, endsAt - Date.now()) + 500));
    ws = await start();

    expect(ws.trading.restoredParents.find((r) => r.parentId === id)).toMatchObject({ outcome: 'WINDOW_ENDED', filled: 0 });
    await expect.poll(async () => (await parent(id))?.status, { timeout: 10_000 }).toBe('EXPIRED');
    expect(await workingChildren(id)).toEqual([]);
    expect(ws.log.recent().some((e) => e.message.includes(id) && e.message.includes('window ended while the workstation was down'))).toBe(true);
  }, 60_000);
});
