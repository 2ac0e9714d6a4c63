// `nautilus ml predict` (a registered model's predictions for each symbol on one date of a panel CSV) and
// `nautilus ml compare` (two versions scored A/B on the same out-of-sample window, with a Diebold-Mariano test).
import { predictOnDate } from '../../core/ml/modelPrediction';
import { challengerPair, compareLoaded, loadModel, type LoadedModel } from '../../main/research/mlModelUse';
import type { MlModelRegistry, RegisteredModel } from '../../main/storage/sqlite/mlModelRegistry';
import { parseCommandArgs } from '../args';
import { EXIT_OK, EXIT_USAGE, type CliCommand, type CliIO } from '../command';
import { dateFlag, withRegistry } from './modelRecord';
import { toJson } from './mlOutput';
import { readPanelCsv } from './panelCsvInput';

const PREDICT_USAGE = `usage: nautilus ml predict --name NAME [--version V] --input <panel.csv> [--date DATE] [--data-dir DIR] [--json]

The model's prediction (forward return, or P(up) for a direction model) for every symbol on DATE (default the last
date in the file; the last date on or before it otherwise); the production version unless --version is given.`;

const COMPARE_USAGE = `usage: nautilus ml compare --name NAME [--a V --b V] --input <panel.csv> [--from DATE] [--to DATE] [--data-dir DIR] [--json]

Scores versions A and B on the same rows (the window's dates and symbols with a known forward return): MSE, MAE, R²,
hit rate and IC side by side, and the Diebold-Mariano test of their squared errors (per-date mean of A − B,
Newey-West with horizon − 1 lags; a positive statistic means B's errors are smaller). Without --a and --b: the
production version (A) against its shadow, else its latest candidate (B). The window defaults to the horizon-th
date after both training windows; a side scored on dates it was trained on is flagged overlapsTraining.`;

function pick(registry: MlModelRegistry, name: string, version: string | undefined): RegisteredModel | string {
  const all = registry.list(name);
  if (all.length === 0) return `no model named ${name}`;
  if (version === undefined) return registry.production(name) ?? all[all.length - 1]!;
  return all.find((m) => String(m.version) === version) ?? `${name} has no version ${version} (versions ${all.map((m) => m.version).join(', ')})`;
}

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

