// Histogram binning as XGBoost's `hist` does it: per feature at most maxBin bins whose upper edges (cuts) are
// quantiles of the feature's values; a feature with at most maxBin distinct values gets one bin per value, with
// XGBoost's cut points (each distinct value after the first, then one past the largest), so value x falls in the bin
// whose cut is the first above it and a split after bin b is the rule x < cut[b]. Beyond CUT_SAMPLE_ROWS rows the
// quantiles come from an even sample of rows (XGBoost sketches them too).
import type { Design } from '../linearModels';

export const MAX_BINS = 256;

export interface FeatureBins {
  readonly features: number;
  /** All features' cuts concatenated; feature f's are cuts[offset[f], offset[f + 1]). */
  readonly cuts: Float64Array;
  readonly offset: Int32Array;
  /** Row-major bin number of each value (within its feature), rows × features: a histogram build reads a row's all. */
  readonly codes: Uint8Array;
  /** The same codes feature-major, features × rows: a split's partition reads one feature's, front to back. */
  readonly columns: Uint8Array;
}

/** The cut points of one feature's values (sorted ascending in place). */
function featureCuts(sorted: Float64Array, maxBin: number): number[] {
  const n = sorted.length;
  const distinct: number[] = [];
  for (let i = 0; i < n && distinct.length <= maxBin; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
  const cuts: number[] = [];
  if (distinct.length <= maxBin) {
    for (let k = 1; k < distinct.length; k++) cuts.push(distinct[k]!);
  } else {
    // the values at ranks k·n/maxBin, k = 1 … maxBin − 1, deduplicated: equal-count bins where ties allow
    for (let k = 1; k < maxBin; k++) {
      const v = sorted[Math.min(n - 1, Math.floor((k * n) / maxBin))]!;
      if (v > sorted[0]! && (cuts.length === 0 || v > cuts[cuts.length - 1]!)) cuts.push(v);
    }
  }
  const last = sorted[n - 1]!;
  cuts.push(last + (Math.abs(last) + 1e-5));
  return cuts;
}

/** Rows whose values place the cuts: all of them up to this many, else this many evenly spaced (a sketch, as XGBoost's). */
export const CUT_SAMPLE_ROWS = 1 << 18;

/** Features whose sampled columns are gathered in one pass over the sampled rows (a pass per feature misses cache on every value). */
const GATHER_BLOCK = 8;

/** Bins every feature of a (checked, finite) design; maxBin in [2, 256]. */
export function binFeatures(design: Design, maxBin: number): FeatureBins {
  const { x, rows: n, features: p } = design;
  const sample = Math.min(n, CUT_SAMPLE_ROWS);
  const block = new Float64Array(Math.min(GATHER_BLOCK, p) * sample);
  const offset = new Int32Array(p + 1);
  const all: number[][] = [];
  for (let f0 = 0; f0 < p; f0 += GATHER_BLOCK) {
    const width = Math.min(GATHER_BLOCK, p - f0);
    gatherSample(x, n, p, sample, f0, width, block);
    for (let j = 0; j < width; j++) {
      const column = block.subarray(j * sample, (j + 1) * sample).sort();
      const cuts = featureCuts(column, maxBin);
      all.push(cuts);
      offset[f0 + j + 1] = offset[f0 + j]! + cuts.length;
    }
  }
  const cuts = new Float64Array(offset[p]!);
  all.forEach((c, f) => cuts.set(c, offset[f]!));
  const codes = new Uint8Array(n * p);
  const columns = new Uint8Array(n * p);
  codeRows(x, n, p, cuts, offset, codes, columns);
  return { features: p, cuts, offset, codes, columns };
}

/** out[j·sample + k] := feature f0 + j of the k-th sampled row (every row, or `sample` evenly spaced), j < width. */
function gatherSample(x: ArrayLike<number>, n: number, p: number, sample: number, f0: number, width: number, out: Float64Array): void {
  for (let k = 0; k < sample; k++) {
    const base = (sample === n ? k : Math.floor((k * n) / sample)) * p + f0;
    for (let j = 0; j < width; j++) out[j * sample + k] = x[base + j]!;
  }
}

function codeRows(x: ArrayLike<number>, n: number, p: number, cuts: Float64Array, offset: Int32Array, codes: Uint8Array, columns: Uint8Array): void {
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < p; f++) {
      const code = binOf(cuts, offset[f]!, offset[f + 1]!, x[i * p + f]!) - offset[f]!;
      codes[i * p + f] = code;
      columns[f * n + i] = code;
    }
  }
}

/** The first index in cuts[from, to) whose cut exceeds v (the last bin for values beyond the largest cut). */
export function binOf(cuts: Float64Array, from: number, to: number, v: number): number {
  // from + how many of cuts[from, to − 1) are ≤ v, by halving a window of fixed length (no data-dependent branch)
  let base = from;
  let len = to - 1 - from;
  if (len <= 0) return from;
  while (len > 1) {
    const half = len >>> 1;
    base += half * Number(cuts[base + half]! <= v); // arithmetic, not a branch: the comparison is a coin flip
    len -= half;
  }
  return base + (cuts[base]! <= v ? 1 : 0);
}
