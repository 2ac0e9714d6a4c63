// Gradient-boosted trees on feature histograms, as XGBoost's tree_method='hist' grows them depth-wise: per round the
// loss's first and second derivatives, per node a (gradient, hessian) histogram per feature (the smaller child's
// built from its rows, the larger's by subtraction from the parent's), splits scored by G²/(H+λ) gains under
// min_child_weight and gamma, leaves −G/(H+λ) scaled by the learning rate. Squared error and logistic loss.
import { err, ok, type Result } from '../../model/result';
import { checkDesign, type Design } from '../linearModels';
import type { MlInputError } from '../mlInputError';
import { checkLabels } from './decisionTree';
import { binFeatures, MAX_BINS, type FeatureBins } from './featureBins';
import { addSplitToMargins, addToMargins, boostingDerivatives, type BoostingLoss, firstNonFinite, partitionRows, subtractHistogram } from './boostingKernels';
import { bestSplit, MIN_GAIN, type SplitChoice } from './splitSearch';
import { singleThreadHistograms, type HistogramBuilder, type HistogramJob, type HistogramSession } from './histogramBuilder';

export type { BoostingLoss };

export interface BoostingOptions {
  readonly loss: BoostingLoss;
  readonly rounds: number;
  /** XGBoost's eta; default 0.3. */
  readonly learningRate?: number;
  /** Default 6. */
  readonly maxDepth?: number;
  /** L2 penalty on leaf weights; default 1. */
  readonly lambda?: number;
  /** Least gain (XGBoost's min_split_loss, on its G²/(H+λ) scale) a split must bring; default 0. */
  readonly gamma?: number;
  /** Least hessian sum in each child; default 1. */
  readonly minChildWeight?: number;
  /** Histogram bins per feature, 2–256; default 256. */
  readonly maxBin?: number;
  /** The prediction before any tree (a probability for logistic loss); default the mean target. */
  readonly baseScore?: number;
}

/** Trees in flat arrays: node i splits on feature[i] (−1: leaf with value[i]); x < threshold[i] goes to left[i], else left[i] + 1. */
export interface BoostedTrees {
  readonly loss: BoostingLoss;
  readonly features: number;
  /** The margin before any tree: the base score (squared) or its log-odds (logistic). */
  readonly baseMargin: number;
  readonly roots: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly value: Float64Array;
  /** Total split gain per feature, normalised to sum to 1 (XGBoost's total_gain importance). */
  readonly importance: Float64Array;
}


const badOption = (option: string, message: string): MlInputError => ({ code: 'BAD_OPTION', option, message });

function resolveOptions(o: BoostingOptions): Required<Omit<BoostingOptions, 'baseScore'>> | MlInputError {
  const r = { loss: o.loss, rounds: o.rounds, learningRate: o.learningRate ?? 0.3, maxDepth: o.maxDepth ?? 6, lambda: o.lambda ?? 1, gamma: o.gamma ?? 0, minChildWeight: o.minChildWeight ?? 1, maxBin: o.maxBin ?? MAX_BINS };
  if (r.loss !== 'squared' && r.loss !== 'logistic') return badOption('loss', `loss must be squared or logistic, got ${String(r.loss)}`);
  if (!Number.isInteger(r.rounds) || r.rounds < 1 || r.rounds > 100_000) return badOption('rounds', `rounds must be a whole number from 1 to 100000, got ${r.rounds}`);
  if (!Number.isInteger(r.maxDepth) || r.maxDepth < 1 || r.maxDepth > 16) return badOption('maxDepth', `maxDepth must be a whole number from 1 to 16, got ${r.maxDepth}`);
  if (!Number.isInteger(r.maxBin) || r.maxBin < 2 || r.maxBin > MAX_BINS) return badOption('maxBin', `maxBin must be a whole number from 2 to ${MAX_BINS}, got ${r.maxBin}`);
  if (!(r.learningRate > 0 && r.learningRate <= 1)) return badOption('learningRate', `learningRate must be in (0, 1], got ${r.learningRate}`);
  for (const [name, v] of [['lambda', r.lambda], ['gamma', r.gamma], ['minChildWeight', r.minChildWeight]] as const) {
    if (!(v >= 0) || !Number.isFinite(v)) return badOption(name, `${name} must be a finite number ≥ 0, got ${v}`);
  }
  return r;
}

