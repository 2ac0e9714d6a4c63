import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBarsFile, type ImportProgress } from '../../../src/main/storage/market';
import { useFreshStore } from './helpers';

const FIXTURES = join(__dirname, '../../fixtures/import');
const HEADER = 'date,open,high,low,close,volume';
const GOOD_ROWS = ['2024-01-02,10,11,9,10.5,100', '2024-01-03,10.5,11,10,10.8,200', '2024-01-04,10.8,11.2,10.1,11,300'];

describe('bar import into a real DuckDB store', () => {
  const fresh = useFreshStore();

  const csv = (name: string, lines: string[]): string => {
    const file = join(fresh.dir, name);
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };

  it('imports a single-symbol CSV with --symbol and reports rows, symbols and range', async () => {
    const progress: ImportProgress[] = [];
    const result = await importBarsFile(fresh.store, join(FIXTURES, 'daily-no-symbol.csv'), { symbol: 'demo', progress: (p) => progress.push(p) });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ rows: 4, timeframe: '1D', format: 'csv', from: Date.UTC(2024, 0, 2), to: Date.UTC(2024, 0, 5) });
    expect(result.value.symbols).toEqual([{ symbol: 'DEMO', rows: 4, from: Date.UTC(2024, 0, 2), to: Date.UTC(2024, 0, 5) }]);
    const bars = await fresh.store.readBars('DEMO', '1D');
    expect(Array.from(bars.close)).toEqual([101.1, 100.9, 99.05, 100]);
    expect(Array.from(bars.volume)).toEqual([120000, 98000, 143500, 87000]);
    expect(progress.some((p) => p.phase === 'read' && p.totalBytes !== undefined && p.bytesRead === p.totalBytes)).toBe(true);
    expect(progress.some((p) => p.phase === 'write')).toBe(true);
  });

  it('imports many symbols per file with epoch seconds and milliseconds, sorting rows', async () => {
    const result = await importBarsFile(fresh.store, join(FIXTURES, 'multi-symbol-epoch.csv'), { timeframe: '1m' });
    expect(result.ok && result.value.symbols.map((s) => [s.symbol, s.rows])).toEqual([
      ['AAA', 3],
      ['BBB', 2],
    ]);
    const bbb = await fresh.store.readBars('BBB', '1m');
    expect(Array.from(bbb.time)).toEqual([1704205800000, 1704205860000]);
    const unsorted = csv('unsorted.csv', [HEADER, GOOD_ROWS[2] as string, GOOD_ROWS[0] as string, GOOD_ROWS[1] as string]);
    expect((await importBarsFile(fresh.store, unsorted, { symbol: 'U' })).ok).toBe(true);
    expect(Array.from((await fresh.store.readBars('U', '1D')).close)).toEqual([10.5, 10.8, 11]);
  });

  it('combines separate date and time columns, detects semicolons, and warns about a missing volume column', async () => {
    const result = await importBarsFile(fresh.store, join(FIXTURES, 'semicolon-date-time-no-volume.csv'), { timeframe: '1m' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.warnings).toEqual(['no volume column: volumes stored as 0']);
    const bars = await fresh.store.readBars('XYZ', '1m');
    expect(Array.from(bars.time)).toEqual([Date.UTC(2024, 0, 2, 9, 30), Date.UTC(2024, 0, 2, 9, 31)]);
    expect(Array.from(bars.volume)).toEqual([0, 0]);
  });

  it('parses ISO timestamps with zones', async () => {
    const file = csv('iso.csv', ['time,open,high,low,close,volume', '2024-03-01T14:30:00Z,1,1,1,1,1', '2024-03-01 09:31:00-05:00,1,1,1,1,1', '2024-03-01T14:32:00.500+00:00,1,1,1,1,1']);
    expect((await importBarsFile(fresh.store, file, { symbol: 'Z', timeframe: '1m' })).ok).toBe(true);
    expect(Array.from((await fresh.store.readBars('Z', '1m')).time)).toEqual([Date.UTC(2024, 2, 1, 14, 30), Date.UTC(2024, 2, 1, 14, 31), Date.UTC(2024, 2, 1, 14, 32, 0, 500)]);
  });

  const badCases: [label: string, row: string, reason: string][] = [
    ['non-numeric', '2024-01-05,11,abc,10,11,100', 'NON_NUMERIC'],
    ['non-finite', '2024-01-05,11,Infinity,10,11,100', 'NON_FINITE'],
    ['high < low', '2024-01-05,11,9,10,10.5,100', 'HIGH_BELOW_LOW'],
    ['negative volume', '2024-01-05,11,12,10,11,-5', 'NEGATIVE_VOLUME'],
    ['unparseable date', '2024-13-45,11,12,10,11,100', 'UNPARSEABLE_DATE'],
    ['duplicate time', '2024-01-03,11,12,10,11,100', 'DUPLICATE_TIME'],
    ['close outside range', '2024-01-05,11,12,10,12.5,100', 'CLOSE_OUTSIDE_RANGE'],
    ['empty cell', '2024-01-05,11,,10,11,100', 'MISSING_VALUE'],
  ];

  for (const [label, row, reason] of badCases) {
    it(`reports a bad row (${label}) with its line number and commits nothing`, async () => {
      // A previous import of the same symbol must survive untouched.
      const before = csv('before.csv', [HEADER, '2024-01-02,1,2,0.5,1.5,7']);
      expect((await importBarsFile(fresh.store, before, { symbol: 'BAD' })).ok).toBe(true);
      const file = csv('bad.csv', [HEADER, ...GOOD_ROWS, '', row, '2024-01-08,11,12,10,11,100']);
      const result = await importBarsFile(fresh.store, file, { symbol: 'BAD' });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('BAD_ROWS');
      if (result.error.code !== 'BAD_ROWS') return;
      expect(result.error.errors).toHaveLength(1);
      expect(result.error.errors[0]).toMatchObject({ line: 6, reason }); // header 1, rows 2–4, blank 5
      expect(result.error.totalErrors).toBe(1);
      const stored = await fresh.store.readBars('BAD', '1D');
      expect(Array.from(stored.close)).toEqual([1.5]);
      expect(await fresh.store.countBars()).toBe(1);
    });
  }

  it('lists every bad row, sorted by line, with the duplicate pointing at the first occurrence', async () => {
    const file = csv('many-bad.csv', [HEADER, GOOD_ROWS[0] as string, 'x,1,1,1,1,1', GOOD_ROWS[0] as string, '2024-01-09,1,1,1,1,-1']);
    const result = await importBarsFile(fresh.store, file, { symbol: 'M' });
    expect(!result.ok && result.error.code === 'BAD_ROWS' && result.error.errors.map((e) => [e.line, e.reason])).toEqual([
      [3, 'UNPARSEABLE_DATE'],
      [4, 'DUPLICATE_TIME'],
      [5, 'NEGATIVE_VOLUME'],
    ]);
    if (!result.ok && result.error.code === 'BAD_ROWS') expect(result.error.errors[1]?.message).toContain('line 2');
    expect(await fresh.store.countBars()).toBe(0);
  });

  it('needs a symbol for a file without a symbol column, and reports missing columns and files', async () => {
    const noSymbol = await importBarsFile(fresh.store, join(FIXTURES, 'daily-no-symbol.csv'));
    expect(!noSymbol.ok && noSymbol.error.code === 'BAD_ROWS' && noSymbol.error.errors[0]).toMatchObject({ line: 2, reason: 'MISSING_SYMBOL' });
    const missing = await importBarsFile(fresh.store, csv('cols.csv', ['date,open,high,close', '2024-01-02,1,1,1']), { symbol: 'X' });
    expect(!missing.ok && missing.error).toMatchObject({ code: 'MISSING_COLUMNS', missing: ['low'] });
    expect(await importBarsFile(fresh.store, join(fresh.dir, 'nope.csv'))).toMatchObject({ ok: false, error: { code: 'FILE_NOT_FOUND' } });
    expect(await importBarsFile(fresh.store, csv('header-only.csv', [HEADER]), { symbol: 'X' })).toMatchObject({ ok: false, error: { code: 'NO_ROWS' } });
    expect(await fresh.store.countBars()).toBe(0);
  });

  it('re-importing the same file overwrites instead of duplicating', async () => {
    const file = join(FIXTURES, 'daily-no-symbol.csv');
    expect((await importBarsFile(fresh.store, file, { symbol: 'R' })).ok).toBe(true);
    const changed = csv('changed.csv', [HEADER, '2024-01-03,101.1,105,100.4,104,1']);
    expect((await importBarsFile(fresh.store, changed, { symbol: 'R' })).ok).toBe(true);
    expect((await importBarsFile(fresh.store, file, { symbol: 'R' })).ok).toBe(true);
    const bars = await fresh.store.readBars('R', '1D');
    expect(bars.time.length).toBe(4);
    expect(bars.close[1]).toBe(100.9);
  });

  it('imports Parquet written by DuckDB (TIMESTAMP column, many symbols), and reports bad Parquet rows by row number', async () => {
    const good = join(fresh.dir, 'bars.parquet');
    const bad = join(fresh.dir, 'bad.parquet');
    await fresh.store.exclusive(async (c) => {
      await c.run(`COPY (
        SELECT CASE WHEN i % 2 = 0 THEN 'PQA' ELSE 'PQB' END AS ticker,
               TIMESTAMP '2024-01-02 14:30:00' + to_minutes(i // 2) AS ts,
               100.0 + i AS Open, 101.0 + i AS High, 99.0 + i AS Low, 100.5 + i AS Close, (10 * i)::BIGINT AS Volume
        FROM range(0, 1000) t(i)) TO '${good}' (FORMAT parquet)`);
      await c.run(`COPY (
        SELECT 'PQC' AS symbol, (1704205800 + 60 * i)::BIGINT AS time,
               10.0 AS open, CASE WHEN i = 6 THEN 8.0 ELSE 11.0 END AS high, 9.0 AS low, 10.0 AS close, 5.0 AS volume
        FROM range(0, 10) t(i)) TO '${bad}' (FORMAT parquet)`);
    });
    const progress: ImportProgress[] = [];
    const result = await importBarsFile(fresh.store, good, { timeframe: '1m', progress: (p) => progress.push(p) });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ format: 'parquet', rows: 1000, from: Date.UTC(2024, 0, 2, 14, 30) });
    expect(result.value.symbols.map((s) => [s.symbol, s.rows])).toEqual([
      ['PQA', 500],
      ['PQB', 500],
    ]);
    expect(progress.some((p) => p.totalRows === 1000)).toBe(true);
    const pqb = await fresh.store.readBars('PQB', '1m');
    expect([pqb.time[0], pqb.open[0], pqb.volume[0]]).toEqual([Date.UTC(2024, 0, 2, 14, 30), 101, 10]);

    const failed = await importBarsFile(fresh.store, bad, { timeframe: '1m' });
    expect(!failed.ok && failed.error.code === 'BAD_ROWS' && [failed.error.location, failed.error.errors.map((e) => [e.line, e.reason])]).toEqual([
      'row',
      [[7, 'HIGH_BELOW_LOW']],
    ]);
    expect(await fresh.store.listSymbols()).toEqual(['PQA', 'PQB']);
  });
});
