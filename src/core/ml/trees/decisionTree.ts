// CART trees with scikit-learn's best-split rules: squared-error regression, and two-class classification (Gini on
// 0/1 labels, which is twice their variance, so both use one builder), optional row weights (a forest's bootstrap
// counts) and per-node feature subsampling; impurity importance as scikit-learn's feature_importances_.
import type { RandomSource } from '../../model/clock';
import { err, ok, type Result } from '../../model/result';
import { checkDesign, type Design } from '../linearModels';
import type { MlInputError } from '../mlInputError';
import { sortPairs } from './sortPairs';

export type TreeTask = 'regression' | 'classification';

export interface TreeOptions {
  readonly task: TreeTask;
  /** Deepest level below the root; default unlimited. */
  readonly maxDepth?: number;
  readonly minSamplesSplit?: number;
  readonly minSamplesLeaf?: number;
  /** Features drawn (without replacement) at each node; default all. */
  readonly maxFeatures?: number;
  /** Needed only when maxFeatures < the number of features. */
  readonly random?: RandomSource;
}

/** A fitted tree: node i splits on feature[i] (−1 for a leaf) and sends x ≤ threshold[i] to left[i], else right[i]. */
export interface DecisionTree {
  readonly task: TreeTask;
  readonly features: number;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** The leaf's weighted mean target (for classification, the probability of class 1). */
  readonly value: Float64Array;
  /** Weighted impurity decrease per feature, summed over the tree's splits, normalised to sum to 1 (all 0 for a stump). */
  readonly importance: Float64Array;
}

/** scikit-learn's FEATURE_THRESHOLD: values closer than this are not split apart. */
const FEATURE_THRESHOLD = 1e-7;
const EPSILON = 2.220446049250313e-16;

function badOption(option: string, message: string): MlInputError {
  return { code: 'BAD_OPTION', option, message };
}

function checkTreeOptions(o: TreeOptions, features: number): MlInputError | undefined {
  if (o.task !== 'regression' && o.task !== 'classification') return badOption('task', `task must be regression or classification, got ${String(o.task)}`);
  const whole: Array<[string, number | undefined, number]> = [
    ['maxDepth', o.maxDepth, 1],
    ['minSamplesSplit', o.minSamplesSplit, 2],
    ['minSamplesLeaf', o.minSamplesLeaf, 1],
    ['maxFeatures', o.maxFeatures, 1],
  ];
  for (const [name, value, min] of whole) {
    if (value !== undefined && (!Number.isInteger(value) || value < min)) return badOption(name, `${name} must be a whole number of at least ${min}, got ${value}`);
  }
  if (o.maxFeatures !== undefined && o.maxFeatures > features) return badOption('maxFeatures', `maxFeatures ${o.maxFeatures} exceeds the ${features} features`);
  if (o.maxFeatures !== undefined && o.maxFeatures < features && !o.random) return badOption('random', 'feature subsampling needs a seeded random source');
  return undefined;
}

export function checkLabels(labels: ArrayLike<number>): MlInputError | undefined {
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) return badOption('labels', `label ${i} is ${labels[i]}: labels must be 0 or 1`);
  }
  return undefined;
}

/** Fits one tree; `weights` (≥ 0, e.g. bootstrap counts) default to 1, and rows of weight 0 take no part. */
export function fitDecisionTree(design: Design, y: ArrayLike<number>, options: TreeOptions, weights?: ArrayLike<number>): Result<DecisionTree, MlInputError> {
  const bad = checkDesign(design, y) ?? checkTreeOptions(options, design.features) ?? (options.task === 'classification' ? checkLabels(y) : undefined);
  if (bad) return err(bad);
  if (weights && (weights.length !== design.rows || Array.prototype.some.call(weights, (w: number) => !(w >= 0) || !Number.isFinite(w)))) {
    return err({ code: 'SHAPE_MISMATCH', message: `weights must be ${design.rows} finite numbers ≥ 0` });
  }
  return ok(buildTree(design, y, options, weights));
}