/**
 * Fits `rounds` trees; `onRound(done, total)` returning false cancels (CANCELLED), a non-finite margin fails
 * (NOT_CONVERGED). `histograms` sums the node histograms (default: on this thread, one run per node).
 */
export function fitGradientBoosting(design: Design, y: ArrayLike<number>, options: BoostingOptions, onRound?: (done: number, total: number) => boolean | void, histograms: HistogramBuilder = singleThreadHistograms()): Result<BoostedTrees, MlInputError> {
  const bad = checkDesign(design, y) ?? (options.loss === 'logistic' ? checkLabels(y) : undefined);
  if (bad) return err(bad);
  const o = resolveOptions(options);
  if ('code' in o) return err(o);
  const n = design.rows;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i]!;
  mean /= n;
  const baseScore = options.baseScore ?? mean;
  if (!Number.isFinite(baseScore) || (o.loss === 'logistic' && !(baseScore > 0 && baseScore < 1))) {
    return err(badOption('baseScore', `baseScore must be ${o.loss === 'logistic' ? 'a probability strictly between 0 and 1' : 'finite'}, got ${baseScore}`));
  }
  const baseMargin = o.loss === 'logistic' ? Math.log(baseScore / (1 - baseScore)) : baseScore;

  const bins = binFeatures(design, o.maxBin);
  const session = histograms.open(bins, n);
  try {
    return grow(design, y, o, baseMargin, bins, session, onRound);
  } finally {
    session.close();
  }
}

type Resolved = Exclude<ReturnType<typeof resolveOptions>, MlInputError>;

