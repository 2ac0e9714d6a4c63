// A date's cross-section of (factor, forward return) pairs where both are finite, and correlations on it.
// Columns here are date-major (date t, symbol s at t·symbols + s; see toDateMajor).
import { rankerFor } from '../crossSection';

/**
 * Average ranks of every date's finite values (date-major, NaN elsewhere) and how many there are per date: when a
 * date's pairs are exactly those values, their ranks are these, and the date needs no sort.
 */
export interface DateRanks {
  readonly ranks: Float64Array;
  readonly counts: Int32Array;
}

/** `into`: a previous result's buffers (same panel size) to overwrite instead of allocating. */
export function dateRanks(x: Float64Array, dates: number, into?: DateRanks): DateRanks {
  const symbols = x.length / dates;
  const ranks = into?.ranks ?? new Float64Array(x.length);
  const counts = into?.counts ?? new Int32Array(dates);
  const values = new Float64Array(symbols);
  const at = new Int32Array(symbols);
  const r = new Float64Array(symbols);
  const ranker = rankerFor(symbols);
  for (let t = 0; t < dates; t++) {
    const offset = t * symbols;
    let complete = 0;
    while (complete < symbols && x[offset + complete]! - x[offset + complete]! === 0) complete++;
    if (complete === symbols) {
      // Every symbol has a (finite) value: ranked in place, straight into the date's row, nothing gathered.
      counts[t] = symbols;
      ranker.rank(x.subarray(offset, offset + symbols), symbols, ranks, offset);
      continue;
    }
    let n = 0;
    for (let s = 0; s < symbols; s++) {
      const v = x[offset + s]!;
      if (Number.isFinite(v)) {
        values[n] = v;
        at[n++] = s;
      }
    }
    counts[t] = n;
    ranks.fill(NaN, offset, offset + symbols);
    ranker.rank(values, n, r);
    for (let k = 0; k < n; k++) ranks[offset + at[k]!] = r[k]!;
  }
  return { ranks, counts };
}

/** Reusable buffers for one date's pairs (sized for the panel's symbols). */
export class DatePairs {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly symbols: Int32Array;
  readonly rx: Float64Array;
  readonly ry: Float64Array;
  n = 0;

  constructor(symbols: number) {
    this.x = new Float64Array(symbols);
    this.y = new Float64Array(symbols);
    this.symbols = new Int32Array(symbols);
    this.rx = new Float64Array(symbols);
    this.ry = new Float64Array(symbols);
  }

  /** Collects the pairs of a's cross-section at date ta and b's at date tb (date-major columns). */
  gather(a: Float64Array, ta: number, b: Float64Array, tb: number): number {
    const symbols = this.x.length;
    const oa = ta * symbols;
    const ob = tb * symbols;
    let n = 0;
    for (let s = 0; s < symbols; s++) {
      const u = a[oa + s]!;
      const v = b[ob + s]!;
      if (Number.isFinite(u) && Number.isFinite(v)) {
        this.x[n] = u;
        this.y[n] = v;
        this.symbols[n++] = s;
      }
    }
    this.n = n;
    return n;
  }

  /** Average ranks (1-based) of the gathered x values, from `cached` (date t's ranks) when the pairs are all its values. */
  rankX(cached?: DateRanks, t = -1): void {
    this.rankInto(this.x, this.rx, cached, t);
  }

  rankY(cached?: DateRanks, t = -1): void {
    this.rankInto(this.y, this.ry, cached, t);
  }

  private rankInto(values: Float64Array, ranks: Float64Array, cached: DateRanks | undefined, t: number): void {
    const symbols = this.x.length;
    if (cached && t >= 0 && cached.counts[t] === this.n) {
      for (let k = 0; k < this.n; k++) ranks[k] = cached.ranks[t * symbols + this.symbols[k]!]!;
    } else rankerFor(this.n).rank(values, this.n, ranks);
  }

  rank(): void {
    this.rankX();
    this.rankY();
  }

  pearson(): number {
    return pearson(this.x, this.y, this.n);
  }

  /** Spearman correlation; `xRanks`/`yRanks` at dates tx/ty spare the sorts when they cover the pairs exactly. */
  spearman(xRanks?: DateRanks, tx = -1, yRanks?: DateRanks, ty = -1): number {
    this.rankX(xRanks, tx);
    this.rankY(yRanks, ty);
    return pearson(this.rx, this.ry, this.n);
  }
}

/**
 * Spearman correlation of date ta's ranks in `a` with date tb's in `b` when their finite values sit on exactly the
 * same symbols: the pairs' ranks are then the cached ones, and one pass over the two rows gives the same sums in the
 * same order as gathering, ranking and `pearson`. Returns the pair count, or −1 when the symbols differ (the caller
 * then gathers); the correlation is left in `result[0]`.
 */
export function completeSpearman(a: DateRanks, ta: number, b: DateRanks, tb: number, symbols: number, result: Float64Array): number {
  const n = a.counts[ta]!;
  if (n !== b.counts[tb]) return -1;
  const ra = a.ranks;
  const rb = b.ranks;
  const oa = ta * symbols;
  const ob = tb * symbols;
  // Average ranks of n values sum to n(n + 1)/2 exactly (half-integers, far below 2^53).
  const mean = (n * (n + 1)) / 2 / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let s = 0; s < symbols; s++) {
    const u = ra[oa + s]!;
    const v = rb[ob + s]!;
    if (u !== u) {
      if (v === v) return -1;
      continue;
    }
    if (v !== v) return -1;
    const dx = u - mean;
    const dy = v - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  result[0] = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
  return n;
}

/** Pearson correlation of the first n values; NaN when either side is constant. */
export function pearson(x: Float64Array, y: Float64Array, n: number): number {
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}
