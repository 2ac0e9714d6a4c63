// A backtest's executions stored with the run in a real DuckDB file: twap-entry's parents, their TCA and children read
// back equal to the in-memory result (and the children to the run's own orders and fills); the null cases (a parent
// that never filled, a market parent, one still working, an unfilled child) round-trip; a row the schema refuses is
// named on read; a store from before the executions tables gains them and its runs read with none; a run whose executions cannot be written is not stored at all; and `nautilus backtest show` prints
// a stored run's executions (--json: the summary's fields plus `executions`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSyntheticHistory } from '../../../src/core/market';
import { executionRecord, runBacktest, type BacktestConfig, type BacktestExecution, type BacktestResult, type BacktestSeries } from '../../../src/core/backtest';
import { IB_FIXED_US_EQUITY } from '../../../src/core/trading/commission';
import { openDuckDb } from '../../../src/main/storage/duckdb/database';
import { MarketStore } from '../../../src/main/storage/market/marketStore';
import { MARKET_MIGRATIONS } from '../../../src/main/storage/market/migrations';
import { listBacktestRuns, readBacktestRun, readBacktestRunDetail, storeBacktestRun, type StoredRunMeta } from '../../../src/main/storage/market/backtestStore';
import { backtestCommand } from '../../../src/cli/commands/backtest';
import { sample } from '../../unit/core/backtest/fixtures';
import { captureIo } from '../../support/captureIo';

const intraday = generateSyntheticHistory({ seed: 11, years: 0.05, minuteDays: 2, endTime: Date.UTC(2025, 5, 30) });
const SERIES: BacktestSeries[] = intraday.instruments
  .map((instrument, i) => ({ instrument, bars: (intraday.series[i] as (typeof intraday.series)[number]).minute }))
  .filter((s) => s.instrument.currency === 'USD')
  .slice(0, 4);
const CONFIG: BacktestConfig = {
  timeframeMs: 60_000,
  initialCash: 1_000_000,
  baseCurrency: 'USD',
  fill: 'next-open',
  commission: IB_FIXED_US_EQUITY,
  slippageBps: 5,
  maxVolumeShare: 0.02,
  limits: [],
  seed: 3,
  accountUtcOffsetMinutes: -300,
};
const PARAMS = { fast: 5, slow: 20, slices: 6, sliceMinutes: 5, urgency: 1, buffer: 0.02 };

const meta = (runId: string, strategy = 'twap-entry'): StoredRunMeta => ({
  runId,
  createdAt: Date.UTC(2026, 0, 1),
  strategy,
  strategyHash: 'f'.repeat(64),
  params: PARAMS,
  symbols: SERIES.map((s) => s.instrument.symbol),
  timeframe: '1m',
  config: {},
  seed: 3,
  sweepId: null,
  summary: {},
});

