import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataService } from '../../../src/main/data/dataService';
import { MarketStore, seedSyntheticHistory } from '../../../src/main/storage/market';
import { startDataFixtureServer, type DataFixtureServer } from '../../support/dataFixtureServer';

describe('real bars fetched before the first start', () => {
  let server: DataFixtureServer;
  let dir: string;
  let store: MarketStore;
  beforeEach(async () => {
    server = await startDataFixtureServer();
    dir = mkdtempSync(join(tmpdir(), 'nautilus-seed-'));
    store = await MarketStore.open(join(dir, 'market.duckdb'));
  });
  afterEach(async () => {
    store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('do not stop the synthetic history from being seeded', async () => {
    const service = new DataService(store, { dataDir: dir, baseUrls: { yahoo: server.baseUrl }, apiKeys: { get: async () => undefined } });
    expect((await service.fetch({ provider: 'yahoo', id: 'AAPL', kind: 'bars', timeframe: '1D' })).ok).toBe(true);
    expect(await store.countBarsNotFetched()).toBe(0);
    const seeded = await seedSyntheticHistory(store, { seed: 1, years: 1, minuteDays: 1, endTime: Date.UTC(2026, 0, 2) });
    expect(seeded.ok).toBe(true);
    expect(await store.countBarsNotFetched()).toBeGreaterThan(0);
    expect((await store.readBars('AAPL', '1D')).time.length).toBe(49);
    // A second seed is still refused once synthetic bars exist.
    expect(await seedSyntheticHistory(store, { seed: 1, years: 1, minuteDays: 1, endTime: Date.UTC(2026, 0, 2) })).toMatchObject({ ok: false, error: { code: 'STORE_NOT_EMPTY' } });
  });
});