function grow(design: Design, y: ArrayLike<number>, o: Resolved, baseMargin: number, bins: FeatureBins, session: HistogramSession, onRound?: (done: number, total: number) => boolean | void): Result<BoostedTrees, MlInputError> {
  const { rows: n, features: p } = design;
  const { columns, cuts, offset } = bins;
  const histSize = 2 * offset[p]!;
  const margin = new Float64Array(n).fill(baseMargin);
  const { gradHess, rows } = session;
  // histograms of open nodes, reused: a build overwrites its buffer, so none is allocated after the first levels
  const free: Float64Array[] = [];
  const acquire = (): Float64Array => free.pop() ?? new Float64Array(histSize);
  const spill = new Uint32Array(n);
  const split: SplitChoice = { gain: MIN_GAIN, feature: -1, bin: 0, g: 0, h: 0 };

  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const value: number[] = [];
  const roots: number[] = [];
  const gainOf = new Float64Array(p);
  const { lambda, minChildWeight, gamma, learningRate, maxDepth } = o;
  /** A leaf's weight from its sums (0 when its hessian is below min_child_weight), scaled by the learning rate. */
  const leafWeight = (g: number, h: number): number => (h < minChildWeight || h <= 0 ? 0 : (-g / (h + lambda)) * learningRate);

  // the level being split: per node its id, row range, sums and histogram
  type Open = { id: number; from: number; to: number; g: number; h: number; hist: Float64Array | null };
  for (let round = 0; round < o.rounds; round++) {
    const [sg, sh] = boostingDerivatives(o.loss, margin, y, gradHess, rows);
    const newNode = (): number => {
      feature.push(-1);
      threshold.push(0);
      left.push(-1);
      value.push(0);
      return feature.length - 1;
    };
    const rootHist = acquire();
    session.build([{ hist: rootHist, from: 0, to: n }]);
    roots.push(newNode());
    let level: Open[] = [{ id: roots[roots.length - 1]!, from: 0, to: n, g: sg, h: sh, hist: rootHist }];
    for (let depth = 0; level.length > 0; depth++) {
      const next: Open[] = [];
      const jobs: HistogramJob[] = [];
      const parents: Float64Array[] = [];
      for (const node of level) {
        split.gain = MIN_GAIN;
        split.feature = -1;
        if (depth < maxDepth) bestSplit(node.hist!, offset, p, node.g, node.h, lambda, minChildWeight, split);
        const { gain: bestGain, feature: bestFeature, bin: bestBin, g: bestG, h: bestH } = split;
        if (bestFeature < 0 || bestGain < gamma) {
          const w = leafWeight(node.g, node.h);
          value[node.id] = w;
          addToMargins(margin, rows, node.from, node.to, w);
          if (node.hist) free.push(node.hist);
          continue;
        }
        const code = bestBin - offset[bestFeature]!;
        gainOf[bestFeature] = gainOf[bestFeature]! + bestGain;
        feature[node.id] = bestFeature;
        threshold[node.id] = cuts[bestBin]!;
        const l = newNode();
        newNode();
        left[node.id] = l;
        if (depth + 1 === maxDepth) {
          // the children are leaves with known sums: their weights move the margins in one pass, no partition needed
          const wl = leafWeight(bestG, bestH);
          const wr = leafWeight(node.g - bestG, node.h - bestH);
          value[l] = wl;
          value[l + 1] = wr;
          addSplitToMargins(margin, rows, columns, bestFeature * n, code, node.from, node.to, wl, wr);
          free.push(node.hist!);
          continue;
        }
        const a = partitionRows(rows, spill, columns, bestFeature * n, code, node.from, node.to);
        const leftOpen: Open = { id: l, from: node.from, to: a, g: bestG, h: bestH, hist: node.hist };
        const rightOpen: Open = { id: l + 1, from: a, to: node.to, g: node.g - bestG, h: node.h - bestH, hist: node.hist };
        // the smaller child's histogram from its rows, the larger's as parent − smaller (in the parent's buffer)
        // (built below, with the level's other smaller children, in one call the builder may spread over threads)
        const smallIsLeft = a - node.from <= node.to - a;
        const small = acquire();
        jobs.push({ hist: small, from: smallIsLeft ? node.from : a, to: smallIsLeft ? a : node.to });
        parents.push(node.hist!);
        if (smallIsLeft) leftOpen.hist = small;
        else rightOpen.hist = small;
        next.push(leftOpen, rightOpen);
      }
      if (jobs.length > 0) session.build(jobs);
      for (let k = 0; k < jobs.length; k++) subtractHistogram(parents[k]!, jobs[k]!.hist);
      level = next;
    }
    const i = firstNonFinite(margin);
    if (i >= 0) return err({ code: 'NOT_CONVERGED', iterations: round + 1, message: `the boosted margin of row ${i} became ${margin[i]} in round ${round + 1} (lower the learning rate or raise lambda)` });
    if (onRound?.(round + 1, o.rounds) === false) return err({ code: 'CANCELLED', message: `cancelled after ${round + 1} of ${o.rounds} rounds` });
  }
  let total = 0;
  for (let j = 0; j < p; j++) total += gainOf[j]!;
  return ok({
    loss: o.loss,
    features: p,
    baseMargin,
    roots: Int32Array.from(roots),
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    value: Float64Array.from(value),
    importance: gainOf.map((g) => (total > 0 ? g / total : 0)),
  });
}

/** The raw score: the base margin plus every tree's leaf (a log-odds for logistic loss). */
export function boostedMarginRow(model: BoostedTrees, x: ArrayLike<number>, row: number): number {
  const { roots, feature, threshold, left, value } = model;
  const base = row * model.features;
  let s = model.baseMargin;
  for (let t = 0; t < roots.length; t++) {
    let node = roots[t]!;
    while (feature[node]! >= 0) node = x[base + feature[node]!]! < threshold[node]! ? left[node]! : left[node]! + 1;
    s += value[node]!;
  }
  return s;
}

/** Predictions: the target's scale for squared loss, the probability of class 1 for logistic loss. */
export function predictBoosted(model: BoostedTrees, design: Design): Float64Array {
  const out = new Float64Array(design.rows);
  for (let i = 0; i < design.rows; i++) {
    const m = boostedMarginRow(model, design.x, i);
    out[i] = model.loss === 'logistic' ? 1 / (1 + Math.exp(-m)) : m;
  }
  return out;
}
