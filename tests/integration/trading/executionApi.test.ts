// SMART orders, algorithms and TCA through the WorkstationApi on the simulated exchange: children carry the parent's
// id and pass the same order path; bad input names the field and sends nothing; TCA reports on the parent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workstation } from '../../../src/main/workstation';
import { TCA_LOG_FILE, TcaLog } from '../../../src/main/trading/tcaLog';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contracts/api';
import { AlgoRunner } from '../../../src/core/execution/algoRunner';
import { isSimulatedVenue } from '../../../src/core/execution/venueProfile';

describe('execution through the API', () => {
  let dataDir: string;
  let ws: Workstation;
  let symbol: string;

  async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const reply = await ws.dispatch(method, input);
    if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
    return reply.value as MethodOutput<M>;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'nautilus-execution-'));
    ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), engines: [], syntheticHistory: { seed: 11, years: 1, minuteDays: 1 }, marketIntervalMs: 10 });
    const instruments = await call('market.instruments', {});
    symbol = instruments.find((i) => i.currency === 'USD' && i.lotSize === 1 && i.tickSize === 0.01 && i.assetClass === 'EQUITY')!.symbol;
    for (let i = 0; i < 200 && !ws.live.quote(symbol); i++) await new Promise((r) => setTimeout(r, 50));
  });
  afterAll(async () => {
    await ws?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the live desk is the trading node’s own, running the AlgoRunner a backtest runs', () => {
    expect(ws.trading.execution).toBe(ws.trading.node.execution);
    expect(ws.trading.execution.algos).toBeInstanceOf(AlgoRunner);
  });

  it('a SMART market order fills through children that carry its id, with each decision and a TCA report', async () => {
    const submitted = await call('execution.submit', { symbol, side: 'BUY', quantity: 50, limitPrice: null, style: { kind: 'SMART', ioc: false } });
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.error));
    const id = submitted.value.id;
    await expect.poll(async () => (await call('execution.detail', { parentId: id }))?.parent.status, { timeout: 10_000 }).toBe('FILLED');
    const detail = (await call('execution.detail', { parentId: id }))!;
    // Taken at the touch on the simulated market's venues (the cheapest to take from first).
    expect(detail.decisions[0]!.reason).toBe('NEW');
    const venues = detail.decisions[0]!.children.map((c) => c.venue);
    expect(venues.length).toBeGreaterThan(0);
    expect(venues.every(isSimulatedVenue)).toBe(true);
    const children = (await call('orders.list', { scope: 'all' })).filter((o) => o.parentId === id);
    expect(children.reduce((s, o) => s + o.filledQuantity, 0)).toBe(50);
    const report = (await call('tca.report', { parentId: id }))!;
    expect(report).toMatchObject({ parentId: id, algo: 'SMART', filledQuantity: 50 });
    expect(report.shortfall.amount).toBeCloseTo(report.spread.amount + report.impact.amount + report.timing.amount + report.fees.amount, 2);
    const byVenue = await call('tca.rollup', { by: 'venue', from: 0, to: Date.now() + 60_000 });
    expect(byVenue.filter((g) => venues.includes(g.key)).reduce((sum, g) => sum + g.filledQuantity, 0)).toBeGreaterThanOrEqual(50);
    // The finished parent's TCA inputs are in the data directory's log, for `nautilus tca`.
    // All of its fills, on the venues its decision chose, make the 50.
    const logged = new TcaLog(join(dataDir, TCA_LOG_FILE)).read();
    const entry = logged.ok ? logged.value.find((p) => p.parentId === id) : undefined;
    expect(entry).toMatchObject({ algo: 'SMART' });
    expect(entry!.fills.length).toBeGreaterThan(0);
    expect(entry!.fills.every((f) => venues.includes(f.venue))).toBe(true);
    expect(entry!.fills.reduce((s, f) => s + f.quantity, 0)).toBe(50);
  });

  it('a TWAP works on the wall clock and cancel on the parent leaves no working child', async () => {
    const submitted = await call('execution.submit', { symbol, side: 'SELL', quantity: 40, limitPrice: null, urgency: 'HIGH', style: { kind: 'TWAP', durationMs: 600_000, intervalMs: 60_000 } });
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.error));
    const id = submitted.value.id;
    await expect.poll(async () => (await call('execution.detail', { parentId: id }))?.parent.filled, { timeout: 10_000 }).toBe(4);
    const canceled = await call('execution.cancel', { parentId: id });
    expect(canceled.ok).toBe(true);
    await expect.poll(async () => (await call('execution.detail', { parentId: id }))?.parent.status, { timeout: 10_000 }).toBe('CANCELED');
    expect((await call('orders.list', { scope: 'working' })).filter((o) => o.parentId === id)).toEqual([]);
  });

  it('keeps the per-venue statistics across a restart', async () => {
    const before = await call('execution.venueStats', {});
    expect(before.filter((v) => isSimulatedVenue(v.venue) && v.ordersSent > 0).length).toBeGreaterThan(0);
    await ws.stop();
    ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), engines: [], syntheticHistory: { seed: 11, years: 1, minuteDays: 1 }, marketIntervalMs: 10 });
    expect(await call('execution.venueStats', {})).toEqual(before);
  });

  it('refuses bad input naming the field, and sends nothing', async () => {
    const before = (await call('orders.list', { scope: 'all' })).length;
    const pov = await call('execution.submit', { symbol, side: 'BUY', quantity: 100, limitPrice: null, style: { kind: 'POV', durationMs: 600_000, participation: 0.75 } });
    expect(pov).toMatchObject({ ok: false, error: { code: 'PARTICIPATION_OUT_OF_RANGE', field: 'participation' } });
    const iceberg = await call('execution.submit', { symbol, side: 'BUY', quantity: 100, limitPrice: 1, style: { kind: 'ICEBERG', durationMs: 600_000, displayQuantity: 500 } });
    expect(iceberg).toMatchObject({ ok: false, error: { code: 'DISPLAY_EXCEEDS_ORDER', field: 'displayQuantity' } });
    const twap = await call('execution.submit', { symbol, side: 'BUY', quantity: 100, limitPrice: null, style: { kind: 'TWAP', durationMs: 30_000, intervalMs: 60_000 } });
    expect(twap).toMatchObject({ ok: false, error: { code: 'WINDOW_SHORTER_THAN_INTERVAL', field: 'endTime' } });
    const malformed = await ws.dispatch('execution.submit', { symbol, side: 'BUY', quantity: Number.POSITIVE_INFINITY, limitPrice: null, style: { kind: 'SMART', ioc: false } } as never);
    expect(malformed.ok).toBe(false);
    expect((await call('orders.list', { scope: 'all' })).length).toBe(before);
  });
});
