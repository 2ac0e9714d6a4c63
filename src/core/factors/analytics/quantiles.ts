// Quantile analysis: each date's symbols in q buckets by factor rank, the mean forward return per bucket, the
// long-short spread (top − bottom), cumulative returns by bucket, bucket turnover and factor rank autocorrelation.
import { completeSpearman, DatePairs, pearson, type DateRanks } from './crossSectionPairs';
import type { CompleteCorrelations } from './rankCorrelations';

export interface QuantileAnalysis {
  /** Mean over dates of each bucket's mean forward return, lowest factor bucket first. */
  readonly quantiles: readonly number[];
  /** Mean over dates of top − bottom bucket returns. */
  readonly longShort: number;
  /** Per date: top − bottom forward return (NaN where skipped). */
  readonly spread: Float64Array;
  /** Per bucket, per date: compounded one-bar returns of an equal-weight bucket rebalanced every bar (1 at the start). */
  readonly cumulative: readonly Float64Array[];
  /** Cumulative top − bottom one-bar spread, compounded. */
  readonly cumulativeSpread: Float64Array;
  /** Per date: share of the top and bottom buckets' symbols that were not in that bucket at the previous scored date. */
  readonly turnoverTop: Float64Array;
  readonly turnoverBottom: Float64Array;
  readonly meanTurnover: { readonly top: number; readonly bottom: number };
  /** Per date: Spearman correlation of factor values with the previous date's, on symbols with both. */
  readonly rankAutocorrelation: Float64Array;
  readonly meanRankAutocorrelation: number;
}

/** Bucket of an average rank r (1-based) among n: floor((r − 1) · q / n), ties in one bucket. */
export const bucketOf = (rank: number, n: number, q: number): number => Math.min(q - 1, Math.floor(((rank - 1) * q) / n));

const nanMean = (xs: ArrayLike<number>): number => {
  let s = 0;
  let n = 0;
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i]!)) continue;
    s += xs[i]!;
    n++;
  }
  return n > 0 ? s / n : NaN;
};

/**
 * `forward`: the horizon's forward returns (bucket means); `forward1`: one-bar forward returns (cumulative curves).
 * Columns are date-major (toDateMajor). A date counts when at least max(minSymbols, q) symbols have both the factor and the forward return.
 */
export function quantileAnalysis(factor: Float64Array, forward: Float64Array, forward1: Float64Array, dates: number, q: number, minSymbols: number, factorRanks?: DateRanks, autocorrelation?: CompleteCorrelations): QuantileAnalysis {
  const symbols = factor.length / dates;
  const pairs = new DatePairs(symbols);
  const bucket = new DateBuckets(q, symbols);
  const bucketMeans = Array.from({ length: q }, () => new Float64Array(dates).fill(NaN));
  const spread = new Float64Array(dates).fill(NaN);
  const cumulative = Array.from({ length: q }, () => new Float64Array(dates).fill(NaN));
  const cumulativeSpread = new Float64Array(dates).fill(NaN);
  const turnoverTop = new Float64Array(dates).fill(NaN);
  const turnoverBottom = new Float64Array(dates).fill(NaN);
  // Bucket per symbol at this scored date and the previous one (−1: not scored); swapped, never copied.
  let membership = new Int32Array(symbols).fill(-1);
  let previous = new Int32Array(symbols).fill(-1);
  let havePrevious = false;
  const level = new Float64Array(q).fill(1);
  let spreadLevel = 1;
  const need = Math.max(minSymbols, q, 2);

  for (let t = 0; t < dates; t++) {
    for (let k = 0; k < q; k++) cumulative[k]![t] = level[k]!;
    cumulativeSpread[t] = spreadLevel;
    // Straight from the cached ranks when every symbol with a factor value has a forward return; else gathered.
    let n = factorRanks ? bucket.complete(factorRanks, t, forward, forward1, membership, previous, need) : -1;
    if (n < 0) {
      n = pairs.gather(factor, t, forward, t);
      if (n < need) continue;
      pairs.rankX(factorRanks, t);
      bucket.reset(membership);
      for (let i = 0; i < n; i++) bucket.add(pairs.symbols[i]!, pairs.rx[i]!, pairs.y[i]!, n, forward1[t * symbols + pairs.symbols[i]!]!, membership, previous);
    }
    const { sums, counts, oneBar, oneBarN } = bucket;
    const topFresh = bucket.topFresh;
    const bottomFresh = bucket.bottomFresh;
    for (let k = 0; k < q; k++) bucketMeans[k]![t] = counts[k]! > 0 ? sums[k]! / counts[k]! : NaN;
    spread[t] = bucketMeans[q - 1]![t]! - bucketMeans[0]![t]!;
    // Next bar's level from each bucket's one-bar return (rebalanced at every scored date).
    if (t + 1 < dates) {
      for (let k = 0; k < q; k++) if (oneBarN[k]! > 0) level[k]! *= 1 + oneBar[k]! / oneBarN[k]!;
      if (oneBarN[0]! > 0 && oneBarN[q - 1]! > 0) spreadLevel *= 1 + oneBar[q - 1]! / oneBarN[q - 1]! - oneBar[0]! / oneBarN[0]!;
    }
    // Turnover: the share of a bucket's members that were not in it at the previous scored date.
    if (havePrevious) {
      turnoverTop[t] = counts[q - 1]! > 0 ? topFresh / counts[q - 1]! : NaN;
      turnoverBottom[t] = counts[0]! > 0 ? bottomFresh / counts[0]! : NaN;
    }
    const swap = previous;
    previous = membership;
    membership = swap;
    havePrevious = true;
  }
  const rankAutocorrelation = factorRankAutocorrelation(factor, dates, factorRanks, autocorrelation);
  return {
    quantiles: bucketMeans.map((m) => nanMean(m)),
    longShort: nanMean(spread),
    spread,
    cumulative,
    cumulativeSpread,
    turnoverTop,
    turnoverBottom,
    meanTurnover: { top: nanMean(turnoverTop), bottom: nanMean(turnoverBottom) },
    rankAutocorrelation,
    meanRankAutocorrelation: nanMean(rankAutocorrelation),
  };
}

