// Cross-sectional operators: at each date, across the symbols of a panel column (symbol-major, `dates` per
// symbol). Non-finite values take no part and stay NaN.
import { RadixRanker } from './radixRanks';

/** One ranker per thread, grown to the largest cross-section seen (ranking allocates nothing after that). */
let shared = new RadixRanker(0);

/** A ranker for at least n values (the thread's shared one; callers must not hold it across another call). */
export function rankerFor(n: number): RadixRanker {
  if (shared.capacity < n) shared = new RadixRanker(Math.max(n, 2 * shared.capacity));
  return shared;
}

/**
 * Average ranks (1-based) of finite `values`, ties sharing the mean of their positions, written to `ranks`: a radix
 * sort of the values' bits (radixRanks.ts), several times faster than a native sort and binary searches, which
 * matters at thousands of symbols × thousands of dates × every factor. `_scratch` is no longer needed.
 */
export function averageRanks(values: Float64Array, ranks: Float64Array, _scratch?: Float64Array): void {
  rankerFor(values.length).rank(values, values.length, ranks);
}

/** Visits each date's finite values: gathers them, lets `transform` rewrite them in place, scatters them back. */
function perDate(x: Float64Array, dates: number, out: Float64Array, transform: (values: Float64Array, symbols: Int32Array, date: number) => void): void {
  const symbolsCount = x.length / dates;
  const values = new Float64Array(symbolsCount);
  const symbols = new Int32Array(symbolsCount);
  for (let t = 0; t < dates; t++) {
    let n = 0;
    for (let s = 0; s < symbolsCount; s++) {
      const v = x[s * dates + t]!;
      out[s * dates + t] = NaN;
      if (Number.isFinite(v)) {
        values[n] = v;
        symbols[n++] = s;
      }
    }
    if (n === 0) continue;
    const vs = values.subarray(0, n);
    const ss = symbols.subarray(0, n);
    transform(vs, ss, t);
    for (let k = 0; k < n; k++) out[ss[k]! * dates + t] = vs[k]!;
  }
}

/** Rank across symbols, average ranks for ties, scaled to 0 … 1: (rank − 1) / (n − 1); 0.5 when alone. */
export function csRank(x: Float64Array, dates: number, out: Float64Array): void {
  const ranks = new Float64Array(x.length / dates);
  const scratch = new Float64Array(x.length / dates);
  perDate(x, dates, out, (values) => {
    const n = values.length;
    const r = ranks.subarray(0, n);
    averageRanks(values, r, scratch);
    for (let k = 0; k < n; k++) values[k] = n > 1 ? (r[k]! - 1) / (n - 1) : 0.5;
  });
}

function meanStd(values: Float64Array): { mean: number; std: number } {
  const n = values.length;
  let mean = 0;
  for (let k = 0; k < n; k++) mean += values[k]!;
  mean /= n;
  let ss = 0;
  for (let k = 0; k < n; k++) ss += (values[k]! - mean) ** 2;
  return { mean, std: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN };
}

/** (x − mean) / sample std across symbols; NaN where the cross-section is constant or a single symbol. */
export function csZscore(x: Float64Array, dates: number, out: Float64Array): void {
  perDate(x, dates, out, (values) => {
    const { mean, std } = meanStd(values);
    for (let k = 0; k < values.length; k++) values[k] = std > 0 ? (values[k]! - mean) / std : NaN;
  });
}

/** Clips each date's values to mean ± k sample standard deviations. */
export function csWinsorize(x: Float64Array, dates: number, k: number, out: Float64Array): void {
  perDate(x, dates, out, (values) => {
    const { mean, std } = meanStd(values);
    if (!(std > 0)) return;
    const lo = mean - k * std;
    const hi = mean + k * std;
    for (let i = 0; i < values.length; i++) values[i] = Math.min(hi, Math.max(lo, values[i]!));
  });
}

/** Subtracts each date's group mean (group ids per symbol; a symbol with no group, −1, gets NaN). */
export function csNeutralize(x: Float64Array, dates: number, group: Int32Array, out: Float64Array): void {
  const sums = new Map<number, { sum: number; n: number }>();
  perDate(x, dates, out, (values, symbols) => {
    sums.clear();
    for (let k = 0; k < values.length; k++) {
      const g = group[symbols[k]!]!;
      if (g < 0) continue;
      const acc = sums.get(g) ?? { sum: 0, n: 0 };
      acc.sum += values[k]!;
      acc.n++;
      sums.set(g, acc);
    }
    for (let k = 0; k < values.length; k++) {
      const acc = sums.get(group[symbols[k]!]!);
      values[k] = acc ? values[k]! - acc.sum / acc.n : NaN;
    }
  });
}
