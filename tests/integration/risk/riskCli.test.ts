// `nautilus risk` end to end on a real DuckDB store in a temp dir: EuStockMarkets imported with `nautilus import`, figures against numpy.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command';
import { importCommand } from '../../../src/cli/commands/import';
import { riskCommand } from '../../../src/cli/commands/risk';
import { SqliteJournal } from '../../../src/main/storage/journal/sqliteJournal';
import { DUCKDB_FILE, SQLITE_FILE } from '../../../src/main/workstation';
import { euStockCloses } from '../../unit/core/risk/euStocks';

const PYTHON = process.env.NAUTILUS_PYTHON ?? '/usr/bin/python3';
const REFERENCE = fileURLToPath(new URL('../../reference/risk_reference.py', import.meta.url));
const pythonReady = spawnSync(PYTHON, ['-c', 'import numpy, scipy'], { encoding: 'utf8' }).status === 0;

async function run(command: typeof riskCommand, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => void (out += t), err: (t) => void (err += t) };
  const code = await command.run(argv, io);
  return { code, out, err };
}

let root = '';
let dataDir = '';
const closes = euStockCloses();
const file = (name: string, text: string): string => {
  const path = join(root, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'nautilus-risk-cli-'));
  dataDir = join(root, 'data');
  for (const c of closes) {
    const rows = Array.from(c.close, (close, i) => `${new Date(c.time[i]!).toISOString().slice(0, 10)},${close},${close},${close},${close},${c.volume![i]}`);
    const csv = file(`${c.symbol}.csv`, `date,open,high,low,close,volume\n${rows.join('\n')}\n`);
    const imported = await run(importCommand, [csv, '--symbol', c.symbol, '--timeframe', '1D', '--data-dir', dataDir]);
    expect(imported.code, imported.err).toBe(0);
  }
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('nautilus risk var', () => {
  it.runIf(pythonReady)('prints the documented object for a what-if book, with figures equal to numpy/scipy on the same closes', async () => {
    const positions = file('book.csv', 'symbol,quantity\nDAX,40\nSMI,-60\nCAC,120\nFTSE,30\n');
    const r = await run(riskCommand, ['var', '--positions', positions, '--window', '500', '--confidence', '0.95,0.99', '--method', 'historical,parametric,montecarlo', '--data-dir', dataDir, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as Record<string, unknown> & { components: { symbol: string; value: number; historical: Record<string, number> }[] };
    expect(Object.keys(report)).toEqual(['value', 'window', 'historical', 'parametric', 'monteCarlo', 'components', 'conventions']);
    for (const m of ['historical', 'parametric', 'monteCarlo']) expect(Object.keys(report[m] as object).sort()).toEqual(['es95', 'es99', 'var95', 'var99']);
    expect(report.window).toBe(500);
    expect(report.conventions).toMatch(/^Base currency USD\. Window 500 daily returns, \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\. Monte Carlo 10000 paths\./);
    const last = (s: string) => closes.find((c) => c.symbol === s)!.close.at(-1)!;
    const values = { DAX: 40 * last('DAX'), SMI: -60 * last('SMI'), CAC: 120 * last('CAC'), FTSE: 30 * last('FTSE') };
    expect(report.value).toBeCloseTo(Object.values(values).reduce((a, b) => a + b, 0), 6);

    const request = { closes: Object.fromEntries(closes.map((c) => [c.symbol, Array.from(c.close)])), values, window: 500, confidences: [0.95, 0.99] };
    const ref = JSON.parse(spawnSync(PYTHON, [REFERENCE], { input: JSON.stringify(request), encoding: 'utf8' }).stdout) as Record<string, Record<string, { var: number; es: number; componentVar: number[] }>>;
    for (const method of ['historical', 'parametric'] as const) {
      const ours = report[method] as Record<string, number>;
      for (const key of ['95', '99']) {
        expect(Math.abs(ours[`var${key}`]! / ref[method]![key]!.var - 1), `${method} var${key}`).toBeLessThan(1e-9);
        expect(Math.abs(ours[`es${key}`]! / ref[method]![key]!.es - 1), `${method} es${key}`).toBeLessThan(1e-9);
      }
    }
    report.components.forEach((c, i) => expect(c.historical.var99! / ref.historical!['99']!.componentVar[i]! - 1).toBeCloseTo(0, 9));
  });

  it('stress and exposures print their reports for the same book', async () => {
    const positions = file('book2.csv', 'DAX,40\nFTSE,-30\n');
    const s = await run(riskCommand, ['stress', '--positions', positions, '--horizons', '1,5', '--top', '2', '--shock', 'symbol:DAX:-0.1', '--data-dir', dataDir, '--json']);
    expect(s.code, s.err).toBe(0);
    const stress = JSON.parse(s.out) as { historical: { horizonDays: number; pnl: number }[]; shocks: { pnl: number } };
    expect(stress.historical.map((w) => w.horizonDays)).toEqual([1, 1, 5, 5]);
    expect(stress.shocks.pnl).toBeCloseTo(-0.1 * 40 * closes[0]!.close.at(-1)!, 6);
    const e = await run(riskCommand, ['exposures', '--positions', positions, '--benchmark', 'CAC', '--data-dir', dataDir, '--json']);
    expect(e.code, e.err).toBe(0);
    const exposures = JSON.parse(e.out) as { total: { gross: number }; beta: { benchmark: string }; liquidity: { positions: { daysToLiquidate: number }[] } };
    expect(exposures.beta.benchmark).toBe('CAC');
    expect(exposures.liquidity.positions[0]!.daysToLiquidate).toBeGreaterThan(0);
  });

  it('refuses a bad what-if book with exit 2 and the row and reason, and changes nothing', async () => {
    const storeFile = join(dataDir, DUCKDB_FILE);
    const before = { files: readdirSync(dataDir).sort(), size: statSync(storeFile).size };
    const cases: [string, string, string[], RegExp][] = [
      ['unknown.csv', 'symbol,quantity\nDAX,1\nNOPE,2\n', [], /unknown\.csv: row 3: NOPE: unknown symbol/],
      ['short.csv', 'symbol,quantity\nDAX,1\nCAC,2\n', ['--window', '2000'], /short\.csv: row 2: DAX: too little history, 1860 aligned daily closes where the window needs 2001/],
      ['nan.csv', 'symbol,quantity\nDAX,1\nCAC,lots\n', [], /nan\.csv: row 3: CAC: quantity 'lots' is not a finite number/],
      ['dup.csv', 'symbol,quantity\nDAX,1\nCAC,2\nDAX,3\n', [], /dup\.csv: row 4: DAX: duplicate position \(first given on row 2\)/],
    ];
    for (const [name, text, extra, message] of cases) {
      const r = await run(riskCommand, ['var', '--positions', file(name, text), ...extra, '--data-dir', dataDir, '--json']);
      expect(r.code, name).toBe(2);
      expect(r.out, name).toBe('');
      expect(r.err, name).toMatch(message);
    }
    expect({ files: readdirSync(dataDir).sort(), size: statSync(storeFile).size }).toEqual(before);
    expect(existsSync(join(dataDir, SQLITE_FILE))).toBe(false);
  });

  it('without --positions measures the book the journal records, and says so when there is none', async () => {
    const r = await run(riskCommand, ['var', '--data-dir', dataDir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/the book has no positions/);

    // A journal with a buy of 50 DAX filled in two executions (one reported twice) and a sell of 20 CAC.
    const journal = SqliteJournal.open(join(dataDir, SQLITE_FILE));
    const spec = (id: string, symbol: string, side: 'BUY' | 'SELL', quantity: number) => ({
      clientOrderId: id, account: 'U1', symbol, side, type: 'MARKET' as const, timeInForce: 'DAY' as const, quantity,
      limitPrice: null, stopPrice: null, reduceOnly: false, tag: null, createdAt: 1, parentId: null, bracketRole: null, bracket: null,
    });
    const fill = (id: string, executionId: string, quantity: number) => ({
      kind: 'VENUE_EVENT' as const, time: 2,
      event: { kind: 'FILL' as const, clientOrderId: id, venueOrderId: `V${id}`, executionId, quantity, price: 100, commission: 0, commissionCurrency: 'USD', liquidity: 'TAKER' as const, time: 2 },
    });
    for (const record of [
      { kind: 'ORDER_SUBMITTED' as const, time: 1, venue: 'SIM', order: spec('C1', 'DAX', 'BUY', 50) },
      { kind: 'ORDER_SUBMITTED' as const, time: 1, venue: 'SIM', order: spec('C2', 'CAC', 'SELL', 20) },
      fill('C1', 'E1', 30),
      fill('C1', 'E1', 30),
      fill('C1', 'E2', 20),
      fill('C2', 'E3', 20),
    ]) journal.append(record);
    journal.commit();
    journal.db.close();
    const current = await run(riskCommand, ['var', '--window', '250', '--method', 'historical', '--data-dir', dataDir, '--json']);
    expect(current.code, current.err).toBe(0);
    const report = JSON.parse(current.out) as { components: { symbol: string; quantity: number; price: number }[]; monteCarlo: unknown };
    expect(report.components.map((c) => [c.symbol, c.quantity, c.price])).toEqual([
      ['DAX', 50, closes[0]!.close.at(-1)],
      ['CAC', -20, closes[2]!.close.at(-1)],
    ]);
    expect(report.monteCarlo).toBeNull();
  });
});
