// The done-when from the CLI: real daily bars fetched from Yahoo (recorded answers on a local server) are what
// `nautilus backtest` runs on — every stored bar in the range, on the trading node, with fills.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backtestCommand } from '../../../src/cli/commands/backtest';
import { dataCommand } from '../../../src/cli/commands/data';
import { MarketStore } from '../../../src/main/storage/market';
import { startDataFixtureServer, type DataFixtureServer } from '../../support/dataFixtureServer';
import { captureIo } from '../../support/captureIo';

describe('backtesting a stored Yahoo symbol from the CLI', () => {
  let server: DataFixtureServer;
  let dir: string;
  beforeAll(async () => {
    server = await startDataFixtureServer();
    dir = mkdtempSync(join(tmpdir(), 'nautilus-stored-backtest-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fetches TSLA, then runs sma-cross over exactly its stored bars', async () => {
    const fetchIo = captureIo();
    expect(await dataCommand.run(['fetch', 'yahoo', 'TSLA', '--base-url', server.baseUrl, '--data-dir', dir, '--json'], fetchIo)).toBe(0);
    const fetched = JSON.parse(fetchIo.stdout) as { rows: number; first: { date: string }; last: { date: string } };
    expect(fetched.first.date).toBe('2010-06-29');

    const io = captureIo();
    const code = await backtestCommand.run(['--strategy', 'sma-cross', '--symbols', 'TSLA', '--from', '2019-01-01', '--to', '2023-08-11', '--params', 'fast=10,slow=50', '--data-dir', dir, '--json'], io);
    expect(io.stderr).not.toContain('seeding');
    expect(code).toBe(0);
    const summary = JSON.parse(io.stdout) as { symbols: string[]; barCount: number; fillCount: number; tradeCount: number; finalEquity: number };
    const store = await MarketStore.open(join(dir, 'market.duckdb'));
    try {
      const bars = await store.readBars('TSLA', '1D', { from: Date.UTC(2019, 0, 1), to: Date.UTC(2023, 7, 11) });
      expect(summary.symbols).toEqual(['TSLA']);
      expect(summary.barCount).toBe(bars.time.length);
    } finally {
      store.close();
    }
    expect(summary.fillCount).toBeGreaterThan(10);
    expect(summary.tradeCount).toBeGreaterThan(5);
    expect(Number.isFinite(summary.finalEquity)).toBe(true);
  });
});
