// Walk-forward training of a tabular model over rows stamped with dates: folds over the distinct dates (expanding or
// rolling, with an embargo of dates between train and test), per-fold out-of-sample metrics, permutation importance
// on the last fold's test rows, and the final model fitted on every row (the parts: walkForwardParts). Progress per
// fold; cancel between steps.
import { err, ok, type Result } from '../model/result';
import type { Design } from './linearModels';
import type { PredictionMetrics } from './predictionMetrics';
import type { FittedTabular, TabularParams } from './tabularModel';
import type { TreeTask } from './trees/decisionTree';
import type { WindowMode } from './walkForwardFolds';
import { assembleWalkForward, fitFinal, fitFold, planWalkForward, rowsOf, type FoldFit, type WalkForwardError } from './walkForwardParts';

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

export function trainWalkForward(set: TrainingSet, spec: WalkForwardSpec, control: TrainingControl = {}): Result<WalkForwardTraining, WalkForwardError> {
  const folds = planWalkForward(set, spec);
  if (!folds.ok) return folds;
  const total = folds.value.length + 1;
  const fits: FoldFit[] = [];
  const isCancelled = control.isCancelled;
  const onStep = isCancelled ? () => !isCancelled() : undefined;
  for (const fold of folds.value) {
    if (isCancelled?.()) return err({ code: 'CANCELLED', message: `cancelled after fold ${fits.length} of ${total - 1}` });
    const last = fold.index === folds.value.length - 1;
    const fit = fitFold(rowsOf(set, fold.train.from, fold.train.to), rowsOf(set, fold.test.from, fold.test.to), spec, fold, last, onStep);
    if (!fit.ok) return fit;
    fits.push(fit.value);
    if (control.onProgress?.(fits.length, total) === false) return err({ code: 'CANCELLED', message: `cancelled after fold ${fits.length} of ${total - 1}` });
  }
  if (isCancelled?.()) return err({ code: 'CANCELLED', message: `cancelled before the final fit` });
  const final = fitFinal(set, spec, onStep);
  if (!final.ok) return final;
  control.onProgress?.(total, total);
  return ok(assembleWalkForward(set, spec, folds.value, fits, final.value));
}
