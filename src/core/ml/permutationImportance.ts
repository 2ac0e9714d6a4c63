// Permutation importance for any fitted model: how much a score falls when one feature's column is shuffled
// (breaking its link to the target while keeping its distribution), averaged over seeded repeats.
import type { RandomSource } from '../model/clock';
import type { Design } from './linearModels';

export interface PermutationImportance {
  /** Per feature, the baseline score minus the mean score with that feature shuffled. */
  readonly mean: Float64Array;
  readonly sd: Float64Array;
  readonly baseline: number;
}

/** `score(y, predictions)` is higher-is-better (R², accuracy, IC); the design is not modified. */
export function permutationImportance(
  predict: (design: Design) => Float64Array,
  design: Design,
  y: ArrayLike<number>,
  score: (y: ArrayLike<number>, predictions: Float64Array) => number,
  repeats: number,
  random: RandomSource,
): PermutationImportance {
  const { rows: n, features: p } = design;
  const baseline = score(y, predict(design));
  const x = Float64Array.from(design.x);
  const shuffled: Design = { x, rows: n, features: p };
  const column = new Float64Array(n);
  const mean = new Float64Array(p);
  const sd = new Float64Array(p);
  for (let f = 0; f < p; f++) {
    for (let i = 0; i < n; i++) column[i] = design.x[i * p + f]!;
    let s = 0;
    let ss = 0;
    for (let r = 0; r < repeats; r++) {
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(random.next() * (i + 1));
        const t = column[i]!;
        column[i] = column[j]!;
        column[j] = t;
      }
      for (let i = 0; i < n; i++) x[i * p + f] = column[i]!;
      const drop = baseline - score(y, predict(shuffled));
      s += drop;
      ss += drop * drop;
    }
    for (let i = 0; i < n; i++) x[i * p + f] = design.x[i * p + f]!;
    mean[f] = s / repeats;
    sd[f] = repeats > 1 ? Math.sqrt(Math.max(0, (ss - (s * s) / repeats) / (repeats - 1))) : 0;
  }
  return { mean, sd, baseline };
}
