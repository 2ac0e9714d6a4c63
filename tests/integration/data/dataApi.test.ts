import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataHandlers } from '../../../src/main/api/dataHandlers';
import { createDispatcher, type Dispatch } from '../../../src/main/api/dispatcher';
import { DataService } from '../../../src/main/data/dataService';
import { MarketStore } from '../../../src/main/storage/market';
import type { WorkstationApi } from '../../../src/shared/contracts/api';
import { startDataFixtureServer, type DataFixtureServer } from '../../support/dataFixtureServer';

describe('data.* over the API dispatcher', () => {
  let server: DataFixtureServer;
  let dir: string;
  let store: MarketStore;
  let dispatch: Dispatch;
  beforeEach(async () => {
    server = await startDataFixtureServer();
    dir = mkdtempSync(join(tmpdir(), 'nautilus-data-api-'));
    store = await MarketStore.open(join(dir, 'market.duckdb'));
    const service = new DataService(store, { dataDir: dir, baseUrls: { yahoo: server.baseUrl, fred: server.baseUrl }, apiKeys: { get: async () => 'test-fred-key' } });
    dispatch = createDispatcher(dataHandlers(service) as unknown as WorkstationApi, () => undefined);
  });
  afterEach(async () => {
    store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fetches, lists and refreshes', async () => {
    const fetched = await dispatch('data.fetch', { provider: 'yahoo', id: 'BTC-USD', to: Date.UTC(2020, 11, 1) });
    expect(fetched).toMatchObject({ ok: true, value: { ok: true, value: { provider: 'yahoo', id: 'BTC-USD', kind: 'bars', first: { date: '2020-01-01' }, last: { date: '2020-12-01' } } } });
    expect(await dispatch('data.fetch', { provider: 'fred', id: 'GDP' })).toMatchObject({ ok: true, value: { ok: true, value: { kind: 'series', rows: 315 } } });
    const sources = await dispatch('data.sources', {});
    expect(sources).toMatchObject({ ok: true, value: [{ provider: 'fred', id: 'GDP', storedAs: 'GDP', first: '1946-01-01' }, { provider: 'yahoo', id: 'BTC-USD', storedAs: 'BTC-USD', last: '2020-12-01' }] });
    const refreshed = await dispatch('data.refresh', { provider: 'yahoo', id: 'BTC-USD', kind: 'bars', timeframe: '1D' });
    expect(refreshed).toMatchObject({ ok: true, value: [{ ok: true, value: { last: { date: '2021-01-04' } } }] });
  });

  it('returns a provider failure as a Result naming provider, request and reason', async () => {
    const r = await dispatch('data.fetch', { provider: 'yahoo', id: 'MDLY' });
    expect(r).toMatchObject({ ok: true, value: { ok: false, error: { code: 'UNKNOWN_ID', provider: 'yahoo', message: expect.stringContaining('No data found, symbol may be delisted') } } });
  });

  it('refuses bad input with the path of the bad field, and fetches nothing', async () => {
    const r = await dispatch('data.fetch', { provider: 'bloomberg', id: 'AAPL', from: Number.NaN });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    if (!r.ok) expect(r.error.issues!.map((i) => i.path)).toEqual(expect.arrayContaining(['input.provider', 'input.from']));
    expect(await dispatch('data.fetch', { provider: 'yahoo', id: '../../etc' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(server.requests).toHaveLength(0);
  });
});
