// The done-when from the CLI: a point-in-time fundamental factor over a stored real symbol. Yahoo bars and
// EDGAR company facts for AAPL are fetched from recorded answers; `nautilus factors compute --expr` stores one value
// per bar that changes exactly on the 10-K's filing date (2020-10-30), never earlier.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataCommand } from '../../../src/cli/commands/data';
import { factorsCommand } from '../../../src/cli/commands/factors';
import { isoDate } from '../../../src/core/data/exchangeDate';
import { MarketStore } from '../../../src/main/storage/market';
import { readFactorValues } from '../../../src/main/storage/market/factorStore';
import { startDataFixtureServer, type DataFixtureServer } from '../../support/dataFixtureServer';
import { captureIo } from '../../support/captureIo';

describe('a point-in-time fundamental factor over a stored symbol, from the CLI', () => {
  let server: DataFixtureServer;
  let dir: string;
  beforeAll(async () => {
    server = await startDataFixtureServer();
    dir = mkdtempSync(join(tmpdir(), 'nautilus-stored-factor-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fetches bars and filings, computes fundamental("earningsYield") and stores it as known on each date', async () => {
    const run = async (command: typeof dataCommand, argv: string[]) => {
      const io = captureIo();
      const code = await command.run([...argv, '--data-dir', dir], io);
      expect(code, io.stderr).toBe(0);
      return io;
    };
    await run(dataCommand, ['fetch', 'yahoo', 'AAPL', '--base-url', server.baseUrl]);
    await run(dataCommand, ['fetch', 'edgar', 'AAPL', '--base-url', server.baseUrl, '--user-agent', 'Nautilus test ops@example.com']);
    const computed = await run(factorsCommand, ['compute', '--expr', 'fundamental("earningsYield")', '--name', 'ey', '--symbols', 'AAPL', '--json']);
    expect(JSON.parse(computed.stdout)).toMatchObject({ symbols: 1 });

    const store = await MarketStore.open(join(dir, 'market.duckdb'));
    try {
      const bars = await store.readBars('AAPL', '1D');
      const stored = await readFactorValues(store, 'ey', 'AAPL', '1D');
      expect(stored.time).toEqual(Array.from(bars.time));
      const dates = stored.time.map(isoDate);
      const before = dates.indexOf('2020-10-29');
      // FY2019 EPS 11.89, rebased for the 4:1 split of 2020-08-31, over that day's close; the FY2020 10-K is public the next day.
      expect(stored.value[before]).toBeCloseTo(11.89 / 4 / bars.close[before]!, 12);
      expect(stored.value[before + 1]).toBeCloseTo(3.28 / bars.close[before + 1]!, 12);
    } finally {
      store.close();
    }
  });
});
