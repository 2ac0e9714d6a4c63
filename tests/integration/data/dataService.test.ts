import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataProvider } from '../../../src/core/data/dataError';
import { isoDate, parseIsoDate } from '../../../src/core/data/exchangeDate';
import { observationsAsOf } from '../../../src/core/data/macroSeries';
import type { DatasetRequest } from '../../../src/main/data/connector';
import { DataService } from '../../../src/main/data/dataService';
import { readAdjustments, readFacts, readFetches, readObservations, storeDataset } from '../../../src/main/data/dataStore';
import { MarketStore } from '../../../src/main/storage/market';
import { startDataFixtureServer, type DataFixtureServer } from '../../support/dataFixtureServer';

const KEYS: Partial<Record<DataProvider, string>> = { fred: 'test-fred-key', alphavantage: 'test-av-key' };
const UA = 'Nautilus Workstation tests ops@example.com';

describe('DataService: fetch into market.duckdb from the fixture server', () => {
  let server: DataFixtureServer;
  let dir: string;
  let store: MarketStore;
  let service: DataService;
  const make = (secUserAgent: string | null = UA) =>
    new DataService(store, {
      dataDir: dir,
      baseUrls: { yahoo: server.baseUrl, fred: server.baseUrl, edgar: server.baseUrl, alphavantage: server.baseUrl, dbnomics: server.baseUrl },
      apiKeys: { get: async (p) => KEYS[p] },
      ...(secUserAgent ? { secUserAgent } : {}),
      backoffMs: 1,
      intervalMs: { alphavantage: 0 },
    });
  beforeEach(async () => {
    server = await startDataFixtureServer();
    dir = mkdtempSync(join(tmpdir(), 'nautilus-data-'));
    store = await MarketStore.open(join(dir, 'market.duckdb'));
    service = make();
  });
  afterEach(async () => {
    store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const req = (provider: DataProvider, id: string, extra: Partial<DatasetRequest> = {}): DatasetRequest => ({
    provider,
    id,
    kind: provider === 'fred' || provider === 'dbnomics' ? 'series' : provider === 'edgar' ? 'fundamentals' : 'bars',
    timeframe: '1D',
    ...extra,
  });
  const tableCount = async (table: string): Promise<number> =>
    Number((await store.exclusive((c) => c.runAndReadAll(`SELECT count(*)::DOUBLE FROM ${table}`))).getRows()[0]![0]);

  it('stores Yahoo daily bars in the bar store, with factors, actions and provenance', async () => {
    const r = await service.fetch(req('yahoo', 'AAPL', { from: parseIsoDate('2020-08-31')!, to: parseIsoDate('2020-11-06')! }));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value).toEqual({
      provider: 'yahoo',
      id: 'AAPL',
      kind: 'bars',
      rows: 49,
      first: { date: '2020-08-31', open: 127.58000183105469, high: 131, low: 126, close: 129.0399932861328, volume: 225702700 },
      last: expect.objectContaining({ date: '2020-11-06' }),
    });
    const bars = await store.readBars('AAPL', '1D');
    expect(bars.time.length).toBe(49);
    expect(await store.listSymbols('1D')).toContain('AAPL');
    const adjustments = await readAdjustments(store, 'AAPL', '1D');
    expect(adjustments).toHaveLength(49);
    expect(adjustments[0]!.dividendFactor).toBeCloseTo(125.82673645019531 / 129.0399932861328, 12);
    expect(await tableCount('corporate_actions')).toBe(2);
    const instruments = await store.listInstruments();
    expect(instruments.find((i) => i.symbol === 'AAPL')).toMatchObject({ currency: 'USD', exchange: 'NMS', utcOffsetMinutes: -300 });
    const fetches = await readFetches(store, 'yahoo', 'bars:AAPL');
    expect(fetches).toHaveLength(1);
    expect(fetches[0]).toMatchObject({ status: 200, rows: 49, fromCache: false });
    const [source] = await service.sources();
    expect(source).toMatchObject({ provider: 'yahoo', id: 'AAPL', kind: 'bars', storedAs: 'AAPL', rows: 49, baseUrl: server.baseUrl });
  });

  it('refreshes incrementally: only from the last stored bar', async () => {
    expect((await service.fetch(req('yahoo', 'BTC-USD', { to: parseIsoDate('2020-06-30')! }))).ok).toBe(true);
    const [source] = await service.sources();
    expect(isoDate(source!.lastTime!)).toBe('2020-06-30');
    const before = source!.rows;
    const refreshed = await service.refresh(source!);
    if (!refreshed.ok) throw new Error(JSON.stringify(refreshed.error));
    const chart = server.requests.filter((r) => r.path.startsWith('/v8/finance/chart/'));
    expect(chart).toHaveLength(2);
    // The refresh asked Yahoo from the last stored session, not from the beginning.
    expect(Number(chart[1]!.query.get('period1')) * 1000).toBe(source!.lastTime);
    expect((await store.readBars('BTC-USD', '1D')).time.length).toBe(366);
    expect(refreshed.value.rows).toBe(366 - before + 1);
    expect(refreshed.value.last).toMatchObject({ date: '2021-01-04' });
  });

  it('fetches the whole history again when new bars bring a dividend or split (older factors all change)', async () => {
    expect((await service.fetch(req('yahoo', 'AAPL', { from: parseIsoDate('2020-08-31')!, to: parseIsoDate('2020-10-01')! }))).ok).toBe(true);
    const [source] = await service.sources();
    const refreshed = await service.refresh(source!);
    if (!refreshed.ok) throw new Error(JSON.stringify(refreshed.error));
    const periods = server.requests.filter((r) => r.path.startsWith('/v8/finance/chart/')).map((r) => Number(r.query.get('period1')));
    expect(periods).toEqual([Date.UTC(2020, 7, 31) / 1000, Date.UTC(2020, 9, 1) / 1000, 0]);
    expect(refreshed.value.rows).toBe(49);
    const adjustments = await readAdjustments(store, 'AAPL', '1D');
    // The first bar's factor now includes the 2020-11-06 dividend, as Yahoo's adjclose does.
    expect(adjustments[0]!.dividendFactor).toBeCloseTo(125.82673645019531 / 129.0399932861328, 12);
    expect((await readFetches(store, 'yahoo', 'bars:AAPL')).length).toBe(3);
  });

  it('stores a FRED series with "." as missing, and ALFRED vintages readable as of a date', async () => {
    const plain = await service.fetch(req('fred', 'GDP'));
    if (!plain.ok) throw new Error(JSON.stringify(plain.error));
    expect(plain.value).toMatchObject({ kind: 'series', rows: 315, first: { date: '1946-01-01', value: null } });
    const stored = await readObservations(store, 'fred', 'GDP');
    expect(stored.filter((o) => o.value === null)).toHaveLength(4);
    // Fetched without vintages: known from FRED's realtime day (2024-12-19 in the recording) and still current after it.
    expect(observationsAsOf(stored, parseIsoDate('2026-01-01')!)).toHaveLength(315);
    expect(observationsAsOf(stored, parseIsoDate('2024-12-18')!)).toHaveLength(0);

    const vintages = await service.fetch(req('fred', 'GDP', { vintages: true }));
    if (!vintages.ok) throw new Error(JSON.stringify(vintages.error));
    expect(vintages.value.rows).toBe(3201);
    const all = await readObservations(store, 'fred', 'GDP');
    const asOf = observationsAsOf(all, parseIsoDate('2019-01-01')!);
    expect(asOf.find((o) => isoDate(o.date) === '2018-07-01')?.value).toBe(20658.204);
    // All requests carried the key, none of the stored provenance does.
    const fetches = await readFetches(store, 'fred', 'series:GDP');
    expect(fetches.length).toBe(4);
    expect(fetches.every((f) => !f.request.includes('test-fred-key'))).toBe(true);
  });

  it('stores EDGAR facts point in time, sending the declared User-Agent', async () => {
    const r = await service.fetch(req('edgar', 'AAPL'));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.rows).toBe(12601);
    expect(server.requests.map((q) => q.path)).toEqual(['/files/company_tickers.json', '/api/xbrl/companyfacts/CIK0000320193.json']);
    expect(server.requests.every((q) => q.userAgent === UA)).toBe(true);
    const known = await readFacts(store, 'AAPL', parseIsoDate('2019-10-30')!);
    expect(known.every((f) => f.filed <= parseIsoDate('2019-10-30')!)).toBe(true);
    expect(known.length).toBeLessThan(12601);
  });

  it('refuses EDGAR without a contact User-Agent, before any request', async () => {
    const r = await make(null).fetch(req('edgar', 'AAPL'));
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', provider: 'edgar', reason: expect.stringContaining('User-Agent') } });
    expect(await make('Nautilus').fetch(req('edgar', 'AAPL'))).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(server.requests).toHaveLength(0);
  });

  it('stores nothing on an unknown symbol, a bad key, a rate limit, an HTML page or a cut body', async () => {
    const failures: [DatasetRequest, string][] = [
      [req('yahoo', 'MDLY'), 'UNKNOWN_ID'],
      [req('fred', 'NOPE'), 'UNKNOWN_ID'],
      [req('edgar', 'ZZZZZZ'), 'UNKNOWN_ID'],
      [req('edgar', '1'), 'UNKNOWN_ID'],
      [req('alphavantage', 'LIMIT'), 'RATE_LIMITED'],
      [req('alphavantage', 'NOTE'), 'RATE_LIMITED'],
      [req('alphavantage', 'XYZ'), 'UNKNOWN_ID'],
      [req('dbnomics', 'CEPII/CHELEM-TRADE-CHEL/NOPE'), 'UNKNOWN_ID'],
      [req('dbnomics', 'NOPE/X/Y'), 'UNKNOWN_ID'],
    ];
    for (const [request, code] of failures) {
      const r = await service.fetch(request);
      expect(r.ok ? 'ok' : r.error.code, `${request.provider} ${request.id}`).toBe(code);
    }
    const badKey = await new DataService(store, { dataDir: dir, baseUrls: { fred: server.baseUrl }, apiKeys: { get: async () => 'wrong' }, backoffMs: 1 }).fetch(req('fred', 'GDP'));
    expect(badKey).toMatchObject({ ok: false, error: { code: 'BAD_API_KEY', provider: 'fred', request: 'series GDP' } });
    server.faults.set('/v8/finance/chart/', { truncateTimes: 100 });
    expect(await service.fetch(req('yahoo', 'MSFT'))).toMatchObject({ ok: false, error: { code: 'TRUNCATED_BODY' } });
    server.faults.set('/v8/finance/chart/', { html: true });
    expect(await service.fetch(req('yahoo', 'MSFT'))).toMatchObject({ ok: false, error: { code: 'NOT_JSON' } });
    for (const table of ['bar_rows', 'data_sources', 'data_fetches', 'macro_observations', 'fundamental_facts', 'bar_adjustments']) {
      expect(await tableCount(table), table).toBe(0);
    }
  });

  it('leaves the stored series as it was when a refresh fails', async () => {
    // BTC-USD has 4 null rows (skipped): 366 of 370 stored.
    expect((await service.fetch(req('yahoo', 'BTC-USD'))).ok).toBe(true);
    const before = await tableCount('bar_rows');
    expect(before).toBe(366);
    server.faults.set('/v8/finance/chart/', { truncateTimes: 100 });
    const [source] = await service.sources();
    expect(await service.refresh(source!)).toMatchObject({ ok: false, error: { code: 'TRUNCATED_BODY' } });
    expect(await tableCount('bar_rows')).toBe(before);
    expect(await tableCount('data_fetches')).toBe(1);
    expect((await service.sources())[0]?.refreshedAt).toBe(source!.refreshedAt);
  });

  it('stores nothing at all when one bar of a dataset is invalid (one transaction)', async () => {
    const bars = { time: Float64Array.from([0, 86_400_000]), open: Float64Array.from([10, 10]), high: Float64Array.from([11, 9]), low: Float64Array.from([9, 10]), close: Float64Array.from([10, 10]), volume: Float64Array.from([1, 1]) };
    const dataset = { kind: 'bars' as const, symbol: 'BAD', timeframe: '1D' as const, currency: 'USD', exchange: 'X', timeZone: 'UTC', utcOffsetMinutes: 0, bars, splitFactor: Float64Array.from([1, 1]), dividendFactor: Float64Array.from([1, 1]), splits: [], dividends: [], skippedNullRows: 0, skippedOffGridRows: 0 };
    const r = await storeDataset(store, req('yahoo', 'BAD'), dataset, [], { baseUrl: 'http://x', now: 0 });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_BARS', index: 1, reason: 'HIGH_BELOW_LOW' } });
    for (const table of ['bar_rows', 'data_sources', 'bar_adjustments', 'instruments']) expect(await tableCount(table), table).toBe(0);
  });

  it('stores Alpha Vantage daily bars and income-statement facts, and a DBnomics series', async () => {
    const bars = await service.fetch(req('alphavantage', 'AAPL'));
    if (!bars.ok) throw new Error(JSON.stringify(bars.error));
    expect(bars.value).toMatchObject({ rows: 6047, first: { date: '1999-11-01' }, last: { date: '2023-11-10', close: 186.4 } });
    const facts = await service.fetch(req('alphavantage', 'IBM', { kind: 'fundamentals' }));
    expect(facts).toMatchObject({ ok: true, value: { rows: 570 } });
    const series = await service.fetch(req('dbnomics', 'CEPII/CHELEM-TRADE-CHEL/AES.AES.CAT.BA'));
    expect(series).toMatchObject({ ok: true, value: { kind: 'series', first: { date: '1967-01-01', value: 4.4180715605 } } });
  });
});
