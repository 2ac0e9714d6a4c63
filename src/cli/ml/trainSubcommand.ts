// `nautilus ml train`: walk-forward training of a return or direction model on a panel CSV or on stored factors,
// registered as a candidate.
import type { TargetKind } from '../../core/ml/trainingSet';
import { TABULAR_KINDS, type TabularKind } from '../../core/ml/tabularModel';
import { tabularParams } from '../../core/ml/tabularParams';
import type { Result } from '../../core/model/result';
import { trainAndRegister, trainOnFactors, type TrainingError, type TrainingReport } from '../../main/research/mlTraining';
import { connectQueue } from '../../main/team/researchQueue';
import { queuedFit } from '../../main/team/queuedTraining';
import { isQueueFailure, queueOption, withFactorEngines } from '../commands/factors';
import { parseCommandArgs } from '../args';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand, type CliIO } from '../command';
import { dateFlag, withRegistry } from './modelRecord';
import { intOption, toJson } from './mlOutput';
import { readPanelCsv } from './panelCsvInput';

export const TRAIN_USAGE = `usage: nautilus ml train (--input <panel.csv> --features a,b,… | --factors F1,F2,…) --name NAME [--kind gbt] [--target return|direction]
        [--horizon 5] [--symbols A,B] [--from DATE] [--to DATE] [--mode expanding|rolling] [--train-dates 250]
        [--test-dates 60] [--embargo H] [--param k=v]… [--on local|queue [--redis URL]] [--data-dir DIR] [--json]

  --input      CSV with date, symbol, close and feature columns (one row per symbol and day)
  --features   the feature columns to train on, by name
  --factors    instead of a file: library or saved factors by name, evaluated over the stored daily bars of
               --symbols (default all) by the factors workers; rows where a factor is still warming up are left out
  --kind       ${TABULAR_KINDS.join(', ')} (default gbt)
  --target     return: the forward return over --horizon bars; direction: whether it is positive
  --embargo    dates between each fold's training and test windows (default: the horizon)
  --param      a model parameter, e.g. --param rounds=200 --param maxDepth=3
  --on queue   fit the folds and the final model on the team's research queue (one job per fold, run by
               \`nautilus worker\`), at --redis URL (default $NAUTILUS_REDIS_URL); the same report and model as local
Walk-forward folds, per-fold MSE, MAE, R², hit rate and IC, importance; the final model (all rows) is registered
as a candidate version of NAME in the data directory's record, its artifact under <data-dir>/models/NAME/.`;