/** fillRow's result: bottom-bucket newcomers + top-bucket newcomers · FRESH_BASE (counts below 2^26, exact in a double). */
const FRESH_BASE = 2 ** 26;

/**
 * One date's buckets: sums and counts of forward returns, one-bar returns, membership and turnover against the
 * previous scored date, filled one pair at a time in ascending symbol order (so either way of filling them sums
 * the same values in the same order).
 */
class DateBuckets {
  readonly sums: Float64Array;
  readonly counts: Int32Array;
  readonly oneBar: Float64Array;
  readonly oneBarN: Int32Array;
  topFresh = 0;
  bottomFresh = 0;
  /** fillRow's interleaved sums and counts. */
  private readonly accumulators: Float64Array;
  private readonly tallies: Int32Array;

  constructor(
    readonly q: number,
    readonly symbols: number,
  ) {
    this.sums = new Float64Array(q);
    this.counts = new Int32Array(q);
    this.oneBar = new Float64Array(q);
    this.oneBarN = new Int32Array(q);
    this.accumulators = new Float64Array(2 * q);
    this.tallies = new Int32Array(2 * q);
  }

  reset(membership: Int32Array): void {
    this.sums.fill(0);
    this.counts.fill(0);
    this.oneBar.fill(0);
    this.oneBarN.fill(0);
    membership.fill(-1);
    this.topFresh = 0;
    this.bottomFresh = 0;
  }

  /** Symbol s with average rank `rank` among n pairs, forward return y and one-bar return r1. */
  add(s: number, rank: number, y: number, n: number, r1: number, membership: Int32Array, previous: Int32Array): void {
    const q = this.q;
    const b = bucketOf(rank, n, q);
    this.sums[b]! += y;
    this.counts[b]!++;
    membership[s] = b;
    if (Number.isFinite(r1)) {
      this.oneBar[b]! += r1;
      this.oneBarN[b]!++;
    }
    if (b === q - 1 && previous[s] !== b) this.topFresh++;
    if (b === 0 && previous[s] !== b) this.bottomFresh++;
  }

