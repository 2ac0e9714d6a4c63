// `nautilus backtest` (and its sweep, walk-forward and show): a strategy over the data directory's bars on the backtest
// engine's workers; the summary (or --json), the run stored in the store, and an optional HTML tear sheet.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { renderTearSheet } from '../../core/report/tearSheet';
import { engineInstances } from '../../engines/registry';
import { defaultDataDir } from '../../main/dataDir';
import { EngineSupervisor } from '../../main/engine-host/supervisor';
import { createWorkerEngineLauncher } from '../../main/headless/workerEngineLauncher';
import { runBacktestRequest, type BacktestDeps } from '../../main/research/backtestService';
import { describeBacktestError } from '../../main/research/backtestErrors';
import { runSweep } from '../../main/research/backtestSweep';
import { runWalkForward } from '../../main/research/walkForward';
import { MarketStore } from '../../main/storage/market/marketStore';
import { seedSyntheticHistory } from '../../main/storage/market/seedSyntheticHistory';
import { defaultStrategyDirs } from '../../main/strategies/strategyLoader';
import { DEFAULT_LIMITS } from '../../main/trading/defaultLimits';
import { DEFAULT_SYNTHETIC_HISTORY, DUCKDB_FILE } from '../../main/workstation';
import { backtestRequestSchema, backtestSweepSchema, backtestWalkForwardSchema, type BacktestRunSummary, type WalkForwardSummary } from '../../shared/contracts/backtest';
import { validationError } from '../../shared/contracts/errors';
import { parseCommandArgs } from '../args';
import { runBacktestShow, SHOW_SYNOPSIS } from './backtestShow';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand, type CliIO } from '../command';
import { progressLine } from '../progressLine';

const usage = `nautilus backtest --strategy sma-cross --symbols A,B [--from 2016-01-01] [--to 2025-12-31] [--params fast=10,slow=50]
                  [--timeframe 1D] [--cash 100000] [--fill next-open|close] [--commission zero|sim] [--slippage-bps 0]
                  [--max-volume-share 0.1] [--limits none|current] [--benchmark SYM] [--seed 1] [--tearsheet out.html]
                  [--data-dir DIR] [--json]
nautilus backtest sweep … --grid fast=5:10:20,slow=50:100 [--rank-by sharpe] [--workers N]
nautilus backtest walk-forward … --grid fast=5:10,slow=50:100 --in-sample 504 --out-of-sample 126 [--step 126]
                  [--rank-by sharpe] [--workers N]
${SHOW_SYNOPSIS}

Runs a strategy (a built-in sample or <data dir>/strategies/NAME.ts) on the same trading node the workstation
trades on, and stores the run. walk-forward optimizes the grid on each in-sample window (bar counts), tests the best
parameters on the out-of-sample window after it, and measures the chained out-of-sample equity. --json prints finalEquity, fillCount, tradeCount and metrics (fractions).
show prints a stored run with its executions: each SMART order or algorithm with its TCA, and its children.
A fresh data directory is first seeded with the synthetic market's history.`;