async function runPredict(argv: readonly string[], io: CliIO): Promise<number> {
  const fail = (message: string): number => (io.err(`nautilus ml predict: ${message}\n`), EXIT_USAGE);
  const parsed = parseCommandArgs(argv, { name: { type: 'string' }, version: { type: 'string' }, input: { type: 'string' }, date: { type: 'string' }, 'data-dir': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (!parsed.ok) return fail(`${parsed.error}\n\n${PREDICT_USAGE}`);
  const v = parsed.value.values;
  if (v.help) return io.out(`${PREDICT_USAGE}\n`), EXIT_OK;
  if (!v.name || !v.input) return fail(`--name and --input are required\n\n${PREDICT_USAGE}`);
  const date = dateFlag(v.date as string | undefined, '--date');
  if (!date.ok) return fail(date.error);
  return withRegistry(v['data-dir'] as string | undefined, (registry, dataDir) => {
    const model = pick(registry, v.name as string, v.version as string | undefined);
    if (typeof model === 'string') return fail(model);
    const loaded = loadModel(dataDir, model);
    if (!loaded.ok) return fail(`${loaded.error.path}: ${loaded.error.message}`);
    const { artifact } = loaded.value;
    const rows = readPanelCsv(v.input as string);
    if (!rows.ok) return fail(rows.error);
    const predicted = predictOnDate(rows.value, artifact.features, artifact.fitted, date.value);
    if (!predicted.ok) return fail(`${predicted.error.code}: ${predicted.error.message}`);
    const { missing } = predicted.value;
    if (missing.length > 0) return fail(`${missing[0]!.symbol} ${day(predicted.value.date)}: feature ${missing[0]!.feature} is ${missing[0]!.value ?? 'missing'}`);
    const { predictions, date: on } = predicted.value;
    const result = { model: { name: model.name, version: model.version, kind: model.kind, status: model.status, target: artifact.target, horizon: artifact.horizon }, date: on, predictions };
    if (v.json) io.out(`${toJson(result)}\n`);
    else for (const p of predictions) io.out(`${p.symbol.padEnd(10)} ${p.prediction.toPrecision(6)}\n`);
    return EXIT_OK;
  });
}

async function runCompare(argv: readonly string[], io: CliIO): Promise<number> {
  const fail = (message: string): number => (io.err(`nautilus ml compare: ${message}\n`), EXIT_USAGE);
  const parsed = parseCommandArgs(argv, { name: { type: 'string' }, a: { type: 'string' }, b: { type: 'string' }, input: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, 'data-dir': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (!parsed.ok) return fail(`${parsed.error}\n\n${COMPARE_USAGE}`);
  const v = parsed.value.values;
  if (v.help) return io.out(`${COMPARE_USAGE}\n`), EXIT_OK;
  if (!v.name || !v.input || (v.a === undefined) !== (v.b === undefined)) return fail(`--name and --input are required, and --a with --b or neither\n\n${COMPARE_USAGE}`);
  const from = dateFlag(v.from as string | undefined, '--from');
  const to = dateFlag(v.to as string | undefined, '--to');
  if (!from.ok) return fail(from.error);
  if (!to.ok) return fail(to.error);
  return withRegistry(v['data-dir'] as string | undefined, (registry, dataDir) => {
    let pair: RegisteredModel[];
    if (v.a === undefined) {
      const chosen = challengerPair(registry, v.name as string);
      if (!chosen.ok) return fail(`${chosen.error.code}: ${chosen.error.message}`);
      pair = chosen.value;
    } else {
      const chosen = [v.a as string, v.b as string].map((version) => pick(registry, v.name as string, version));
      for (const m of chosen) if (typeof m === 'string') return fail(m);
      pair = chosen as RegisteredModel[];
    }
    const loaded: LoadedModel[] = [];
    for (const model of pair) {
      const l = loadModel(dataDir, model);
      if (!l.ok) return fail(`${l.error.path}: ${l.error.message}`);
      loaded.push(l.value);
    }
    // the input is read without the window so the forward returns at its end are known; rows are then cut to it
    const rows = readPanelCsv(v.input as string);
    if (!rows.ok) return fail(rows.error);
    const window = { ...(from.value !== undefined ? { from: from.value } : {}), ...(to.value !== undefined ? { to: to.value } : {}) };
    const compared = compareLoaded(rows.value, loaded[0]!, loaded[1]!, window, 'refuse');
    if (!compared.ok) return fail(`${compared.error.code}: ${compared.error.message}`);
    const c = compared.value;
    if (v.json) io.out(`${toJson({ name: v.name, ...c })}\n`);
    else {
      io.out(`${v.name}: ${c.rows} rows on ${c.dates} dates, ${day(c.from)}…${day(c.to)}\n`);
      for (const [label, side] of [['A', c.a], ['B', c.b]] as const) {
        io.out(`${label} v${side.version} ${side.status.padEnd(10)}${side.shadow ? ' shadow' : ''} MSE ${side.mse.toPrecision(4)}  MAE ${side.mae.toPrecision(4)}  R² ${side.r2.toFixed(4)}  hit ${(100 * side.hitRate).toFixed(1)}%  IC ${side.ic.toFixed(4)}${side.overlapsTraining ? '  (window overlaps its training)' : ''}\n`);
      }
      const d = c.difference;
      io.out(`Diebold-Mariano (squared error, A − B, ${d.lags} lags): mean ${d.meanDifference.toPrecision(4)}  statistic ${d.statistic.toFixed(3)}  p ${d.pValue.toFixed(4)}\n`);
    }
    return EXIT_OK;
  });
}

export const mlPredictCommand: CliCommand = { name: 'ml predict', summary: "a registered model's predictions per symbol for one date", usage: PREDICT_USAGE, run: runPredict };
export const mlCompareCommand: CliCommand = { name: 'ml compare', summary: 'two model versions scored A/B on the same window', usage: COMPARE_USAGE, run: runCompare };
