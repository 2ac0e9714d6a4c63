// `nautilus factors` end to end: the EuStockMarkets indices stored as daily bars, `factors ic --json` through the
// store and the factors workers, equal to pandas computing the same factor, IC and quantiles from the CSV.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { MarketStore } from '../../../src/main/storage/market/marketStore';
import { DUCKDB_FILE } from '../../../src/main/workstation';

const PYTHON = process.env.NAUTILUS_PYTHON ?? '/usr/bin/python3';
const REFERENCE = fileURLToPath(new URL('../../reference/factors_reference.py', import.meta.url));
const EU_STOCKS = fileURLToPath(new URL('../../fixtures/real/EuStockMarkets.csv', import.meta.url));
const pythonReady = spawnSync(PYTHON, ['-c', 'import pandas, numpy, scipy'], { encoding: 'utf8' }).status === 0;
const DAY = 86_400_000;

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('nautilus factors', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'nautilus-factors-cli-'));
    const store = await MarketStore.open(join(dataDir, DUCKDB_FILE));
    const [head, ...rows] = readFileSync(EU_STOCKS, 'utf8').trim().split('\n');
    const symbols = head!.split(',').slice(1);
    for (const [s, symbol] of symbols.entries()) {
      const close = Float64Array.from(rows, (line) => Number(line.split(',')[s + 1]));
      const time = Float64Array.from(rows, (_, t) => Date.UTC(1991, 0, 1) + t * DAY);
      const written = await store.writeBars(symbol, '1D', { time, open: close, high: close, low: close, close, volume: new Float64Array(close.length).fill(1) });
      if (!written.ok) throw new Error(JSON.stringify(written.error));
    }
    store.close();
  }, 60_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it.runIf(pythonReady)('ic --json equals pandas on the four indices', async () => {
    const ref = JSON.parse(spawnSync(PYTHON, [REFERENCE, 'universe', EU_STOCKS, '5', 'spearman', '2', '4'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout).MA10;
    const run = await cli(['factors', 'ic', '--factor', 'MA10', '--horizon', '5', '--quantiles', '2', '--min-symbols', '4', '--workers', '2', '--data-dir', dataDir, '--json']);
    expect(run.code, run.err).toBe(0);
    const out = JSON.parse(run.out);
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['meanIC', 'icStd', 'icir', 'tStat', 'dates', 'skippedDates', 'quantiles', 'longShort']));
    for (const key of ['meanIC', 'icStd', 'icir', 'tStat', 'longShort']) expect(Math.abs(out[key] - ref[key]), key).toBeLessThan(1e-12);
    expect([out.dates, out.skippedDates]).toEqual([ref.dates, ref.skippedDates]);
    out.quantiles.forEach((q: number, k: number) => expect(Math.abs(q - ref.quantiles[k])).toBeLessThan(1e-12));
  }, 120_000);

  it('refuses a bad expression with a caret under the offending token', async () => {
    const run = await cli(['factors', 'ic', '--expr', 'ts_mean(close, 5) / volum', '--data-dir', dataDir, '--workers', '1']);
    expect(run.code).toBe(2);
    expect(run.err).toContain('UNKNOWN_FIELD');
    expect(run.err).toContain('ts_mean(close, 5) / volum\n                    ^');
  }, 60_000);

  it('compute writes values; list shows the library', async () => {
    const computed = await cli(['factors', 'compute', '--factor', 'ROC5,MA10', '--data-dir', dataDir, '--workers', '1', '--json']);
    expect(computed.code, computed.err).toBe(0);
    expect(JSON.parse(computed.out)).toMatchObject({ factors: ['ROC5', 'MA10'], symbols: 4, rows: 2 * 4 * 1860 });
    const listed = await cli(['factors', 'list', '--data-dir', dataDir, '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.out).library.length).toBeGreaterThanOrEqual(150);
  }, 60_000);
});