  /**
   * Fills date t from the factor's cached ranks when every symbol ranked there has a finite forward return (the
   * pairs are then exactly the ranked values): returns the pair count, or −1 (nothing usable filled) otherwise.
   */
  complete(ranks: DateRanks, t: number, forward: Float64Array, forward1: Float64Array, membership: Int32Array, previous: Int32Array, need: number): number {
    const n = ranks.counts[t]!;
    if (n < need) return -1;
    const { q, sums, counts, oneBar, oneBarN, accumulators, tallies } = this;
    accumulators.fill(0);
    tallies.fill(0);
    membership.fill(-1);
    const fresh = fillRow(ranks.ranks, forward, forward1, t * this.symbols, this.symbols, n, q, accumulators, tallies, membership, previous);
    if (fresh < 0) return -1;
    for (let b = 0; b < q; b++) {
      sums[b] = accumulators[2 * b]!;
      oneBar[b] = accumulators[2 * b + 1]!;
      counts[b] = tallies[2 * b]!;
      oneBarN[b] = tallies[2 * b + 1]!;
    }
    this.bottomFresh = fresh % FRESH_BASE;
    this.topFresh = Math.floor(fresh / FRESH_BASE);
    return n;
  }
}

/**
 * DateBuckets.add over one date's row of cached ranks, the same sums in the same order; a plain function of typed
 * arrays, which the JIT compiles to a tight loop. Bucket b's forward-return and one-bar sums go to accumulators[2b]
 * and [2b + 1], their counts to tallies[2b] and [2b + 1] (one array each: measured faster than four). Returns the
 * bottom and top buckets' members that were not in them at the previous scored date, packed (FRESH_BASE), or −1,
 * the sums unusable, when a ranked symbol has no forward return. Nothing is computed after the loop: the loop is
 * compiled during the first long call (on-stack replacement), before any code after it has run, and an operation
 * there would then throw the compiled loop away at the end of every call (measured: up to 692 times in one run of
 * the library when the counts were written to an array after the loop).
 */
function fillRow(r: Float64Array, forward: Float64Array, forward1: Float64Array, offset: number, symbols: number, n: number, q: number, accumulators: Float64Array, tallies: Int32Array, membership: Int32Array, previous: Int32Array): number {
  const top = q - 1;
  let fresh = 0;
  for (let s = 0; s < symbols; s++) {
    const rank = r[offset + s]!;
    if (rank !== rank) continue;
    const y = forward[offset + s]!;
    if (y - y !== 0) return -1;
    // bucketOf without its clamp and floor: average ranks are at most n, so the quotient is ≥ 0 and below q
    // ((n − 1)·q/n rounds up to q only for n beyond 2^50), where truncation (| 0) is the floor.
    const b = (((rank - 1) * q) / n) | 0;
    const k = 2 * b;
    accumulators[k]! += y;
    tallies[k]!++;
    membership[s] = b;
    const r1 = forward1[offset + s]!;
    if (r1 - r1 === 0) {
      accumulators[k + 1]! += r1;
      tallies[k + 1]!++;
    }
    // New members of the two end buckets, counted without a branch on random data into one packed local: for an
    // int32 d, (d | −d) >>> 31 is 1 when d ≠ 0 and ~(d | −d) >>> 31 is 1 when d = 0 (previous is −1 when not scored).
    const p = previous[s]!;
    const bt = b ^ top;
    const pt = p ^ top;
    fresh += ((~(b | -b) >>> 31) & ((p | -p) >>> 31)) + ((~(bt | -bt) >>> 31) & ((pt | -pt) >>> 31)) * FRESH_BASE;
  }
  return fresh;
}

/**
 * Spearman correlation of each date's factor values with the previous date's, over symbols with both (date-major).
 * `complete`: with `ranks`, their completeSpearman against the previous date already computed (completeSpearmanSeries,
 * shift −1), to use instead.
 */
export function factorRankAutocorrelation(factor: Float64Array, dates: number, ranks?: DateRanks, complete?: CompleteCorrelations): Float64Array {
  const pairs = new DatePairs(factor.length / dates);
  const out = new Float64Array(dates).fill(NaN);
  const symbols = factor.length / dates;
  const result = new Float64Array(1);
  for (let t = 1; t < dates; t++) {
    const m = ranks ? (complete ? complete.pairs[t]! : completeSpearman(ranks, t, ranks, t - 1, symbols, result)) : -1;
    if (m >= 0) {
      if (m >= 3) out[t] = complete ? complete.value[t]! : result[0]!;
      continue;
    }
    const n = pairs.gather(factor, t, factor, t - 1);
    if (n < 3) continue;
    pairs.rankX(ranks, t);
    pairs.rankY(ranks, t - 1);
    out[t] = pearson(pairs.rx, pairs.ry, n);
  }
  return out;
}
