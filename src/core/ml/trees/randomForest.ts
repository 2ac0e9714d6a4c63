// Random forests: CART trees on bootstrap resamples (as row weights: the number of times each row was drawn) with
// features subsampled at every node, seeded so a forest is reproducible; predictions and importance are tree means.
import { SeededRandom, type RandomSource } from '../../model/clock';
import { err, ok, type Result } from '../../model/result';
import { checkDesign, type Design } from '../linearModels';
import type { MlInputError } from '../mlInputError';
import { buildTree, checkLabels, predictTreeRow, type DecisionTree, type TreeTask } from './decisionTree';

export interface ForestOptions {
  readonly task: TreeTask;
  readonly trees: number;
  readonly maxDepth?: number;
  readonly minSamplesLeaf?: number;
  readonly minSamplesSplit?: number;
  /** Features tried per node: a count, a fraction of them, or 'sqrt' (the default for classification; all for regression). */
  readonly maxFeatures?: number | 'sqrt';
  readonly bootstrap?: boolean;
  readonly random: RandomSource;
}

export interface RandomForest {
  readonly task: TreeTask;
  readonly features: number;
  readonly trees: readonly DecisionTree[];
  /** Mean of the trees' normalised impurity importances. */
  readonly importance: Float64Array;
}

export function forestFeatureCount(maxFeatures: ForestOptions['maxFeatures'], task: TreeTask, p: number): number {
  if (maxFeatures === undefined) return task === 'classification' ? Math.max(1, Math.floor(Math.sqrt(p))) : p;
  if (maxFeatures === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(p)));
  return maxFeatures > 0 && maxFeatures < 1 ? Math.max(1, Math.floor(maxFeatures * p)) : maxFeatures;
}

export function fitRandomForest(design: Design, y: ArrayLike<number>, options: ForestOptions, onTree?: (done: number, total: number) => boolean | void): Result<RandomForest, MlInputError> {
  const bad = checkDesign(design, y) ?? (options.task === 'classification' ? checkLabels(y) : undefined);
  if (bad) return err(bad);
  if (!Number.isInteger(options.trees) || options.trees < 1 || options.trees > 10_000) return err({ code: 'BAD_OPTION', option: 'trees', message: `trees must be a whole number from 1 to 10000, got ${options.trees}` });
  const p = design.features;
  const maxFeatures = forestFeatureCount(options.maxFeatures, options.task, p);
  if (!Number.isInteger(maxFeatures) || maxFeatures < 1 || maxFeatures > p) return err({ code: 'BAD_OPTION', option: 'maxFeatures', message: `maxFeatures must be 'sqrt', a fraction in (0, 1) or a whole number from 1 to ${p}, got ${String(options.maxFeatures)}` });
  const n = design.rows;
  const counts = new Float64Array(n);
  const trees: DecisionTree[] = [];
  const importance = new Float64Array(p);
  for (let t = 0; t < options.trees; t++) {
    // each tree its own stream, so a forest's tree t does not depend on how many trees came before it were cut short
    const random = new SeededRandom(Math.floor(options.random.next() * 2 ** 32));
    if (options.bootstrap === false) counts.fill(1);
    else {
      counts.fill(0);
      for (let k = 0; k < n; k++) {
        const i = Math.floor(random.next() * n);
        counts[i] = counts[i]! + 1;
      }
    }
    const tree = buildTree(design, y, { task: options.task, maxDepth: options.maxDepth, minSamplesLeaf: options.minSamplesLeaf, minSamplesSplit: options.minSamplesSplit, maxFeatures, random }, counts);
    trees.push(tree);
    for (let j = 0; j < p; j++) importance[j] = importance[j]! + tree.importance[j]! / options.trees;
    if (onTree?.(t + 1, options.trees) === false) return err({ code: 'CANCELLED', message: `cancelled after ${t + 1} of ${options.trees} trees` });
  }
  return ok({ task: options.task, features: p, trees, importance });
}

export function predictForestRow(forest: RandomForest, x: ArrayLike<number>, row: number): number {
  let s = 0;
  for (const tree of forest.trees) s += predictTreeRow(tree, x, row);
  return s / forest.trees.length;
}

export function predictForest(forest: RandomForest, design: Design): Float64Array {
  const out = new Float64Array(design.rows);
  for (let i = 0; i < design.rows; i++) out[i] = predictForestRow(forest, design.x, i);
  return out;
}