const OPTIONS = {
  strategy: { type: 'string' },
  symbols: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  params: { type: 'string' },
  timeframe: { type: 'string' },
  cash: { type: 'string' },
  fill: { type: 'string' },
  commission: { type: 'string' },
  'slippage-bps': { type: 'string' },
  'max-volume-share': { type: 'string' },
  limits: { type: 'string' },
  benchmark: { type: 'string' },
  seed: { type: 'string' },
  tearsheet: { type: 'string' },
  grid: { type: 'string' },
  'rank-by': { type: 'string' },
  workers: { type: 'string' },
  'in-sample': { type: 'string' },
  'out-of-sample': { type: 'string' },
  step: { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** `2016-01-01` → epoch ms of that UTC midnight; anything else is passed on for the schema to refuse. */
export function date(text: string | undefined, flag: string): number | undefined | string {
  if (text === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) return `${flag} must be a date like 2016-01-01, got "${text}"`;
  return Date.parse(`${text}T00:00:00Z`);
}

const num = (text: string | undefined) => (text === undefined ? undefined : text.trim() === '' ? NaN : Number(text));

/** `fast=10,slow=50` (params) or `fast=5:10:20,slow=50:100` (grid). */
function pairs(text: string | undefined, flag: string, many: boolean): Record<string, number | number[]> | string {
  const out: Record<string, number | number[]> = {};
  if (text === undefined) return out;
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [key, value] = part.split('=');
    if (!key || value === undefined) return `${flag}: "${part}" is not name=value`;
    const values = value.split(':').map((v) => Number(v));
    if (values.some((v) => !Number.isFinite(v)) || (!many && values.length !== 1)) return `${flag}: "${part}" needs ${many ? 'numbers separated by :' : 'one number'}`;
    out[key] = many ? values : (values[0] as number);
  }
  return out;
}

export const backtestCommand: CliCommand = {
  name: 'backtest',
  summary: 'run a strategy over stored bars on the trading node (or a parameter sweep), with metrics and a tear sheet',
  usage,
  async run(argv, io) {
    if (argv[0] === 'show') return runBacktestShow(argv.slice(1), io);
    const walk = argv[0] === 'walk-forward';
    const sweep = argv[0] === 'sweep' || walk;
    const parsed = parseCommandArgs(sweep ? argv.slice(1) : argv, OPTIONS);
    if (!parsed.ok) return io.err(`nautilus backtest: ${parsed.error}\n\n${usage}\n`), EXIT_USAGE;
    const v = parsed.value.values as Record<string, string | boolean | undefined>;
    const s = (k: string) => v[k] as string | undefined;
    const from = date(s('from'), '--from');
    const to = date(s('to'), '--to');
    const params = pairs(s('params'), '--params', false);
    const grid = pairs(s('grid'), '--grid', true);
    for (const problem of [from, to, params, grid]) if (typeof problem === 'string') return io.err(`nautilus backtest: ${problem}\n`), EXIT_USAGE;
    if (sweep && s('grid') === undefined) return io.err(`nautilus backtest ${argv[0]}: --grid is required\n`), EXIT_USAGE;
    if (walk && (s('in-sample') === undefined || s('out-of-sample') === undefined)) return io.err('nautilus backtest walk-forward: --in-sample and --out-of-sample (bar counts) are required\n'), EXIT_USAGE;
    const raw = {
      strategy: s('strategy'),
      symbols: s('symbols')?.split(',').map((x) => x.trim()).filter(Boolean),
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      params,
      ...(s('timeframe') ? { timeframe: s('timeframe') } : {}),
      ...(s('cash') !== undefined ? { cash: num(s('cash')) } : {}),
      ...(s('fill') ? { fill: s('fill') } : {}),
      ...(s('commission') ? { commission: s('commission') } : {}),
      ...(s('slippage-bps') !== undefined ? { slippageBps: num(s('slippage-bps')) } : {}),
      ...(s('max-volume-share') !== undefined ? { maxVolumeShare: num(s('max-volume-share')) } : {}),
      ...(s('limits') ? { limits: s('limits') } : {}),
      ...(s('benchmark') ? { benchmark: s('benchmark') } : {}),
      ...(s('seed') !== undefined ? { seed: num(s('seed')) } : {}),
      ...(sweep ? { grid, ...(s('rank-by') ? { rankBy: s('rank-by') } : {}) } : {}),
      ...(walk ? { inSample: num(s('in-sample')), outOfSample: num(s('out-of-sample')), ...(s('step') !== undefined ? { step: num(s('step')) } : {}) } : {}),
    };
    const checked = walk ? backtestWalkForwardSchema.safeParse(raw) : sweep ? backtestSweepSchema.safeParse(raw) : backtestRequestSchema.safeParse(raw);
    if (!checked.success) return io.err(`nautilus backtest: ${validationError(checked.error, 'options').message}\n`), EXIT_USAGE;
    const workers = s('workers') === undefined ? (sweep ? availableParallelism() : 1) : Number(s('workers'));
    if (!Number.isInteger(workers) || workers < 1 || workers > 64) return io.err('nautilus backtest: --workers must be a whole number from 1 to 64\n'), EXIT_USAGE;

    const dataDir = resolve(s('data-dir') ?? defaultDataDir());
    const store = await MarketStore.open(join(dataDir, DUCKDB_FILE));
    const supervisor = new EngineSupervisor({ launcher: createWorkerEngineLauncher(), engines: engineInstances(['backtest'], workers), onHealth: () => undefined });
    try {
      if ((await store.countBars()) === 0) {
        io.err('the store is empty: seeding the synthetic market’s history first…\n');
        await seedSyntheticHistory(store, DEFAULT_SYNTHETIC_HISTORY);
      }
      supervisor.start();
      const deps: BacktestDeps = {
        store,
        supervisor,
        strategyDirs: defaultStrategyDirs(dataDir),
        currentLimits: () => DEFAULT_LIMITS,
        now: Date.now,
        sharedMemory: true,
      };
      const progress = progressLine(io);
      const control = { onProgress: (done: number, total: number) => progress.update(done, total) };
      if (walk) {
        const result = await runWalkForward(deps, checked.data as never, control);
        progress.end();
        if (!result.ok) return io.err(`nautilus backtest: ${describeBacktestError(result.error)}\n`), EXIT_USAGE;
        if (v.json) io.out(`${JSON.stringify(result.value)}\n`);
        else printWalkForward(io, result.value);
        return EXIT_OK;
      }
      if (sweep) {
        const result = await runSweep(deps, checked.data as never, control);
        progress.end();
        if (!result.ok) return io.err(`nautilus backtest: ${describeBacktestError(result.error)}\n`), EXIT_USAGE;
        if (v.json) io.out(`${JSON.stringify(result.value)}\n`);
        else printSweep(io, result.value.runs, result.value.rankBy);
        return EXIT_OK;
      }
      const result = await runBacktestRequest(deps, checked.data as never, control);
      progress.end();
      if (!result.ok) return io.err(`nautilus backtest: ${describeBacktestError(result.error)}\n`), EXIT_USAGE;
      const { summary, report, benchmarkReport } = result.value;
      const tearsheet = s('tearsheet');
      if (tearsheet && report) {
        const html = renderTearSheet({ strategyName: `${summary.strategy} ${JSON.stringify(summary.params)}`, ...(s('benchmark') ? { benchmarkName: s('benchmark') } : {}), report, ...(benchmarkReport ? { benchmarkReport } : {}), generatedAt: Date.now() });
        writeFileSync(resolve(tearsheet), html);
      }
      if (v.json) io.out(`${JSON.stringify(summary)}\n`);
      else printRun(io, summary, tearsheet);
      return EXIT_OK;
    } catch (error) {
      io.err(`nautilus backtest: ${(error as Error).message}\n`);
      return EXIT_FAILURE;
    } finally {
      await supervisor.stop();
      store.close();
    }
  },
};

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(2)}%`);
const fix = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(2));

function printRun(io: CliIO, r: BacktestRunSummary, tearsheet: string | undefined): void {
  const m = r.metrics;
  io.out(`${r.strategy} ${JSON.stringify(r.params)} on ${r.symbols.length} symbols, ${new Date(r.from).toISOString().slice(0, 10)} → ${new Date(r.to).toISOString().slice(0, 10)} (${r.barCount.toLocaleString('en-US')} bars)\n`);
  io.out(`final equity ${r.finalEquity.toFixed(2)} from ${r.initialCash.toFixed(2)} · ${r.fillCount} fills · ${r.tradeCount} round trips · ${r.denialCount} denials\n`);
  io.out(`total return ${pct(m.totalReturn)} · CAGR ${pct(m.cagr)} · vol ${pct(m.volatility)} · Sharpe ${fix(m.sharpe)} · Sortino ${fix(m.sortino)} · Calmar ${fix(m.calmar)} · max DD ${pct(m.maxDrawdown)}\n`);
  io.out(`run ${r.runId}${tearsheet ? ` · tear sheet ${resolve(tearsheet)}` : ''}\n`);
}

function printSweep(io: CliIO, runs: readonly BacktestRunSummary[], rankBy: string): void {
  io.out(`${runs.length} runs, ranked by ${rankBy}:\n`);
  for (const r of runs.slice(0, 20)) io.out(`  ${JSON.stringify(r.params).padEnd(40)} ${rankBy} ${fix(r.metrics[rankBy])}  return ${pct(r.metrics.totalReturn)}  max DD ${pct(r.metrics.maxDrawdown)}\n`);
}

function printWalkForward(io: CliIO, w: WalkForwardSummary): void {
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  io.out(`${w.windows.length} windows, in-sample ranked by ${w.rankBy} (walk-forward ${w.walkForwardId}):\n`);
  for (const x of w.windows) {
    const m = x.outOfSampleRun.metrics;
    io.out(`  ${day(x.inSample.from)}→${day(x.inSample.to)} best ${JSON.stringify(x.bestParams)} ${w.rankBy} ${fix(x.inSampleMetric)} | out of sample ${day(x.outOfSample.from)}→${day(x.outOfSample.to)} return ${pct(m.totalReturn)} Sharpe ${fix(m.sharpe)} max DD ${pct(m.maxDrawdown)}\n`);
  }
  const m = w.outOfSampleMetrics;
  io.out(`chained out of sample: total return ${pct(m.totalReturn)} · CAGR ${pct(m.cagr)} · vol ${pct(m.volatility)} · Sharpe ${fix(m.sharpe)} · max DD ${pct(m.maxDrawdown)}\n`);
  if (w.failed.length > 0) io.out(`${w.failed.length} runs failed; first: ${w.failed[0]?.code} ${w.failed[0]?.message}\n`);
}
