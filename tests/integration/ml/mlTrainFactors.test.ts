// `nautilus ml train --factors`: library factors evaluated by the factors workers over stored daily bars (the
// EuStockMarkets indices) become the training rows; warm-up rows are left out and counted, an unknown factor is
// refused by name, and the registered model names the factors as its features.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { MarketStore } from '../../../src/main/storage/market/marketStore';
import { DUCKDB_FILE } from '../../../src/main/workstation';

const EU_STOCKS = fileURLToPath(new URL('../../fixtures/real/EuStockMarkets.csv', import.meta.url));
const DAY = 86_400_000;

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

describe('nautilus ml train --factors', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'nautilus-ml-factors-'));
    const store = await MarketStore.open(join(dataDir, DUCKDB_FILE));
    const [head, ...rows] = readFileSync(EU_STOCKS, 'utf8').trim().split('\n');
    for (const [s, symbol] of head!.split(',').slice(1).entries()) {
      const close = Float64Array.from(rows, (line) => Number(line.split(',')[s + 1]));
      const time = Float64Array.from(rows, (_, t) => Date.UTC(1991, 0, 1) + t * DAY);
      const written = await store.writeBars(symbol, '1D', { time, open: close, high: close, low: close, close, volume: new Float64Array(close.length).fill(1) });
      if (!written.ok) throw new Error(JSON.stringify(written.error));
    }
    store.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('trains a forest on ROC5, MA20 and STD20 of the four indices and registers it', async () => {
    const r = await cli(['ml', 'train', '--factors', 'ROC5,MA20,STD20', '--name', 'eu-5d', '--kind', 'forest', '--param', 'trees=20', '--horizon', '5', '--train-dates', '500', '--test-dates', '250', '--workers', '1', '--data-dir', dataDir, '--json']);
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out) as { model: { version: number; kind: string; features: string[]; metrics: Record<string, number> }; folds: unknown[]; skippedRows: number };
    expect(report.model).toMatchObject({ version: 1, kind: 'forest', features: ['ROC5', 'MA20', 'STD20'] });
    // 1,860 days − 5 without a forward return = 1,855 per index; the 20-day windows' warm-up (19 days) is left out
    expect(report.skippedRows).toBe(4 * 19);
    expect(report.model.metrics.rows).toBe(4 * (1855 - 19));
    expect(report.folds.length).toBe(Math.floor((1855 - 19 - 500 - 5) / 250));
  });

  it('an unknown factor is refused by name and nothing is registered', async () => {
    const r = await cli(['ml', 'train', '--factors', 'ROC5,NOPE', '--name', 'eu-5d', '--workers', '1', '--data-dir', dataDir]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("UNKNOWN_FACTOR: no library or saved factor named 'NOPE'");
    const models = JSON.parse((await cli(['ml', 'models', '--data-dir', dataDir, '--json'])).out) as unknown[];
    expect(models.length).toBe(1);
  });
});
