import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDate, parseIsoDate } from '../../../src/core/data/exchangeDate';
import { DataService } from '../../../src/main/data/dataService';
import { fundamentalFieldSeries, fundamentalsAsOf } from '../../../src/main/data/fundamentalFields';
import { MarketStore } from '../../../src/main/storage/market';
import { checkExpression, evaluateExpression, GROUPS, MAX_WINDOW } from '../../../src/core/factors';
import { loadFactorPanel } from '../../../src/main/research/factorPanel';
import { storedFundamentals } from '../../../src/main/research/storedFundamentals';
import { startDataFixtureServer, type DataFixtureServer } from '../../support/dataFixtureServer';

const day = (s: string) => parseIsoDate(s)!;

describe('point-in-time fundamental fields from the store (Yahoo bars + EDGAR facts)', () => {
  let server: DataFixtureServer;
  let dir: string;
  let store: MarketStore;
  beforeAll(async () => {
    server = await startDataFixtureServer();
    dir = mkdtempSync(join(tmpdir(), 'nautilus-pit-'));
    store = await MarketStore.open(join(dir, 'market.duckdb'));
    const service = new DataService(store, {
      dataDir: dir,
      baseUrls: { yahoo: server.baseUrl, edgar: server.baseUrl },
      apiKeys: { get: async () => undefined },
      secUserAgent: 'Nautilus tests ops@example.com',
    });
    for (const r of [
      await service.fetch({ provider: 'yahoo', id: 'AAPL', kind: 'bars', timeframe: '1D' }),
      await service.fetch({ provider: 'edgar', id: 'AAPL', kind: 'fundamentals', timeframe: '1D' }),
    ]) {
      if (!r.ok) throw new Error(JSON.stringify(r.error));
    }
  });
  afterAll(async () => {
    store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('derives P/E on 2020-10-29 from the FY2019 10-K rebased for the 4:1 split, not from the 10-K filed the next day', async () => {
    const f = await fundamentalsAsOf(store, 'AAPL', day('2020-10-29'));
    expect(f.price).toBeCloseTo(115.31999969482422, 10);
    expect(f.fields.eps).toMatchObject({ reported: 11.89, value: 11.89 / 4, filed: day('2019-10-31') });
    expect(f.pe).toBeCloseTo(115.31999969482422 / (11.89 / 4), 9);
    expect(f.earningsYield).toBeCloseTo(11.89 / 4 / 115.31999969482422, 12);
    const next = await fundamentalsAsOf(store, 'AAPL', day('2020-10-30'));
    expect(next.fields.eps).toMatchObject({ value: 3.28, filed: day('2020-10-30') });
    expect(next.pe).toBeCloseTo(108.86000061035156 / 3.28, 9);
    expect(next.pb).toBeCloseTo(108.86000061035156 / (next.fields.equity!.value / next.fields.sharesOutstanding!.value), 9);
  });

  it('gives the factor engine one value per bar, changing exactly on the filing date', async () => {
    const bars = await store.readBars('AAPL', '1D');
    const pe = await fundamentalFieldSeries(store, 'AAPL', 'pe', bars.time);
    const eps = await fundamentalFieldSeries(store, 'AAPL', 'eps', bars.time);
    const dates = Array.from(bars.time, isoDate);
    const i = dates.indexOf('2020-10-29');
    expect(eps[i]).toBeCloseTo(11.89 / 4, 12);
    expect(eps[i + 1]).toBe(3.28);
    expect(pe[i]).toBeCloseTo(bars.close[i]! / (11.89 / 4), 9);
    expect(Array.from(pe).every(Number.isFinite)).toBe(true);
    const early = await fundamentalFieldSeries(store, 'AAPL', 'pe', Float64Array.from([day('1990-01-02')]));
    expect(Number.isNaN(early[0])).toBe(true);
  });

  it('is what a factor expression reads: fundamental("earningsYield") on each bar is the point-in-time value, and an unknown field is refused', async () => {
    const checked = checkExpression('fundamental("earningsYield") * 100', { dates: MAX_WINDOW, groups: [...GROUPS] });
    if (!checked.ok) throw new Error(checked.error.message);
    const expressionFields = checked.value.fields.map((ref) => ({ ref, expression: checked.value.source }));
    const panel = await loadFactorPanel(store, { symbols: ['AAPL'], timeframe: '1D' }, expressionFields, storedFundamentals(store), false);
    if (!panel.ok) throw new Error(panel.error.message);
    const values = evaluateExpression(checked.value, {
      symbols: 1,
      dates: panel.value.times.length,
      field: (key) => panel.value.columns.get(key)!,
      group: () => new Int32Array(1).fill(-1),
    });
    const direct = await fundamentalFieldSeries(store, 'AAPL', 'earningsYield', panel.value.times);
    const i = Array.from(panel.value.times, isoDate).indexOf('2020-10-29');
    expect(values[i]).toBeCloseTo((11.89 / 4 / 115.31999969482422) * 100, 10);
    for (let t = 0; t < direct.length; t++) expect(Number.isNaN(direct[t]!) ? Number.isNaN(values[t]!) : Math.abs(values[t]! - direct[t]! * 100) < 1e-9).toBe(true);

    const unknown = checkExpression('fundamental("dividendYield")', { dates: MAX_WINDOW, groups: [...GROUPS] });
    if (!unknown.ok) throw new Error(unknown.error.message);
    const refused = await loadFactorPanel(store, { symbols: ['AAPL'], timeframe: '1D' }, unknown.value.fields.map((ref) => ({ ref, expression: unknown.value.source })), storedFundamentals(store), false);
    expect(refused).toMatchObject({ ok: false, error: { code: 'FIELD_UNAVAILABLE', field: 'fundamental:dividendYield' } });
  });
});
