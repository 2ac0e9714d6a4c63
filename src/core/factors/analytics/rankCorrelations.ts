// Spearman correlations of a factor's ranks at each date with several rows of cached ranks at once: the forward
// returns' at every IC horizon and the factor's own at the previous date (rank autocorrelation). Each pair's sums
// are completeSpearman's, term for term and in the same order, but the pairs' accumulations run side by side in
// one pass over the factor's row: pass after pass, each was bound by the latency of its additions, not its work.
import type { DateRanks } from './crossSectionPairs';

/** Rows to correlate with: for the factor's date t, `ranks` at date t + shift. */
export interface RankTarget {
  readonly ranks: DateRanks;
  readonly shift: number;
}

/**
 * Per date t: `pairs[t]` as completeSpearman returns it for (factor at t, target at t + shift): the pair count, or
 * −1 when the two rows' finite values are not on the same symbols (or t + shift is outside the panel); then
 * `value[t]` is its correlation (NaN when a side is constant).
 */
export interface CompleteCorrelations {
  readonly value: Float64Array;
  readonly pairs: Int32Array;
}

/** Rows summed per pass: four pairs' nine sums stay in registers. */
const GROUP = 4;

/** completeSpearman for every date and target (`symbols` per date row), targets taken four at a time. */
export function completeSpearmanSeries(factor: DateRanks, targets: readonly RankTarget[], dates: number, symbols: number): CompleteCorrelations[] {
  const out = targets.map(() => ({ value: new Float64Array(dates).fill(NaN), pairs: new Int32Array(dates).fill(-1) }));
  const sums = new Float64Array(1 + 2 * GROUP);
  const rows: Float64Array[] = [];
  const offsets = new Int32Array(GROUP);
  const slots = new Int32Array(GROUP);
  for (let first = 0; first < targets.length; first += GROUP) {
    const group = targets.slice(first, first + GROUP);
    for (let t = 0; t < dates; t++) {
      const n = factor.counts[t]!;
      const oa = t * symbols;
      // Targets whose row has as many finite values as the factor's; a slot without one re-reads the factor's row.
      let active = 0;
      for (let j = 0; j < GROUP; j++) {
        const target = group[j];
        const tb = target ? t + target.shift : -1;
        const usable = target !== undefined && tb >= 0 && tb < dates && target.ranks.counts[tb] === n;
        rows[j] = usable ? target.ranks.ranks : factor.ranks;
        offsets[j] = usable ? tb * symbols : oa;
        slots[j] = usable ? 1 : 0;
        active += slots[j]!;
      }
      if (active === 0) continue;
      // Average ranks of n values sum to n(n + 1)/2 exactly (half-integers, far below 2^53): completeSpearman's mean.
      const mean = (n * (n + 1)) / 2 / n;
      const mismatched = sumFour(factor.ranks, oa, rows[0]!, offsets[0]!, rows[1]!, offsets[1]!, rows[2]!, offsets[2]!, rows[3]!, offsets[3]!, symbols, mean, sums);
      const sxx = sums[0]!;
      for (let j = 0; j < group.length; j++) {
        if (slots[j] === 0 || (mismatched >>> j) & 1) continue;
        const sxy = sums[1 + 2 * j]!;
        const syy = sums[2 + 2 * j]!;
        out[first + j]!.value[t] = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
        out[first + j]!.pairs[t] = n;
      }
    }
  }
  return out;
}

/**
 * One pass over row a (at oa) and rows b0…b3 (at o0…o3): sums[0] = Σ dx², sums[1 + 2j] = Σ dx·dyj, sums[2 + 2j] =
 * Σ dyj² over the symbols where a is finite (d: the value minus `mean`). Every row has as many finite values as
 * a's. Returns a bit mask of the rows j whose finite values are not on exactly a's symbols (their sums are then
 * meaningless).
 */
function sumFour(a: Float64Array, oa: number, b0: Float64Array, o0: number, b1: Float64Array, o1: number, b2: Float64Array, o2: number, b3: Float64Array, o3: number, symbols: number, mean: number, sums: Float64Array): number {
  let mismatched = 0;
  let sxx = 0;
  let sxy0 = 0;
  let syy0 = 0;
  let sxy1 = 0;
  let syy1 = 0;
  let sxy2 = 0;
  let syy2 = 0;
  let sxy3 = 0;
  let syy3 = 0;
  for (let s = 0; s < symbols; s++) {
    const u = a[oa + s]!;
    // Rows with as many finite values as a's: one finite where a is not implies one NaN where a is finite, so
    // checking the latter finds every mismatch.
    if (u !== u) continue;
    const v0 = b0[o0 + s]!;
    const v1 = b1[o1 + s]!;
    const v2 = b2[o2 + s]!;
    const v3 = b3[o3 + s]!;
    if (v0 !== v0) mismatched |= 1;
    if (v1 !== v1) mismatched |= 2;
    if (v2 !== v2) mismatched |= 4;
    if (v3 !== v3) mismatched |= 8;
    const dx = u - mean;
    const d0 = v0 - mean;
    const d1 = v1 - mean;
    const d2 = v2 - mean;
    const d3 = v3 - mean;
    sxx += dx * dx;
    sxy0 += dx * d0;
    syy0 += d0 * d0;
    sxy1 += dx * d1;
    syy1 += d1 * d1;
    sxy2 += dx * d2;
    syy2 += d2 * d2;
    sxy3 += dx * d3;
    syy3 += d3 * d3;
  }
  sums[0] = sxx;
  sums[1] = sxy0;
  sums[2] = syy0;
  sums[3] = sxy1;
  sums[4] = syy1;
  sums[5] = sxy2;
  sums[6] = syy2;
  sums[7] = sxy3;
  sums[8] = syy3;
  return mismatched;
}

/**
 * Runs sumFour through every path (a mismatch in each slot) a few times at load. Its loop is compiled during the
 * first long call (on-stack replacement), before the writes after it or a first mismatch have run; either taken
 * later would throw the compiled loop away, again and again. Type feedback is collected from about the eighth call.
 */
function warmUp(): void {
  // 3 symbols × 2 dates; on date 1 the target's NaN is on another symbol than the factor's.
  const factor = { ranks: Float64Array.of(1, 2, 3, 1, NaN, 2), counts: Int32Array.of(3, 2) };
  const other = { ranks: Float64Array.of(3, 1, 2, NaN, 1, 2), counts: Int32Array.of(3, 2) };
  const targets = [0, 1, 2, 3].map(() => ({ ranks: other, shift: 0 }));
  for (let k = 0; k < 12; k++) completeSpearmanSeries(factor, targets, 2, 3);
}

warmUp();
