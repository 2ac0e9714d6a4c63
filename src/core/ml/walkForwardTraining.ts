// Walk-forward training of a tabular model over rows stamped with dates: folds over the distinct dates (expanding or
// rolling, with an embargo of dates between train and test), per-fold out-of-sample metrics, permutation importance
// on the last fold's test rows, and the final model fitted on every row. Progress per fold; cancel between steps.
import { SeededRandom } from '../model/clock';
import { err, ok, type Result } from '../model/result';
import type { Design } from './linearModels';
import type { MlInputError } from './mlInputError';
import { permutationImportance } from './permutationImportance';
import { predictionMetrics, type PredictionMetrics } from './predictionMetrics';
import { fitTabular, impurityImportance, predictTabular, type FittedTabular, type TabularParams } from './tabularModel';
import type { TreeTask } from './trees/decisionTree';
import { walkForwardFolds, type WindowMode } from './walkForwardFolds';

export interface TrainingSet {
  readonly design: Design;
  readonly y: Float64Array;
  /** Per row, its date (epoch ms), non-decreasing: rows of one date (the universe's symbols) sit together. */
  readonly time: Float64Array;
}

export interface WalkForwardSpec {
  readonly model: TabularParams;
  readonly task: TreeTask;
  readonly mode: WindowMode;
  /** In dates. The embargo should be at least the target's horizon, so no training label overlaps a test one. */
  readonly trainDates: number;
  readonly testDates: number;
  readonly embargoDates: number;
  readonly importanceRepeats: number;
  readonly seed: number;
}

export interface FoldResult {
  readonly index: number;
  readonly trainFrom: number;
  readonly trainTo: number;
  readonly testFrom: number;
  readonly testTo: number;
  readonly trainRows: number;
  readonly metrics: PredictionMetrics;
}

export interface WalkForwardTraining {
  readonly folds: FoldResult[];
  /** Over every fold's test rows together. */
  readonly outOfSample: PredictionMetrics;
  readonly importance: { readonly permutation: Float64Array; readonly permutationSd: Float64Array; readonly impurity?: Float64Array };
  readonly model: FittedTabular;
}

export interface TrainingControl {
  /** step: 'fold' i of n (n = folds + 1 for the final fit); false cancels. */
  readonly onProgress?: (done: number, total: number) => boolean | void;
  /** Polled between folds and between a forest's trees or a boosting's rounds: true cancels (CANCELLED). */
  readonly isCancelled?: () => boolean;
}

const rowsOf = (set: TrainingSet, from: number, to: number): { design: Design; y: Float64Array } => ({
  design: { x: set.design.x.subarray(from * set.design.features, to * set.design.features), rows: to - from, features: set.design.features },
  y: set.y.subarray(from, to),
});

const score = (task: TreeTask) => (y: ArrayLike<number>, p: Float64Array) => {
  const m = predictionMetrics(Float64Array.from(y), p, task);
  return task === 'classification' ? m.hitRate : m.r2;
};

export function trainWalkForward(set: TrainingSet, spec: WalkForwardSpec, control: TrainingControl = {}): Result<WalkForwardTraining, MlInputError & { fold?: number }> {
  const n = set.y.length;
  if (set.time.length !== n) return err({ code: 'SHAPE_MISMATCH', message: `${n} targets but ${set.time.length} row dates` });
  const dateStart: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && set.time[i]! < set.time[i - 1]!) return err({ code: 'BAD_OPTION', option: 'time', message: `row ${i}'s date precedes row ${i - 1}'s: rows must be in date order` });
    if (i === 0 || set.time[i] !== set.time[i - 1]) dateStart.push(i);
  }
  dateStart.push(n);
  const dates = dateStart.length - 1;
  const folds = walkForwardFolds({ observations: dates, mode: spec.mode, trainSize: spec.trainDates, testSize: spec.testDates, embargo: spec.embargoDates });
  if (!folds.ok) return folds;
  const total = folds.value.length + 1;
  const results: FoldResult[] = [];
  const oosActual: number[] = [];
  const oosPredicted: number[] = [];
  let last: { model: FittedTabular; design: Design; y: Float64Array } | undefined;
  const isCancelled = control.isCancelled;
  const onStep = isCancelled ? () => !isCancelled() : undefined;
  for (const fold of folds.value) {
    if (isCancelled?.()) return err({ code: 'CANCELLED', message: `cancelled after fold ${results.length} of ${total - 1}` });
    const train = rowsOf(set, dateStart[fold.train.from]!, dateStart[fold.train.to]!);
    const test = rowsOf(set, dateStart[fold.test.from]!, dateStart[fold.test.to]!);
    const fit = fitTabular(spec.model, spec.task, train.design, train.y, onStep);
    if (!fit.ok) return err({ ...fit.error, fold: fold.index, message: `fold ${fold.index + 1} (training dates ${fold.train.from}…${fold.train.to - 1}): ${fit.error.message}` });
    const predicted = predictTabular(fit.value, test.design);
    for (let i = 0; i < predicted.length; i++) {
      if (!Number.isFinite(predicted[i]!)) return err({ code: 'NOT_CONVERGED', iterations: 0, fold: fold.index, message: `fold ${fold.index + 1}: prediction ${i} is ${predicted[i]}` });
      oosActual.push(test.y[i]!);
      oosPredicted.push(predicted[i]!);
    }
    results.push({
      index: fold.index,
      trainFrom: set.time[dateStart[fold.train.from]!]!,
      trainTo: set.time[dateStart[fold.train.to]! - 1]!,
      testFrom: set.time[dateStart[fold.test.from]!]!,
      testTo: set.time[dateStart[fold.test.to]! - 1]!,
      trainRows: train.y.length,
      metrics: predictionMetrics(test.y, predicted, spec.task),
    });
    last = { model: fit.value, design: test.design, y: test.y };
    if (control.onProgress?.(results.length, total) === false) return err({ code: 'CANCELLED', message: `cancelled after fold ${results.length} of ${total - 1}` });
  }
  if (isCancelled?.()) return err({ code: 'CANCELLED', message: `cancelled before the final fit` });
  const final = fitTabular(spec.model, spec.task, set.design, set.y, onStep);
  if (!final.ok) return err({ ...final.error, message: `the final fit on all ${n} rows: ${final.error.message}` });
  control.onProgress?.(total, total);
  const model = last!.model;
  const perm = permutationImportance((d) => predictTabular(model, d), last!.design, last!.y, score(spec.task), spec.importanceRepeats, new SeededRandom(spec.seed));
  const impurity = impurityImportance(final.value);
  return ok({
    folds: results,
    outOfSample: predictionMetrics(Float64Array.from(oosActual), Float64Array.from(oosPredicted), spec.task),
    importance: { permutation: perm.mean, permutationSd: perm.sd, ...(impurity ? { impurity } : {}) },
    model: final.value,
  });
}
