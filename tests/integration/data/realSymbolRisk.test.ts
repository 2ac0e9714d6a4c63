// The risk engine sees a stored real symbol held on the desk like any other position: VaR from its stored closes and
// exposures under its currency and sector, computed on the risk engine in a worker thread from the current book.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../../src/core/model/order';
import { writeDataSettings } from '../../../src/main/data/dataSettings';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import { Workstation } from '../../../src/main/workstation';
import { startDataFixtureServer, type DataFixtureServer } from '../../support/dataFixtureServer';

describe('portfolio risk of a held real symbol', () => {
  let server: DataFixtureServer;
  let dataDir: string;
  let ws: Workstation;

  beforeAll(async () => {
    server = await startDataFixtureServer();
    dataDir = mkdtempSync(join(tmpdir(), 'nautilus-real-risk-'));
    expect(writeDataSettings(dataDir, { baseUrls: { yahoo: server.baseUrl } }).ok).toBe(true);
    ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), engines: ['risk'], syntheticHistory: false });
    for (let i = 0; i < 600 && !ws.supervisor.health().every((h) => h.state === 'up'); i++) await new Promise((r) => setTimeout(r, 50));
  }, 60_000);
  afterAll(async () => {
    await ws?.stop();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('values the current book with the real position: VaR over its stored returns, exposure under its sector', async () => {
    expect(await ws.dispatch('data.fetch', { provider: 'yahoo', id: 'AAPL', to: Date.UTC(2020, 10, 7) })).toMatchObject({ ok: true, value: { ok: true } });
    expect(await ws.dispatch('data.enableTrading', { symbol: 'AAPL' })).toMatchObject({ ok: true, value: { ok: true } });
    const submitted = await ws.dispatch('orders.submit', { symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: 100, timeInForce: 'DAY' });
    const id = ((submitted as { value: { value: Order } }).value.value as Order).clientOrderId;
    await expect.poll(() => ws.trading.core.oms.order(id)?.status, { timeout: 15_000 }).toBe('Filled');

    // 49 stored closes give 48 returns: a 40-day window of the current book.
    const v = await ws.dispatch('risk.var', { window: 40, methods: ['historical'], confidences: [0.95] });
    expect(v).toMatchObject({ ok: true, value: { ok: true } });
    const report = (v as { value: { value: { historical: Record<string, number>; components: { symbol: string }[] } } }).value.value;
    expect(report.historical.var95).toBeGreaterThan(0);
    expect(report.components.map((c) => c.symbol)).toEqual(['AAPL']);

    const e = await ws.dispatch('risk.exposures', {});
    expect(e).toMatchObject({ ok: true, value: { ok: true, value: { total: { positions: 1 }, bySector: [{ key: 'UNCLASSIFIED', positions: 1 }] } } });
  });
});