async function runTrain(argv: readonly string[], io: CliIO): Promise<number> {
  const fail = (message: string, code = EXIT_USAGE): number => (io.err(`nautilus ml train: ${message}\n`), code);
  const parsed = parseCommandArgs(argv, {
    input: { type: 'string' },
    features: { type: 'string' },
    factors: { type: 'string' },
    workers: { type: 'string' },
    name: { type: 'string' },
    kind: { type: 'string' },
    target: { type: 'string' },
    horizon: { type: 'string' },
    symbols: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    mode: { type: 'string' },
    'train-dates': { type: 'string' },
    'test-dates': { type: 'string' },
    embargo: { type: 'string' },
    param: { type: 'string', multiple: true },
    seed: { type: 'string' },
    'data-dir': { type: 'string' },
    on: { type: 'string' },
    redis: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (!parsed.ok) return fail(`${parsed.error}\n\n${TRAIN_USAGE}`);
  const v = parsed.value.values as Record<string, string | boolean | string[] | undefined>;
  if (v.help) return io.out(`${TRAIN_USAGE}\n`), EXIT_OK;
  const s = (k: string) => v[k] as string | undefined;
  if (!s('name') || (s('factors') === undefined) === (s('input') === undefined) || (s('input') !== undefined && !s('features'))) {
    return fail(`--name and either --input with --features or --factors are required\n\n${TRAIN_USAGE}`);
  }
  const kind = (s('kind') ?? 'gbt') as TabularKind;
  if (!TABULAR_KINDS.includes(kind)) return fail(`--kind must be one of ${TABULAR_KINDS.join(', ')}, got '${kind}'`);
  const target = (s('target') ?? 'return') as TargetKind;
  if (target !== 'return' && target !== 'direction') return fail(`--target must be return or direction, got '${target}'`);
  const mode = s('mode') ?? 'expanding';
  if (mode !== 'expanding' && mode !== 'rolling') return fail(`--mode must be expanding or rolling, got '${mode}'`);
  const horizon = intOption(s('horizon'), '--horizon', 5, 1, 250);
  if (!horizon.ok) return fail(horizon.error);
  const ints = [intOption(s('train-dates'), '--train-dates', 250, 1, 100_000), intOption(s('test-dates'), '--test-dates', 60, 1, 100_000), intOption(s('embargo'), '--embargo', horizon.value, 0, 10_000), intOption(s('seed'), '--seed', 1, 0, 2 ** 31 - 1)];
  for (const i of ints) if (!i.ok) return fail(i.error);
  const [trainDates, testDates, embargo, seed] = ints.map((i) => (i.ok ? i.value : 0)) as [number, number, number, number];
  const overrides: Record<string, string> = {};
  for (const kv of (v.param as string[] | undefined) ?? []) {
    const eq = kv.indexOf('=');
    if (eq <= 0) return fail(`--param takes name=value, got '${kv}'`);
    overrides[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  const params = tabularParams(kind, overrides);
  if (!params.ok) return fail(`${params.error.code}: ${params.error.message}`);
  const queue = queueOption({ on: s('on'), redis: s('redis') });
  if (typeof queue === 'string') return fail(queue);
  const from = dateFlag(s('from'), '--from');
  const to = dateFlag(s('to'), '--to');
  if (!from.ok) return fail(from.error);
  if (!to.ok) return fail(to.error);
  const symbols = s('symbols')?.split(',').map((x) => x.trim()).filter(Boolean);
  const list = (text: string) => text.split(',').map((f) => f.trim()).filter(Boolean);
  const spec = { model: params.value, task: target === 'direction' ? ('classification' as const) : ('regression' as const), mode: mode as 'expanding' | 'rolling', trainDates, testDates, embargoDates: embargo, importanceRepeats: 5, seed };

  const run = { name: s('name')!, target, horizon: horizon.value, spec };
  const where = queue ? ' (research queue)' : '';
  const progress = { onProgress: (step: string, _done: number, _total: number, detail: string) => void (step !== 'factors' && io.err(`  ${detail} done${where}\n`)) };
  const report = (trained: Result<TrainingReport, TrainingError>): number => {
    const code = trained.ok ? '' : trained.error.code;
    if (!trained.ok) return fail(`${code}: ${trained.error.message ?? ''}`, code === 'NOT_CONVERGED' || code === 'BAD_REGISTRATION' || isQueueFailure(code) ? EXIT_FAILURE : EXIT_USAGE);
    const r = trained.value;
    if (r.skippedRows > 0) io.err(`  ${r.skippedRows} rows left out: a factor was still warming up or missing\n`);
    if (v.json) io.out(`${toJson(r)}\n`);
    else {
      const m = r.model;
      const o = r.outOfSample;
      io.out(`registered ${m.name} v${m.version} (${m.kind}, candidate): ${r.folds.length} folds, ${o.rows} out-of-sample rows\n`);
      io.out(`  out of sample: MSE ${o.mse.toPrecision(4)}  MAE ${o.mae.toPrecision(4)}  R² ${o.r2.toFixed(4)}  hit ${(100 * o.hitRate).toFixed(1)}%  IC ${o.ic.toFixed(4)}\n`);
      for (const [f, imp] of Object.entries(r.importance)) io.out(`  ${f.padEnd(16)} permutation ${imp.permutation.toFixed(4)}${imp.impurity !== undefined ? `  impurity ${imp.impurity.toFixed(4)}` : ''}\n`);
    }
    return EXIT_OK;
  };

  if (s('factors') !== undefined) {
    const factors = list(s('factors')!);
    return withFactorEngines(
      { 'data-dir': s('data-dir'), workers: s('workers') },
      io,
      (deps) =>
        withRegistry(s('data-dir'), async (registry, dataDir) =>
          report(await trainOnFactors(deps, { registry, dataDir, ...(deps.researchQueue ? { fit: queuedFit(deps.researchQueue) } : {}) }, { factors, symbols, from: from.value, to: to.value, timeframe: '1D' }, run, progress)),
        ),
      queue,
    );
  }
  const rows = readPanelCsv(s('input')!, { symbols, from: from.value, to: to.value });
  if (!rows.ok) return fail(rows.error);
  const researchQueue = queue ? connectQueue(queue, (message) => io.err(`${message}\n`)) : undefined;
  try {
    return await withRegistry(s('data-dir'), async (registry, dataDir) =>
      report(await trainAndRegister({ registry, dataDir, ...(researchQueue ? { fit: queuedFit(researchQueue) } : {}) }, rows.value, { ...run, features: list(s('features')!), missing: 'refuse' }, progress)),
    );
  } finally {
    await researchQueue?.close();
  }
}

export const mlTrainCommand: CliCommand = { name: 'ml train', summary: 'walk-forward train a return/direction model and register it', usage: TRAIN_USAGE, run: runTrain };
