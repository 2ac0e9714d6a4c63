// `nautilus factors`: the factor library and operators (list), one factor's IC and quantile figures over the
// store's universe (ic), and factor values written to the store (compute).
import { storedFundamentals } from '../../main/research/storedFundamentals';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { FACTOR_LIBRARY, OPERATORS, pointAt } from '../../core/factors';
import { engineInstances } from '../../engines/registry';
import { defaultDataDir } from '../../main/dataDir';
import { EngineSupervisor } from '../../main/engine-host/supervisor';
import { createWorkerEngineLauncher } from '../../main/headless/workerEngineLauncher';
import { computeFactors, runFactorAnalysis, type FactorDeps } from '../../main/research/factorService';
import { listFactorDefinitions } from '../../main/storage/market/factorStore';
import { analyzerFor, evaluatorFor } from '../../main/team/queuedFactors';
import { connectQueue, queueStoreOf, type QueueStore } from '../../main/team/researchQueue';
import { MarketStore } from '../../main/storage/market/marketStore';
import { DUCKDB_FILE } from '../../main/workstation';
import { validationError } from '../../shared/contracts/errors';
import { factorAnalysisSchema, factorComputeSchema } from '../../shared/contracts/factors';
import { parseCommandArgs } from '../args';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand, type CliIO } from '../command';
import { progressLine } from '../progressLine';
import { date } from './backtest';

const usage = `nautilus factors list [--operators] [--data-dir DIR] [--json]
nautilus factors ic (--factor NAME | --expr "EXPRESSION") [--horizon 5] [--method spearman|pearson] [--quantiles 5]
                    [--min-symbols 5] [--symbols A,B,…] [--from 2020-01-01] [--to 2024-12-31] [--timeframe 1D]
                    [--workers N] [--on local|queue] [--redis URL] [--data-dir DIR] [--json]
nautilus factors compute (--factor NAME,… | --expr "EXPRESSION" [--name NAME]) [--symbols A,B,…] [--from] [--to]
                    [--timeframe 1D] [--workers N] [--on local|queue] [--redis URL] [--data-dir DIR] [--json]

list     the library (Alpha158-style price-volume factors, with formulas), saved factors, and with --operators
         the expression language's operators
ic       information coefficient per date against forward returns close(t+h)/close(t) − 1, its mean, sample std,
         ICIR and t-statistic, dates used and skipped (fewer than --min-symbols symbols), mean forward return
         per quantile (lowest first) and the long-short spread; --json prints one object. --on queue sends the
         analysis to the team's research queue (--redis URL, redis:// or postgres://, default $NAUTILUS_REDIS_URL)
         for \`nautilus worker\` processes to run, with the same figures as a local run
compute  factor values for every symbol into the store's factor_values table (--on queue: evaluated by the team's workers)`;

