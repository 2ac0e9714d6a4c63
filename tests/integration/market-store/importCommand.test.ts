import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCommand } from '../../../src/cli/commands/import';
import { MarketStore } from '../../../src/main/storage/market';
import { tempDir } from './helpers';
import { captureIo } from '../../support/captureIo';

const FIXTURES = join(__dirname, '../../fixtures/import');

describe('nautilus import', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  const storedCount = async (): Promise<number> => {
    const store = await MarketStore.open(join(tmp.dir, 'data', 'market.duckdb'));
    try {
      return await store.countBars();
    } finally {
      store.close();
    }
  };

  it('imports a file into <data-dir>/market.duckdb and prints a JSON summary', async () => {
    const io = captureIo();
    const code = await importCommand.run(
      [join(FIXTURES, 'daily-no-symbol.csv'), '--symbol', 'DEMO', '--data-dir', join(tmp.dir, 'data'), '--json'],
      io,
    );
    expect(code).toBe(0);
    const summary = JSON.parse(io.stdout);
    expect(summary).toMatchObject({ ok: true, rows: 4, timeframe: '1D', symbols: [{ symbol: 'DEMO', rows: 4 }] });
    expect(io.stderr).toContain('read: 4 rows');
    expect(await storedCount()).toBe(4);
  });

  it('prints a readable summary without --json', async () => {
    const io = captureIo();
    const code = await importCommand.run([join(FIXTURES, 'multi-symbol-epoch.csv'), '--timeframe', '1m', '--data-dir', join(tmp.dir, 'data')], io);
    expect(code).toBe(0);
    expect(io.stdout).toContain('imported 5 1m bars for 2 symbol(s)');
    expect(io.stdout).toContain('2024-01-02T14:30:00.000Z');
  });

  it('exits 2 on a bad file, printing each bad line, and imports nothing', async () => {
    const file = join(tmp.dir, 'bad.csv');
    writeFileSync(file, 'date,open,high,low,close,volume\n2024-01-02,1,2,0.5,1,10\n2024-01-03,1,0.5,2,1,10\n2024-01-04,1,2,0.5,1,-3\n');
    const io = captureIo();
    const code = await importCommand.run([file, '--symbol', 'B', '--data-dir', join(tmp.dir, 'data')], io);
    expect(code).toBe(2);
    expect(io.stderr).toContain('line 3: HIGH_BELOW_LOW');
    expect(io.stderr).toContain('line 4: NEGATIVE_VOLUME');
    expect(io.stderr).toContain('nothing was imported');
    expect(await storedCount()).toBe(0);
  });

  it('exits 2 on bad usage: no file, an unknown timeframe, a missing --symbol', async () => {
    const dataDir = join(tmp.dir, 'data');
    const none = captureIo();
    expect(await importCommand.run(['--data-dir', dataDir], none)).toBe(2);
    expect(none.stderr).toContain('expected one file');
    const timeframe = captureIo();
    expect(await importCommand.run([join(FIXTURES, 'daily-no-symbol.csv'), '--timeframe', '2h', '--data-dir', dataDir], timeframe)).toBe(2);
    expect(timeframe.stderr).toContain('--timeframe must be one of');
    const symbol = captureIo();
    expect(await importCommand.run([join(FIXTURES, 'daily-no-symbol.csv'), '--data-dir', dataDir, '--json'], symbol)).toBe(2);
    expect(JSON.parse(symbol.stdout).error.errors[0]).toMatchObject({ line: 2, reason: 'MISSING_SYMBOL' });
  });
});
