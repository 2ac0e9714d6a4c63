// A date's cross-section of (factor, forward return) pairs where both are finite, and correlations on it.
// Columns here are date-major (date t, symbol s at t·symbols + s; see toDateMajor).
import { averageRanks } from '../crossSection';

/** Reusable buffers for one date's pairs (sized for the panel's symbols). */
export class DatePairs {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly symbols: Int32Array;
  readonly rx: Float64Array;
  readonly ry: Float64Array;
  readonly scratch: Float64Array;
  n = 0;

  constructor(symbols: number) {
    this.x = new Float64Array(symbols);
    this.y = new Float64Array(symbols);
    this.symbols = new Int32Array(symbols);
    this.rx = new Float64Array(symbols);
    this.ry = new Float64Array(symbols);
    this.scratch = new Float64Array(symbols);
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

  /** Average ranks of the gathered x (and y) values, 1-based. */
  rank(): void {
    averageRanks(this.x.subarray(0, this.n), this.rx, this.scratch);
    averageRanks(this.y.subarray(0, this.n), this.ry, this.scratch);
  }

  pearson(): number {
    return pearson(this.x, this.y, this.n);
  }

  spearman(): number {
    this.rank();
    return pearson(this.rx, this.ry, this.n);
  }
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