describe('backtest executions in the store', () => {
  let dir: string;
  let store: MarketStore;
  let result: BacktestResult;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nautilus-btexec-'));
    store = await MarketStore.open(join(dir, 'market.duckdb'));
    const run = runBacktest(SERIES, await sample('twap-entry'), PARAMS, CONFIG);
    if (!run.ok) throw new Error(JSON.stringify(run.error));
    result = run.value;
  });
  afterAll(() => {
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("stores twap-entry's parents, TCA and children with the run, equal to the result's", async () => {
    // The run must exercise the path: several TWAP parents on several symbols, each worked by several children.
    expect(result.executions.length).toBeGreaterThan(2);
    expect(new Set(result.executions.map((e) => e.parent.symbol)).size).toBeGreaterThan(1);
    expect(result.executions.every((e) => e.parent.algo === 'TWAP' && e.children.length > 1)).toBe(true);
    const runId = '00000000-0000-4000-8000-000000000001';
    await storeBacktestRun(store, meta(runId), result);
    const { executions } = await readBacktestRunDetail(store, runId);

    expect(executions).toEqual(result.executions.map(executionRecord));
    // Field by field against the parent the node kept, and the children against the run's own orders and fills.
    for (const [i, e] of result.executions.entries()) {
      const stored = executions[i]!;
      expect(stored.parent).toMatchObject({ parentId: e.parent.id, symbol: e.parent.symbol, side: e.parent.side, algo: e.parent.algo, status: e.parent.status, quantity: e.parent.quantity, filled: e.parent.filled, createdAt: e.parent.createdAt, arrivalMid: e.parent.arrivalMid, fees: e.parent.fees });
      expect(stored.tca).toEqual(e.tca);
      expect(stored.children.map((c) => c.childId)).toEqual([...e.parent.children]);
      for (const child of stored.children) {
        const order = result.orders.find((o) => o.clientOrderId === child.childId)!;
        expect(order.parentId).toBe(e.parent.id);
        expect(child.filled).toBe(order.filledQuantity);
        expect(child.quantity).toBe(order.quantity);
        const fills = result.fills.filter((f) => f.clientOrderId === child.childId);
        expect(fills.reduce((s, f) => s + f.quantity, 0)).toBe(child.filled);
        if (child.filled > 0) expect(child.averagePrice).toBeCloseTo(fills.reduce((s, f) => s + f.quantity * f.price, 0) / child.filled, 9);
        else expect(child.averagePrice).toBeNull();
      }
      // The parent's fills are its children's.
      expect(stored.children.reduce((s, c) => s + c.filled, 0)).toBe(stored.parent.filled);
    }
    const filled = executions.filter((e) => e.tca !== null);
    expect(filled.length).toBeGreaterThan(0);
    for (const e of filled) {
      const t = e.tca!;
      expect(t.shortfall.amount).toBeCloseTo(t.spread.amount + t.impact.amount + t.timing.amount + t.fees.amount, 1);
      expect(t.currency).toBe('USD');
    }
  });

  it('round-trips the null cases: unfilled, market, still working, an unfilled child', async () => {
    const base = result.executions[0]!;
    const working: BacktestExecution = {
      parent: { ...base.parent, id: 'P-WORKING', status: 'WORKING', limitPrice: 101.25, filled: 0, filledNotional: 0, fees: 0, children: ['C-1'] },
      tca: null,
      children: [{ childId: 'C-1', venue: 'SIM-B', liquidity: 'REST', sentAt: base.parent.createdAt, quantity: 7, limitPrice: 101.2, filled: 0, averagePrice: null }],
    };
    const runId = '00000000-0000-4000-8000-000000000002';
    await storeBacktestRun(store, meta(runId), { ...result, executions: [base, working] });
    const { executions } = await readBacktestRunDetail(store, runId);
    expect(executions).toEqual([executionRecord(base), executionRecord(working)]);
    expect(executions[1]).toMatchObject({ parent: { parentId: 'P-WORKING', status: 'WORKING', limitPrice: 101.25, averagePrice: null, endedAt: null }, tca: null });
    expect(executions[0]!.parent.limitPrice).toBeNull();
    // A run without algorithms stores none, and another run's are never mixed in.
    const plain = '00000000-0000-4000-8000-000000000003';
    await storeBacktestRun(store, meta(plain, 'sma-cross'), { ...result, executions: [] });
    expect((await readBacktestRunDetail(store, plain)).executions).toEqual([]);
  });

  it('names the field of a stored row the schema refuses', async () => {
    const runId = '00000000-0000-4000-8000-000000000004';
    await storeBacktestRun(store, meta(runId), { ...result, executions: [result.executions[0]!] });
    await store.exclusive((c) => c.run(`UPDATE backtest_exec_parents SET status = 'LOST' WHERE run_id = $1`, [runId]));
    await expect(readBacktestRunDetail(store, runId)).rejects.toThrow(/0\.parent\.status/);
  });

  it('stores nothing of a run whose executions cannot be written', async () => {
    const runId = '00000000-0000-4000-8000-000000000005';
    const broken = { ...result.executions[0]!, parent: { ...result.executions[0]!.parent, side: undefined as never } };
    await expect(storeBacktestRun(store, meta(runId), { ...result, executions: [broken] })).rejects.toThrow();
    expect((await listBacktestRuns(store)).some((r) => r.runId === runId)).toBe(false);
    const rows = await store.exclusive(async (c) => (await c.runAndReadAll('SELECT count(*) AS n FROM backtest_fills WHERE run_id = $1', [runId])).getRowObjectsJS());
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('`nautilus backtest show` prints a stored run with its executions, and --json adds them to the summary', async () => {
    const cliDir = join(dir, 'cli');
    mkdirSync(cliDir);
    const runId = '00000000-0000-4000-8000-000000000006';
    const summary = { runId, strategy: 'twap-entry', params: PARAMS, symbols: meta(runId).symbols, timeframe: '1m', fillCount: result.fills.length, finalEquity: 1_000_123.45 };
    const own = await MarketStore.open(join(cliDir, 'market.duckdb'));
    try {
      await storeBacktestRun(own, { ...meta(runId), summary }, result);
    } finally {
      own.close();
    }
    const json = captureIo();
    expect(await backtestCommand.run(['show', runId, '--data-dir', cliDir, '--json'], json)).toBe(0);
    const shown = JSON.parse(json.stdout) as typeof summary & { executions: unknown };
    expect(shown).toEqual({ ...summary, executions: JSON.parse(JSON.stringify(result.executions.map(executionRecord))) });

    const text = captureIo();
    expect(await backtestCommand.run(['show', runId, '--data-dir', cliDir], text)).toBe(0);
    const first = result.executions[0]!;
    expect(text.stdout).toContain(`${result.executions.length} execution parents`);
    expect(text.stdout).toContain(`${first.parent.id} TWAP BUY ${first.parent.filled}/${first.parent.quantity}`);
    expect(text.stdout).toContain(`shortfall ${first.tca!.shortfall.amount.toFixed(2)} USD`);
    for (const child of first.children) expect(text.stdout).toContain(`${child.childId} ${child.venue}`);

    const missing = captureIo();
    expect(await backtestCommand.run(['show', '00000000-0000-4000-8000-00000000abcd', '--data-dir', cliDir], missing)).toBe(1);
    expect(missing.stderr).toContain('no stored run 00000000-0000-4000-8000-00000000abcd');
    const bad = captureIo();
    expect(await backtestCommand.run(['show', 'last', '--data-dir', cliDir], bad)).toBe(2);
    expect(bad.stderr).toContain('runId');
  });

  it('upgrades a store from before the executions tables: its runs read back with no executions', async () => {
    const file = join(dir, 'old.duckdb');
    const old = await openDuckDb(file, MARKET_MIGRATIONS.filter((m) => m.version < 11));
    const runId = '00000000-0000-4000-8000-000000000007';
    try {
      await old.connection.run(`INSERT INTO backtest_runs VALUES ($1, 0, 'sma-cross', 'h', '{}', '["AAA"]', '1D', 0, 1, '{}', 1, NULL, 100000, 0, 0, '{}')`, [runId]);
      await expect(old.connection.run('SELECT count(*) FROM backtest_exec_parents')).rejects.toThrow();
    } finally {
      old.close();
    }
    const upgraded = await MarketStore.open(file);
    try {
      expect((await readBacktestRun(upgraded, runId))?.strategy).toBe('sma-cross');
      expect((await readBacktestRunDetail(upgraded, runId)).executions).toEqual([]);
    } finally {
      upgraded.close();
    }
  });
});
