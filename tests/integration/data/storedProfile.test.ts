// A stored symbol's sector and industry come from a provider's company profile when one is stored: Alpha Vantage's
// OVERVIEW (recorded IBM answer) is kept with the income statement facts, and the desk instrument built for IBM's
// stored bars carries it, so sector and industry concentration limits group it with its peers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataService } from '../../../src/main/data/dataService';
import { storeDataset } from '../../../src/main/data/dataStore';
import { storedRealInstrument } from '../../../src/main/data/trading/storedSymbol';
import { MarketStore } from '../../../src/main/storage/market';
import { dailyBars } from '../../support/dailyBars';
import { startDataFixtureServer, type DataFixtureServer } from '../../support/dataFixtureServer';

/** Twenty daily bars of IBM as a Yahoo fetch stores them (NYSE, New York); the recorded answers have no IBM bars. */
const ibmBars = () =>
  dailyBars({ symbol: 'IBM', currency: 'USD', exchange: 'NYQ', timeZone: 'America/New_York', utcOffsetMinutes: -240, start: { year: 2020, month: 8, day: 1 }, days: 20, firstClose: 120, step: 1, volume: 4_000_000 });

describe('a stored company profile on the desk instrument', () => {
  let server: DataFixtureServer;
  let dir: string;
  let store: MarketStore;
  beforeEach(async () => {
    server = await startDataFixtureServer();
    dir = mkdtempSync(join(tmpdir(), 'nautilus-profile-'));
    store = await MarketStore.open(join(dir, 'market.duckdb'));
    const stored = await storeDataset(store, { provider: 'yahoo', id: 'IBM', kind: 'bars', timeframe: '1D' }, ibmBars(), [], { baseUrl: 'http://127.0.0.1:1', now: 0 });
    expect(stored.ok).toBe(true);
  });
  afterEach(async () => {
    store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is UNCLASSIFIED with no profile, then takes sector, industry and name from Alpha Vantage OVERVIEW', async () => {
    const before = await storedRealInstrument(store, 'IBM', () => false);
    expect(before).toMatchObject({ ok: true, value: { instrument: { symbol: 'IBM', name: 'IBM', sector: 'UNCLASSIFIED', exchange: 'NYQ', utcOffsetMinutes: -240 } } });
    expect(before.ok && 'industry' in before.value.instrument).toBe(false);

    const service = new DataService(store, { dataDir: dir, baseUrls: { alphavantage: server.baseUrl }, apiKeys: { get: async () => 'test-av-key' } });
    expect((await service.fetch({ provider: 'alphavantage', id: 'IBM', kind: 'fundamentals', timeframe: '1D' })).ok).toBe(true);
    const after = await storedRealInstrument(store, 'IBM', () => false);
    expect(after).toMatchObject({
      ok: true,
      value: { instrument: { symbol: 'IBM', name: 'International Business Machines Corporation', sector: 'Technology', industry: 'Information Technology Services' } },
    });
  });
});