/** The builder, for inputs already checked (a forest checks once for all its trees). */
export function buildTree(design: Design, y: ArrayLike<number>, options: TreeOptions, weights?: ArrayLike<number>): DecisionTree {
  const { x, rows: n, features: p } = design;
  const maxDepth = options.maxDepth ?? Number.MAX_SAFE_INTEGER;
  const minLeaf = options.minSamplesLeaf ?? 1;
  const minSplit = Math.max(options.minSamplesSplit ?? 2, 2 * minLeaf);
  const maxFeatures = options.maxFeatures ?? p;
  const samples = new Uint32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) if (!weights || weights[i]! > 0) samples[count++] = i;
  const w = (i: number): number => (weights ? weights[i]! : 1);
  const keys = new Float64Array(n);
  const featureOrder = Int32Array.from({ length: p }, (_, j) => j);

  const capacity = Math.max(1, Math.min(2 * count, 2 ** Math.min(maxDepth + 1, 31)));
  // a binary tree over `count` samples, `maxDepth` deep, has at most min(2·count − 1, 2^(maxDepth+1) − 1) nodes
  const feature = new Int32Array(capacity);
  const threshold = new Float64Array(capacity);
  const left = new Int32Array(capacity);
  const right = new Int32Array(capacity);
  const value = new Float64Array(capacity);
  const importance = new Float64Array(p);
  let nodes = 0;

  // depth-first, as scikit-learn's DepthFirstTreeBuilder: a stack of (start, end, depth, parent, isLeft)
  const stack: number[] = [0, count, 0, -1, 0];
  while (stack.length > 0) {
    const isLeft = stack.pop()!;
    const parent = stack.pop()!;
    const depth = stack.pop()!;
    const end = stack.pop()!;
    const start = stack.pop()!;
    const node = nodes++;
    if (parent >= 0) (isLeft ? left : right)[parent] = node;
    let sw = 0;
    let sy = 0;
    let syy = 0;
    for (let k = start; k < end; k++) {
      const i = samples[k]!;
      const wi = w(i);
      sw += wi;
      sy += wi * y[i]!;
      syy += wi * y[i]! * y[i]!;
    }
    const mean = sy / sw;
    const impurity = syy / sw - mean * mean;
    feature[node] = -1;
    value[node] = mean;
    const size = end - start;
    if (depth >= maxDepth || size < minSplit || impurity <= EPSILON) continue;

    // draw maxFeatures of the p features (partial Fisher–Yates), then scan each for the best threshold
    let bestProxy = -Infinity;
    let bestFeature = -1;
    let bestThreshold = 0;
    let bestLeft = 0;
    for (let t = 0; t < maxFeatures; t++) {
      if (maxFeatures < p) {
        const pick = t + Math.floor(options.random!.next() * (p - t));
        const tmp = featureOrder[t]!;
        featureOrder[t] = featureOrder[pick]!;
        featureOrder[pick] = tmp;
      }
      const f = featureOrder[t]!;
      for (let k = start; k < end; k++) keys[k] = x[samples[k]! * p + f]!;
      sortPairs(keys, samples, start, end);
      if (keys[end - 1]! <= keys[start]! + FEATURE_THRESHOLD) continue;
      let lw = 0;
      let ly = 0;
      for (let k = start; k < end - 1; k++) {
        const i = samples[k]!;
        lw += w(i);
        ly += w(i) * y[i]!;
        if (keys[k + 1]! <= keys[k]! + FEATURE_THRESHOLD) continue;
        const nLeft = k + 1 - start;
        if (nLeft < minLeaf || size - nLeft < minLeaf) continue;
        const rw = sw - lw;
        const ry = sy - ly;
        const proxy = (ly * ly) / lw + (ry * ry) / rw;
        if (proxy > bestProxy) {
          bestProxy = proxy;
          bestFeature = f;
          let mid = keys[k]! / 2 + keys[k + 1]! / 2;
          if (mid === keys[k + 1]! || !Number.isFinite(mid)) mid = keys[k]!;
          bestThreshold = mid;
          bestLeft = nLeft;
        }
      }
    }
    if (bestFeature < 0) continue;

    // partition the node's samples: x ≤ threshold first
    let a = start;
    let b = end - 1;
    while (a <= b) {
      if (x[samples[a]! * p + bestFeature]! <= bestThreshold) a++;
      else {
        const tmp = samples[a]!;
        samples[a] = samples[b]!;
        samples[b] = tmp;
        b--;
      }
    }
    const mid = start + bestLeft;
    let lw = 0;
    let ly = 0;
    let lyy = 0;
    for (let k = start; k < mid; k++) {
      const i = samples[k]!;
      lw += w(i);
      ly += w(i) * y[i]!;
      lyy += w(i) * y[i]! * y[i]!;
    }
    const rw = sw - lw;
    const ry = sy - ly;
    const ryy = syy - lyy;
    const decrease = sw * impurity - (lyy - (ly * ly) / lw) - (ryy - (ry * ry) / rw);
    importance[bestFeature] = importance[bestFeature]! + Math.max(0, decrease);
    feature[node] = bestFeature;
    threshold[node] = bestThreshold;
    stack.push(mid, end, depth + 1, node, 0, start, mid, depth + 1, node, 1);
  }
  let total = 0;
  for (let j = 0; j < p; j++) total += importance[j]!;
  if (total > 0) for (let j = 0; j < p; j++) importance[j] = importance[j]! / total;
  return {
    task: options.task,
    features: p,
    feature: feature.slice(0, nodes),
    threshold: threshold.slice(0, nodes),
    left: left.slice(0, nodes),
    right: right.slice(0, nodes),
    value: value.slice(0, nodes),
    importance,
  };
}

/** The leaf value for row `row` of a row-major feature matrix with tree.features columns. */
export function predictTreeRow(tree: DecisionTree, x: ArrayLike<number>, row: number): number {
  const base = row * tree.features;
  let node = 0;
  while (tree.feature[node]! >= 0) node = x[base + tree.feature[node]!]! <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
  return tree.value[node]!;
}

export function predictTree(tree: DecisionTree, design: Design): Float64Array {
  const out = new Float64Array(design.rows);
  for (let i = 0; i < design.rows; i++) out[i] = predictTreeRow(tree, design.x, i);
  return out;
}
