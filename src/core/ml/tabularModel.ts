// One face for every model that predicts a target from a row of features: ridge, lasso, logistic regression, a
// CART tree, a random forest, gradient-boosted trees. Fit by params, predict a row or a design, impurity importance.
import { SeededRandom } from '../model/clock';
import { err, ok, type Result } from '../model/result';
import { fitLasso, fitRidge, type Design } from './linearModels';
import { fitLogistic } from './logisticRegression';
import type { MlInputError } from './mlInputError';
import { fitDecisionTree, predictTreeRow, type DecisionTree, type TreeTask } from './trees/decisionTree';
import { boostedMarginRow, fitGradientBoosting, type BoostedTrees } from './trees/gradientBoosting';
import { fitRandomForest, predictForestRow, type RandomForest } from './trees/randomForest';

export const TABULAR_KINDS = ['ridge', 'lasso', 'logistic', 'tree', 'forest', 'gbt'] as const;
export type TabularKind = (typeof TABULAR_KINDS)[number];

export type TabularParams =
  | { readonly kind: 'ridge'; readonly alpha: number }
  | { readonly kind: 'lasso'; readonly alpha: number }
  | { readonly kind: 'logistic'; readonly c: number }
  | { readonly kind: 'tree'; readonly maxDepth: number; readonly minSamplesLeaf: number }
  | { readonly kind: 'forest'; readonly trees: number; readonly maxDepth: number; readonly minSamplesLeaf: number; readonly maxFeatures: number | 'sqrt'; readonly seed: number }
  | { readonly kind: 'gbt'; readonly rounds: number; readonly learningRate: number; readonly maxDepth: number; readonly lambda: number; readonly gamma: number; readonly minChildWeight: number; readonly maxBin: number };

export type FittedTabular =
  | { readonly kind: 'linear'; readonly link: 'identity' | 'logistic'; readonly intercept: number; readonly coefficients: Float64Array }
  | { readonly kind: 'tree'; readonly tree: DecisionTree }
  | { readonly kind: 'forest'; readonly forest: RandomForest }
  | { readonly kind: 'gbt'; readonly model: BoostedTrees };

/** Regression models predict the return; classification ones P(up). */
export function checkKindForTask(kind: TabularKind, task: TreeTask): MlInputError | undefined {
  if ((kind === 'ridge' || kind === 'lasso') && task !== 'regression') return { code: 'BAD_OPTION', option: 'kind', message: `${kind} predicts a return: use target 'return', or logistic for a direction` };
  if (kind === 'logistic' && task !== 'classification') return { code: 'BAD_OPTION', option: 'kind', message: "logistic predicts a direction: use target 'direction'" };
  return undefined;
}

/** `onStep(done, total)` reports trees or rounds; false cancels. */
export function fitTabular(params: TabularParams, task: TreeTask, design: Design, y: Float64Array, onStep?: (done: number, total: number) => boolean | void): Result<FittedTabular, MlInputError> {
  const bad = checkKindForTask(params.kind, task);
  if (bad) return err(bad);
  switch (params.kind) {
    case 'ridge':
    case 'lasso': {
      const fit = params.kind === 'ridge' ? fitRidge(design, y, params.alpha) : fitLasso(design, y, params.alpha);
      return fit.ok ? ok({ kind: 'linear', link: 'identity', intercept: fit.value.intercept, coefficients: fit.value.coefficients }) : fit;
    }
    case 'logistic': {
      const fit = fitLogistic(design, y, params.c);
      return fit.ok ? ok({ kind: 'linear', link: 'logistic', intercept: fit.value.intercept, coefficients: fit.value.coefficients }) : fit;
    }
    case 'tree': {
      const fit = fitDecisionTree(design, y, { task, maxDepth: params.maxDepth, minSamplesLeaf: params.minSamplesLeaf });
      return fit.ok ? ok({ kind: 'tree', tree: fit.value }) : fit;
    }
    case 'forest': {
      const fit = fitRandomForest(design, y, { task, trees: params.trees, maxDepth: params.maxDepth, minSamplesLeaf: params.minSamplesLeaf, maxFeatures: params.maxFeatures, random: new SeededRandom(params.seed) }, onStep);
      return fit.ok ? ok({ kind: 'forest', forest: fit.value }) : fit;
    }
    case 'gbt': {
      const { kind: _kind, ...options } = params;
      const fit = fitGradientBoosting(design, y, { loss: task === 'classification' ? 'logistic' : 'squared', ...options }, onStep);
      return fit.ok ? ok({ kind: 'gbt', model: fit.value }) : fit;
    }
    default: {
      const never: never = params;
      throw new Error(`unknown model ${JSON.stringify(never)}`);
    }
  }
}

/** The prediction for one row of a row-major feature matrix: a return, or P(up). */
export function predictTabularRow(fitted: FittedTabular, x: ArrayLike<number>, row: number): number {
  switch (fitted.kind) {
    case 'linear': {
      const p = fitted.coefficients.length;
      let z = fitted.intercept;
      for (let j = 0; j < p; j++) z += fitted.coefficients[j]! * x[row * p + j]!;
      return fitted.link === 'logistic' ? 1 / (1 + Math.exp(-z)) : z;
    }
    case 'tree':
      return predictTreeRow(fitted.tree, x, row);
    case 'forest':
      return predictForestRow(fitted.forest, x, row);
    case 'gbt': {
      const m = boostedMarginRow(fitted.model, x, row);
      return fitted.model.loss === 'logistic' ? 1 / (1 + Math.exp(-m)) : m;
    }
    default: {
      const never: never = fitted;
      throw new Error(`unknown model ${JSON.stringify(never)}`);
    }
  }
}

export function predictTabular(fitted: FittedTabular, design: Design): Float64Array {
  const out = new Float64Array(design.rows);
  for (let i = 0; i < design.rows; i++) out[i] = predictTabularRow(fitted, design.x, i);
  return out;
}

/** Impurity (trees, forests) or total-gain (boosting) importance; undefined for linear models. */
export function impurityImportance(fitted: FittedTabular): Float64Array | undefined {
  switch (fitted.kind) {
    case 'linear':
      return undefined;
    case 'tree':
      return fitted.tree.importance;
    case 'forest':
      return fitted.forest.importance;
    case 'gbt':
      return fitted.model.importance;
    default: {
      const never: never = fitted;
      throw new Error(`unknown model ${JSON.stringify(never)}`);
    }
  }
}