const OPTIONS = {
  factor: { type: 'string' },
  expr: { type: 'string' },
  name: { type: 'string' },
  horizon: { type: 'string' },
  method: { type: 'string' },
  quantiles: { type: 'string' },
  'min-symbols': { type: 'string' },
  symbols: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  timeframe: { type: 'string' },
  workers: { type: 'string' },
  on: { type: 'string' },
  redis: { type: 'string' },
  'data-dir': { type: 'string' },
  operators: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

const num = (text: string | undefined) => (text === undefined ? undefined : text.trim() === '' ? NaN : Number(text));
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(3)}%`);
const fix = (v: number | null, d = 4) => (v === null ? '—' : v.toFixed(d));

/** A run's error for the terminal: code, message, and a caret under the offending token when there is one. */
function describe(error: { code: string; message?: string; position?: unknown; expression?: unknown }, expression: string | undefined): string {
  const source = typeof error.expression === 'string' ? error.expression : expression;
  const caret = typeof error.position === 'number' && source ? `\n${pointAt(source, error.position)}` : '';
  return `${error.code}: ${error.message ?? ''}${caret}`;
}

/** A queued run that failed on the workers (not the user's input): exit 1, not 2. */
export const isQueueFailure = (code: string): boolean => code === 'JOB_FAILED' || code === 'JOB_RESULT_INVALID';

/** The research queue `--on queue` names (--redis or $NAUTILUS_REDIS_URL), undefined for a local run, or a usage error. */
export function queueOption(v: Record<string, string | undefined>): QueueStore | undefined | string {
  if (v.on !== undefined && v.on !== 'local' && v.on !== 'queue') return `--on must be local or queue, got "${v.on}"`;
  if (v.on !== 'queue') return v.redis === undefined ? undefined : '--redis is for --on queue';
  const url = v.redis ?? process.env.NAUTILUS_REDIS_URL;
  if (!url) return '--on queue needs --redis URL (or NAUTILUS_REDIS_URL)';
  const store = queueStoreOf(url);
  return store.ok ? store.value : `--redis: ${store.error}`;
}

export async function withFactorEngines<T>(v: Record<string, string | undefined>, io: CliIO, run: (deps: FactorDeps) => Promise<T>, queue?: QueueStore): Promise<T | number> {
  const workers = v.workers === undefined ? availableParallelism() : Number(v.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) return io.err('nautilus factors: --workers must be a whole number from 1 to 64\n'), EXIT_USAGE;
  const store = await MarketStore.open(join(resolve(v['data-dir'] ?? defaultDataDir()), DUCKDB_FILE));
  const supervisor = new EngineSupervisor({ launcher: createWorkerEngineLauncher(), engines: engineInstances(['factors'], workers), onHealth: () => undefined });
  supervisor.start();
  const researchQueue = queue ? connectQueue(queue, (message) => io.err(`${message}\n`)) : undefined;
  try {
    return await run({ store, supervisor, now: Date.now, sharedMemory: true, fundamentals: storedFundamentals(store), ...(researchQueue ? { researchQueue } : {}) });
  } finally {
    await researchQueue?.close();
    await supervisor.stop();
    store.close();
  }
}

function universe(v: Record<string, string | undefined>): Record<string, unknown> | string {
  const from = date(v.from, '--from');
  const to = date(v.to, '--to');
  if (typeof from === 'string') return from;
  if (typeof to === 'string') return to;
  return {
    ...(v.symbols ? { symbols: v.symbols.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(v.timeframe ? { timeframe: v.timeframe } : {}),
  };
}

async function list(v: Record<string, string | boolean | undefined>, io: CliIO): Promise<number> {
  const store = await MarketStore.open(join(resolve((v['data-dir'] as string | undefined) ?? defaultDataDir()), DUCKDB_FILE));
  try {
    const saved = await listFactorDefinitions(store);
    const operators = Object.entries(OPERATORS).map(([name, op]) => ({ name, family: op.family, args: op.args, doc: op.doc }));
    if (v.json) {
      io.out(`${JSON.stringify({ library: FACTOR_LIBRARY, saved, ...(v.operators ? { operators } : {}) })}\n`);
      return EXIT_OK;
    }
    for (const f of FACTOR_LIBRARY) io.out(`${f.name.padEnd(8)} ${f.expression}\n`);
    for (const f of saved) io.out(`${`${f.name} v${f.version}`.padEnd(12)} [${f.kind}] ${f.expression}\n`);
    if (v.operators) for (const op of operators) io.out(`${`${op.name}(${op.args.join(', ')})`.padEnd(36)} ${op.doc}\n`);
    io.err(`${FACTOR_LIBRARY.length} library factors, ${saved.length} saved\n`);
    return EXIT_OK;
  } finally {
    store.close();
  }
}

async function ic(v: Record<string, string | undefined>, json: boolean, io: CliIO): Promise<number> {
  if ((v.factor === undefined) === (v.expr === undefined)) return io.err(`nautilus factors ic: give exactly one of --factor and --expr\n\n${usage}\n`), EXIT_USAGE;
  const u = universe(v);
  if (typeof u === 'string') return io.err(`nautilus factors ic: ${u}\n`), EXIT_USAGE;
  const request = factorAnalysisSchema.safeParse({
    ...u,
    factors: [v.factor !== undefined ? { name: v.factor } : { expression: v.expr }],
    ...(v.horizon !== undefined ? { horizon: num(v.horizon), horizons: [1, 5, 20, num(v.horizon)] } : {}),
    ...(v.method ? { method: v.method } : {}),
    ...(v.quantiles !== undefined ? { quantiles: num(v.quantiles) } : {}),
    ...(v['min-symbols'] !== undefined ? { minSymbols: num(v['min-symbols']) } : {}),
  });
  if (!request.success) return io.err(`nautilus factors ic: ${validationError(request.error, 'options').message}\n`), EXIT_USAGE;
  const queue = queueOption(v);
  if (typeof queue === 'string') return io.err(`nautilus factors ic: ${queue}\n`), EXIT_USAGE;
  return withFactorEngines(v, io, async (deps) => {
    const analyzer = analyzerFor(deps, queue ? 'queue' : 'local');
    if (!analyzer.ok) return io.err(`nautilus factors ic: ${describe(analyzer.error, v.expr)}\n`), EXIT_USAGE;
    const progress = queue ? { onProgress: (done: number, total: number, name: string) => io.err(`${done}/${total} ${name} (research queue)\n`) } : {};
    const result = await runFactorAnalysis(deps, request.data, progress, analyzer.value);
    if (!result.ok) return io.err(`nautilus factors ic: ${describe(result.error, v.expr)}\n`), isQueueFailure(result.error.code) ? EXIT_FAILURE : EXIT_USAGE;
    const r = result.value;
    const f = r.factors[0]!;
    const out = { factor: f.name, expression: f.expression, horizon: r.horizon, method: r.method, symbols: r.symbols, meanIC: f.meanIC, icStd: f.icStd, icir: f.icir, tStat: f.tStat, dates: f.dates, skippedDates: f.skippedDates, quantiles: f.quantiles, longShort: f.longShort, turnover: f.turnover, rankAutocorrelation: f.rankAutocorrelation, decay: f.decay, runId: r.runId };
    if (json) io.out(`${JSON.stringify(out)}\n`);
    else {
      io.out(`${f.name} (${f.expression}), ${r.method} IC at ${r.horizon} bars over ${r.symbols} symbols\n`);
      io.out(`mean IC ${fix(f.meanIC)}  IC std ${fix(f.icStd)}  ICIR ${fix(f.icir)}  t ${fix(f.tStat, 2)}  dates ${f.dates} (skipped ${f.skippedDates})\n`);
      io.out(`quantiles ${f.quantiles.map(pct).join('  ')}  long-short ${pct(f.longShort)}\n`);
      io.out(`decay ${f.decay.map((d) => `${d.horizon}: ${fix(d.meanIC)}`).join('  ')}\n`);
    }
    return EXIT_OK;
  }, queue);
}

async function compute(v: Record<string, string | undefined>, json: boolean, io: CliIO): Promise<number> {
  if ((v.factor === undefined) === (v.expr === undefined)) return io.err(`nautilus factors compute: give exactly one of --factor and --expr\n\n${usage}\n`), EXIT_USAGE;
  const u = universe(v);
  if (typeof u === 'string') return io.err(`nautilus factors compute: ${u}\n`), EXIT_USAGE;
  const factors = v.factor !== undefined ? v.factor.split(',').map((name) => ({ name: name.trim() })) : [{ expression: v.expr, ...(v.name ? { name: v.name } : {}) }];
  const request = factorComputeSchema.safeParse({ ...u, factors });
  if (!request.success) return io.err(`nautilus factors compute: ${validationError(request.error, 'options').message}\n`), EXIT_USAGE;
  const queue = queueOption(v);
  if (typeof queue === 'string') return io.err(`nautilus factors compute: ${queue}\n`), EXIT_USAGE;
  return withFactorEngines(v, io, async (deps) => {
    const evaluator = evaluatorFor(deps, queue ? 'queue' : 'local');
    if (!evaluator.ok) return io.err(`nautilus factors compute: ${describe(evaluator.error, v.expr)}\n`), EXIT_USAGE;
    const progress = progressLine(io);
    const result = await computeFactors(deps, request.data, { onProgress: (done, total, name) => progress.update(done, total, name.slice(0, 40)) }, evaluator.value);
    progress.end();
    if (!result.ok) return io.err(`nautilus factors compute: ${describe(result.error, v.expr)}\n`), isQueueFailure(result.error.code) ? EXIT_FAILURE : EXIT_USAGE;
    const s = result.value;
    if (json) io.out(`${JSON.stringify(s)}\n`);
    else io.out(`${s.factors.length} factors for ${s.symbols} symbols, ${s.rows.toLocaleString('en-US')} values in ${Math.round(s.durationMs)} ms\n`);
    return EXIT_OK;
  }, queue);
}

export const factorsCommand: CliCommand = {
  name: 'factors',
  summary: 'factor research: the factor library, IC and quantile analysis over the universe, factor values into the store',
  usage,
  async run(argv, io) {
    const sub = argv[0];
    const parsed = parseCommandArgs(argv.slice(1), OPTIONS);
    if (!parsed.ok) return io.err(`nautilus factors: ${parsed.error}\n\n${usage}\n`), EXIT_USAGE;
    const v = parsed.value.values as Record<string, string | undefined>;
    const json = parsed.value.values.json === true;
    try {
      switch (sub) {
        case 'list':
          return await list(parsed.value.values, io);
        case 'ic':
          return await ic(v, json, io);
        case 'compute':
          return await compute(v, json, io);
        default:
          return io.err(`nautilus factors: unknown subcommand ${JSON.stringify(sub ?? '')}\n\n${usage}\n`), EXIT_USAGE;
      }
    } catch (error) {
      io.err(`nautilus factors: ${(error as Error).message}\n`);
      return EXIT_FAILURE;
    }
  },
};
