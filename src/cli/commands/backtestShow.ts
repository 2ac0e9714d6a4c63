// `nautilus backtest show <run id>`: a stored run from the data directory — its summary and its executions (each
// parent with its TCA, then its children) as text, or --json with the summary's fields plus `executions`.
import { join, resolve } from 'node:path';
import type { ExecutionRecord } from '../../core/backtest';
import { defaultDataDir } from '../../main/dataDir';
import { readBacktestRun, readBacktestRunDetail } from '../../main/storage/market/backtestStore';
import { MarketStore } from '../../main/storage/market/marketStore';
import { DUCKDB_FILE } from '../../main/workstation';
import { backtestContract, type BacktestRunSummary } from '../../shared/contracts/backtest';
import { validationError } from '../../shared/contracts/errors';
import { parseCommandArgs } from '../args';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIO } from '../command';

export const SHOW_SYNOPSIS = 'nautilus backtest show RUN_ID [--data-dir DIR] [--json]';

const showUsage = `${SHOW_SYNOPSIS}

A stored run: its summary and the SMART orders and algorithms its strategy sent, each with its TCA (implementation
shortfall against the arrival mid, split into spread, impact, timing and fees) and its children. --json prints the
run's summary fields plus "executions": [{ parent, tca, children }].`;

export async function runBacktestShow(argv: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(argv, { 'data-dir': { type: 'string' }, json: { type: 'boolean' } }, true);
  if (!parsed.ok) return io.err(`nautilus backtest show: ${parsed.error}\n\n${showUsage}\n`), EXIT_USAGE;
  const [runId, ...extra] = parsed.value.positionals;
  if (runId === undefined || extra.length > 0) return io.err(`nautilus backtest show: one run id, please\n\n${showUsage}\n`), EXIT_USAGE;
  const checked = backtestContract['backtest.equity'].input.safeParse({ runId });
  if (!checked.success) return io.err(`nautilus backtest show: ${validationError(checked.error, 'run').message}\n`), EXIT_USAGE;
  const v = parsed.value.values as { 'data-dir'?: string; json?: boolean };
  const store = await MarketStore.open(join(resolve(v['data-dir'] ?? defaultDataDir()), DUCKDB_FILE));
  try {
    const run = await readBacktestRun(store, checked.data.runId);
    if (!run) return io.err(`nautilus backtest show: no stored run ${checked.data.runId}\n`), EXIT_FAILURE;
    const { executions } = await readBacktestRunDetail(store, run.runId);
    const summary = run.summary as BacktestRunSummary;
    if (v.json) io.out(`${JSON.stringify({ ...summary, executions })}\n`);
    else printShow(io, summary, executions);
    return EXIT_OK;
  } catch (error) {
    io.err(`nautilus backtest show: ${(error as Error).message}\n`);
    return EXIT_FAILURE;
  } finally {
    store.close();
  }
}

const price = (v: number | null) => (v === null ? '—' : v.toFixed(4));
const time = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString().slice(0, 16).replace('T', ' '));

function printShow(io: CliIO, s: BacktestRunSummary, executions: readonly ExecutionRecord[]): void {
  io.out(`run ${s.runId}: ${s.strategy} ${JSON.stringify(s.params)} on ${s.symbols.join(', ')} (${s.timeframe}) · ${s.fillCount} fills · final equity ${s.finalEquity.toFixed(2)}\n`);
  if (executions.length === 0) return io.out('no SMART orders or algorithms in this run\n');
  io.out(`${executions.length} execution parent${executions.length === 1 ? '' : 's'}:\n`);
  for (const { parent: p, tca, children } of executions) {
    io.out(`${p.parentId} ${p.algo} ${p.side} ${p.filled}/${p.quantity} ${p.symbol} ${p.status} ${time(p.createdAt)} → ${time(p.endedAt)} arrival ${price(p.arrivalMid)} avg ${price(p.averagePrice)}\n`);
    if (tca) {
      const vwap = tca.vsIntervalVwapBps === null ? '' : ` · vs interval VWAP ${tca.vsIntervalVwapBps.toFixed(2)} bp`;
      io.out(`  shortfall ${tca.shortfall.amount.toFixed(2)} ${tca.currency} (${tca.shortfall.bps.toFixed(2)} bp) = spread ${tca.spread.amount.toFixed(2)} + impact ${tca.impact.amount.toFixed(2)} + timing ${tca.timing.amount.toFixed(2)} + fees ${tca.fees.amount.toFixed(2)}${vwap}\n`);
    }
    for (const c of children) io.out(`    ${c.childId} ${c.venue} ${c.liquidity} ${c.filled}/${c.quantity} avg ${price(c.averagePrice)} sent ${time(c.sentAt)}\n`);
  }
}
