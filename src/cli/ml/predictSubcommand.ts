// `nautilus ml predict` (a registered model's predictions for each symbol on one date of a panel CSV) and
// `nautilus ml compare` (two versions scored A/B on the same out-of-sample window).
import { predictionMetrics } from '../../core/ml/predictionMetrics';
import { predictTabular, predictTabularRow } from '../../core/ml/tabularModel';
import { buildTrainingSet } from '../../core/ml/trainingSet';
import { loadArtifact, type ModelArtifact } from '../../main/research/mlModelStore';
import type { MlModelRegistry, RegisteredModel } from '../../main/storage/sqlite/mlModelRegistry';
import { parseCommandArgs } from '../args';
import { EXIT_OK, EXIT_USAGE, type CliCommand, type CliIO } from '../command';
import { dateFlag, withRegistry } from './modelRecord';
import { toJson } from './mlOutput';
import { readPanelCsv } from './panelCsvInput';

const PREDICT_USAGE = `usage: nautilus ml predict --name NAME [--version V] --input <panel.csv> [--date DATE] [--data-dir DIR] [--json]

The model's prediction (forward return, or P(up) for a direction model) for every symbol on DATE (default the last
date in the file); the production version unless --version is given.`;

const COMPARE_USAGE = `usage: nautilus ml compare --name NAME --a V --b V --input <panel.csv> [--from DATE] [--to DATE] [--data-dir DIR] [--json]

Scores versions A and B on the same rows (the window's dates and symbols with a known forward return): MSE, MAE, R²,
hit rate and IC side by side. Use a window after both models' training windows for an out-of-sample comparison.`;

function pick(registry: MlModelRegistry, name: string, version: string | undefined): RegisteredModel | string {
  const all = registry.list(name);
  if (all.length === 0) return `no model named ${name}`;
  if (version === undefined) return registry.production(name) ?? all[all.length - 1]!;
  return all.find((m) => String(m.version) === version) ?? `${name} has no version ${version} (versions ${all.map((m) => m.version).join(', ')})`;
}

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
    const artifact = loadArtifact(dataDir, model);
    if (!artifact.ok) return fail(`${artifact.error.path}: ${artifact.error.message}`);
    const rows = readPanelCsv(v.input as string);
    if (!rows.ok) return fail(rows.error);
    const day = date.value ?? Math.max(...rows.value.map((r) => r.date));
    const today = rows.value.filter((r) => r.date === day).sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
    if (today.length === 0) return fail(`no rows on ${new Date(day).toISOString().slice(0, 10)}`);
    const features = artifact.value.features;
    const x = new Float64Array(features.length);
    const predictions: Array<{ symbol: string; prediction: number }> = [];
    for (const r of today) {
      for (const [j, f] of features.entries()) {
        const value = r.features[f];
        if (value === undefined || !Number.isFinite(value)) return fail(`${r.symbol} ${new Date(day).toISOString().slice(0, 10)}: feature ${f} is ${value ?? 'missing'}`);
        x[j] = value;
      }
      predictions.push({ symbol: r.symbol, prediction: predictTabularRow(artifact.value.fitted, x, 0) });
    }
    const result = { model: { name: model.name, version: model.version, kind: model.kind, status: model.status, target: artifact.value.target, horizon: artifact.value.horizon }, date: day, predictions };
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
  if (!v.name || !v.a || !v.b || !v.input) return fail(`--name, --a, --b and --input are required\n\n${COMPARE_USAGE}`);
  const from = dateFlag(v.from as string | undefined, '--from');
  const to = dateFlag(v.to as string | undefined, '--to');
  if (!from.ok) return fail(from.error);
  if (!to.ok) return fail(to.error);
  return withRegistry(v['data-dir'] as string | undefined, (registry, dataDir) => {
    const loaded: Array<{ model: RegisteredModel; artifact: ModelArtifact }> = [];
    for (const version of [v.a as string, v.b as string]) {
      const model = pick(registry, v.name as string, version);
      if (typeof model === 'string') return fail(model);
      const artifact = loadArtifact(dataDir, model);
      if (!artifact.ok) return fail(`${artifact.error.path}: ${artifact.error.message}`);
      loaded.push({ model, artifact: artifact.value });
    }
    const [a, b] = loaded as [(typeof loaded)[number], (typeof loaded)[number]];
    if (a.artifact.target !== b.artifact.target || a.artifact.horizon !== b.artifact.horizon) return fail(`A predicts ${a.artifact.target} over ${a.artifact.horizon} bars, B ${b.artifact.target} over ${b.artifact.horizon}: not comparable`);
    // the input is read without the window so the forward returns at its end are known; rows are then cut to it
    const rows = readPanelCsv(v.input as string);
    if (!rows.ok) return fail(rows.error);
    const scored = loaded.map(({ model, artifact }) => {
      const set = buildTrainingSet(rows.value, artifact.features, artifact.horizon, artifact.target);
      if (!set.ok) return `${model.name} v${model.version}: ${set.error.code}: ${set.error.message}`;
      const keep = Array.from(set.value.time, (t, i) => ((from.value === undefined || t >= from.value) && (to.value === undefined || t <= to.value) ? i : -1)).filter((i) => i >= 0);
      const p = artifact.features.length;
      const x = new Float64Array(keep.length * p);
      keep.forEach((i, k) => x.set(set.value.design.x.subarray(i * p, i * p + p), k * p));
      const y = Float64Array.from(keep, (i) => set.value.y[i]!);
      const keys = keep.map((i) => `${set.value.time[i]}|${set.value.symbols[i]}`);
      return { model, keys, metrics: predictionMetrics(y, predictTabular(artifact.fitted, { x, rows: keep.length, features: p }), artifact.target === 'direction' ? 'classification' : 'regression') };
    });
    for (const s of scored) if (typeof s === 'string') return fail(s);
    const [sa, sb] = scored as Array<Exclude<(typeof scored)[number], string>>;
    if (sa!.keys.length === 0) return fail('no rows with a known forward return in that window');
    if (sa!.keys.join() !== sb!.keys.join()) return fail('the two models see different rows in that window (their features are missing on different days): narrow the window');
    const result = { name: v.name, rows: sa!.keys.length, a: { version: sa!.model.version, status: sa!.model.status, ...sa!.metrics }, b: { version: sb!.model.version, status: sb!.model.status, ...sb!.metrics } };
    if (v.json) io.out(`${toJson(result)}\n`);
    else for (const side of [result.a, result.b]) io.out(`v${side.version} ${side.status.padEnd(10)} MSE ${side.mse.toPrecision(4)}  MAE ${side.mae.toPrecision(4)}  R² ${side.r2.toFixed(4)}  hit ${(100 * side.hitRate).toFixed(1)}%  IC ${side.ic.toFixed(4)}\n`);
    return EXIT_OK;
  });
}

export const mlPredictCommand: CliCommand = { name: 'ml predict', summary: "a registered model's predictions per symbol for one date", usage: PREDICT_USAGE, run: runPredict };
export const mlCompareCommand: CliCommand = { name: 'ml compare', summary: 'two model versions scored A/B on the same window', usage: COMPARE_USAGE, run: runCompare };
