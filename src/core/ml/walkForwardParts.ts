// The parts a walk-forward training is made of, each computable on its own (in this thread, in the ML engine, or as a
// research-queue job on another machine): the plan (which rows each fold trains and tests on), one fold's fit (its
// test predictions, and for the last fold the permutation importance), the final fit on every row, and the assembly
// of the report in fold order. Every part seeds its own random source from the spec, never from the order the parts
// ran in, so the training is the same number for number however its folds are spread.
import { SeededRandom } from '../model/clock';
import { err, ok, type Result } from '../model/result';
import type { Design } from './linearModels';
import type { MlInputError } from './mlInputError';
import { permutationImportance } from './permutationImportance';
import { predictionMetrics } from './predictionMetrics';
import { fitTabular, impurityImportance, predictTabular, type FittedTabular } from './tabularModel';
import type { TreeTask } from './trees/decisionTree';
import { walkForwardFolds } from './walkForwardFolds';
import type { FoldResult, TrainingSet, WalkForwardSpec, WalkForwardTraining } from './walkForwardTraining';

export type WalkForwardError = MlInputError & { readonly fold?: number };

/** One fold's rows: half-open row ranges of the training set, and the date indices they were cut from. */
export interface FoldRows {
  readonly index: number;
  readonly train: { readonly from: number; readonly to: number };
  readonly test: { readonly from: number; readonly to: number };
  /** Date indices [from, to) of the training window, for messages. */
  readonly trainDates: { readonly from: number; readonly to: number };
}

/** A fold's fit: its predictions for the test rows, and (for the last fold) the permutation importance on them. */
export interface FoldFit {
  readonly predicted: Float64Array;
  readonly importance?: { readonly mean: Float64Array; readonly sd: Float64Array };
}

export interface Rows {
  readonly design: Design;
  readonly y: Float64Array;
}

export const rowsOf = (set: TrainingSet, from: number, to: number): Rows => ({
  design: { x: set.design.x.subarray(from * set.design.features, to * set.design.features), rows: to - from, features: set.design.features },
  y: set.y.subarray(from, to),
});

const score = (task: TreeTask) => (y: ArrayLike<number>, p: Float64Array) => {
  const m = predictionMetrics(Float64Array.from(y), p, task);
  return task === 'classification' ? m.hitRate : m.r2;
};

/** The folds of a training set: over its distinct dates (rows of one date stay together), rows in date order. */
export function planWalkForward(set: TrainingSet, spec: WalkForwardSpec): Result<FoldRows[], WalkForwardError> {
  const n = set.y.length;
  if (set.time.length !== n) return err({ code: 'SHAPE_MISMATCH', message: `${n} targets but ${set.time.length} row dates` });
  const dateStart: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && set.time[i]! < set.time[i - 1]!) return err({ code: 'BAD_OPTION', option: 'time', message: `row ${i}'s date precedes row ${i - 1}'s: rows must be in date order` });
    if (i === 0 || set.time[i] !== set.time[i - 1]) dateStart.push(i);
  }
  dateStart.push(n);
  const folds = walkForwardFolds({ observations: dateStart.length - 1, mode: spec.mode, trainSize: spec.trainDates, testSize: spec.testDates, embargo: spec.embargoDates });
  if (!folds.ok) return folds;
  return ok(
    folds.value.map((f) => ({
      index: f.index,
      train: { from: dateStart[f.train.from]!, to: dateStart[f.train.to]! },
      test: { from: dateStart[f.test.from]!, to: dateStart[f.test.to]! },
      trainDates: { from: f.train.from, to: f.train.to },
    })),
  );
}

/** Fold `fold`'s model fitted on `train`, its predictions for `test`; the permutation importance too when asked (the last fold). */
export function fitFold(
  train: Rows,
  test: Rows,
  spec: WalkForwardSpec,
  fold: Pick<FoldRows, 'index' | 'trainDates'>,
  withImportance: boolean,
  onStep?: (done: number, total: number) => boolean | void,
): Result<FoldFit, WalkForwardError> {
  const fit = fitTabular(spec.model, spec.task, train.design, train.y, onStep);
  if (!fit.ok) return err({ ...fit.error, fold: fold.index, message: `fold ${fold.index + 1} (training dates ${fold.trainDates.from}…${fold.trainDates.to - 1}): ${fit.error.message}` });
  const model = fit.value;
  const predicted = predictTabular(model, test.design);
  for (let i = 0; i < predicted.length; i++) {
    if (!Number.isFinite(predicted[i]!)) return err({ code: 'NOT_CONVERGED', iterations: 0, fold: fold.index, message: `fold ${fold.index + 1}: prediction ${i} is ${predicted[i]}` });
  }
  if (!withImportance) return ok({ predicted });
  const perm = permutationImportance((d) => predictTabular(model, d), test.design, test.y, score(spec.task), spec.importanceRepeats, new SeededRandom(spec.seed));
  return ok({ predicted, importance: { mean: perm.mean, sd: perm.sd } });
}

/** The model on every row: the one the registry stores. */
export function fitFinal(set: Rows, spec: WalkForwardSpec, onStep?: (done: number, total: number) => boolean | void): Result<FittedTabular, WalkForwardError> {
  const final = fitTabular(spec.model, spec.task, set.design, set.y, onStep);
  return final.ok ? final : err({ ...final.error, message: `the final fit on all ${set.y.length} rows: ${final.error.message}` });
}

/** The report of fitted folds (`fits[i]` is fold i's, the last with its importance) and the final model, in fold order. */
export function assembleWalkForward(set: TrainingSet, spec: WalkForwardSpec, folds: readonly FoldRows[], fits: readonly FoldFit[], model: FittedTabular): WalkForwardTraining {
  const importance = fits[fits.length - 1]?.importance;
  if (fits.length !== folds.length || !importance) throw new Error(`assembleWalkForward: ${fits.length} fits for ${folds.length} folds, the last ${importance ? 'with' : 'without'} its importance`);
  const oosRows = folds.reduce((sum, f) => sum + (f.test.to - f.test.from), 0);
  const oosActual = new Float64Array(oosRows);
  const oosPredicted = new Float64Array(oosRows);
  let at = 0;
  const results: FoldResult[] = folds.map((fold, i) => {
    const test = set.y.subarray(fold.test.from, fold.test.to);
    const predicted = fits[i]!.predicted;
    oosActual.set(test, at);
    oosPredicted.set(predicted, at);
    at += test.length;
    return {
      index: fold.index,
      trainFrom: set.time[fold.train.from]!,
      trainTo: set.time[fold.train.to - 1]!,
      testFrom: set.time[fold.test.from]!,
      testTo: set.time[fold.test.to - 1]!,
      trainRows: fold.train.to - fold.train.from,
      metrics: predictionMetrics(test, predicted, spec.task),
    };
  });
  const impurity = impurityImportance(model);
  return {
    folds: results,
    outOfSample: predictionMetrics(oosActual, oosPredicted, spec.task),
    importance: { permutation: importance.mean, permutationSd: importance.sd, ...(impurity ? { impurity } : {}) },
    model,
  };
}
