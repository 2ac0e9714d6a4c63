// Time-series operators over one symbol's series: value at bar t from bars t-n+1 … t only (never later bars).
// A window that is not full, or holds a non-finite value, gives NaN.
import { SortedWindow } from './sortedWindow';

/** Running sums drift with rounding; every RESYNC steps they are recomputed from the window itself. */
const RESYNC = 128;

const isBad = (v: number): boolean => !Number.isFinite(v);

/** Counts non-finite values in x[t-n+1 … t] as t advances. */
function badCounter(x: Float64Array, n: number): (t: number) => number {
  let bad = 0;
  return (t) => {
    if (isBad(x[t]!)) bad++;
    if (t >= n && isBad(x[t - n]!)) bad--;
    return bad;
  };
}

/** The value n bars earlier. */
export function tsDelay(x: Float64Array, n: number, out: Float64Array): void {
  for (let t = 0; t < x.length; t++) out[t] = t >= n ? x[t - n]! : NaN;
}

/** x[t] − x[t−n]. */
export function tsDelta(x: Float64Array, n: number, out: Float64Array): void {
  for (let t = 0; t < x.length; t++) out[t] = t >= n ? x[t]! - x[t - n]! : NaN;
}

/** What a rolling-sums pass emits per full, finite window. */
const SUM = 0;
const MEAN = 1;
const STD = 2;
type SumsOutput = typeof SUM | typeof MEAN | typeof STD;

/**
 * Sums of the window's deviations from a reference value (the sum, and the sum of squares), turned into `output`
 * when the window is full and finite. Deviations keep the squares small: sums of raw prices near 1e6 would cancel.
 * One loop with the output chosen by a switch the branch predictor settles (no per-value closure call).
 */
function rollingSums(x: Float64Array, n: number, output: SumsOutput, out: Float64Array): void {
  let bad = 0;
  let ref = 0;
  for (const v of x) if (!isBad(v)) {
    ref = v;
    break;
  }
  let s = 0;
  let ss = 0;
  let sinceSync = 0;
  for (let t = 0; t < x.length; t++) {
    if (isBad(x[t]!)) bad++;
    if (t >= n && isBad(x[t - n]!)) bad--;
    const v = x[t]! - ref;
    if (!isBad(v)) {
      s += v;
      ss += v * v;
    }
    if (t >= n) {
      const o = x[t - n]! - ref;
      if (!isBad(o)) {
        s -= o;
        ss -= o * o;
      }
    }
    if (++sinceSync >= RESYNC && t >= n - 1 && !isBad(x[t]!)) {
      ref = x[t]!;
      s = 0;
      ss = 0;
      for (let k = t - n + 1; k <= t; k++) {
        const w = x[k]! - ref;
        if (!isBad(w)) {
          s += w;
          ss += w * w;
        }
      }
      sinceSync = 0;
    }
    if (t < n - 1 || bad !== 0) {
      out[t] = NaN;
      continue;
    }
    switch (output) {
      case SUM:
        out[t] = s + n * ref;
        break;
      case MEAN:
        out[t] = ref + s / n;
        break;
      case STD: {
        const variance = (ss - (s * s) / n) / (n - 1);
        out[t] = variance > 0 ? Math.sqrt(variance) : 0;
        break;
      }
    }
  }
}

export function tsSum(x: Float64Array, n: number, out: Float64Array): void {
  rollingSums(x, n, SUM, out);
}

export function tsMean(x: Float64Array, n: number, out: Float64Array): void {
  rollingSums(x, n, MEAN, out);
}

/** Sample standard deviation (n − 1 in the denominator); NaN for n = 1. */
export function tsStd(x: Float64Array, n: number, out: Float64Array): void {
  rollingSums(x, n, STD, out);
}

/** Sample covariance or correlation of x and y over the window: which figure to keep. */
type PairOutput = 'cov' | 'corr';

/**
 * Running sums of x's and y's deviations from reference values (Σdx, Σdy, Σdx², Σdy², Σdx·dy), updated in O(1) per
 * bar and recomputed from the window with fresh references every n bars (as tsTrend). A side constant over the
 * window (its value unchanged for n bars) has exactly zero variance: correlation NaN, covariance 0.
 */
function rollingPair(x: Float64Array, y: Float64Array, n: number, output: PairOutput, out: Float64Array): void {
  let bad = 0;
  let sameX = 0;
  let sameY = 0;
  let rx = 0;
  let ry = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  let since = -1;
  for (let t = 0; t < x.length; t++) {
    const u = x[t]!;
    const v = y[t]!;
    if (isBad(u) || isBad(v)) bad++;
    if (t >= n && (isBad(x[t - n]!) || isBad(y[t - n]!))) bad--;
    sameX = t > 0 && u === x[t - 1] ? sameX + 1 : 1;
    sameY = t > 0 && v === y[t - 1] ? sameY + 1 : 1;
    if (t < n - 1 || bad > 0) {
      out[t] = NaN;
      since = -1;
      continue;
    }
    if (since < 0 || since >= n) {
      rx = u;
      ry = v;
      sx = 0;
      sy = 0;
      sxx = 0;
      syy = 0;
      sxy = 0;
      for (let k = t - n + 1; k <= t; k++) {
        const dx = x[k]! - rx;
        const dy = y[k]! - ry;
        sx += dx;
        sy += dy;
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
      }
      since = 0;
    } else {
      const ox = x[t - n]! - rx;
      const oy = y[t - n]! - ry;
      const dx = u - rx;
      const dy = v - ry;
      sx += dx - ox;
      sy += dy - oy;
      sxx += dx * dx - ox * ox;
      syy += dy * dy - oy * oy;
      sxy += dx * dy - ox * oy;
      since++;
    }
    const constant = sameX >= n || sameY >= n;
    const cxy = constant ? 0 : sxy - (sx * sy) / n;
    if (output === 'cov') out[t] = cxy / (n - 1);
    else {
      const cxx = sxx - (sx * sx) / n;
      const cyy = syy - (sy * sy) / n;
      out[t] = !constant && cxx > 0 && cyy > 0 ? cxy / Math.sqrt(cxx * cyy) : NaN;
    }
  }
}

export function tsCov(x: Float64Array, y: Float64Array, n: number, out: Float64Array): void {
  rollingPair(x, y, n, 'cov', out);
}

/** Pearson correlation; NaN when either side is constant over the window. */
export function tsCorr(x: Float64Array, y: Float64Array, n: number, out: Float64Array): void {
  rollingPair(x, y, n, 'corr', out);
}

/** Least-squares line of the window against its bar index 0 … n−1: which figure to keep. */
export type TrendPart = 'slope' | 'rsquare' | 'residual';

/**
 * Slope, R² or the last bar's residual of the window's linear trend (R² NaN for a constant window), from running
 * sums of deviations Σd, Σk·d, Σd² (d = x − ref, k the bar's index in the window) updated in O(1) per bar. The
 * reference moves to the newest bar and the sums are recomputed every n bars, so deviations stay window-sized
 * (no cancellation against the price level) at O(1) amortized cost.
 */
export function tsTrend(x: Float64Array, n: number, part: TrendPart, out: Float64Array): void {
  const mk = (n - 1) / 2;
  let skk = 0;
  for (let k = 0; k < n; k++) skk += (k - mk) * (k - mk);
  let bad = 0;
  /** Bars since the value last changed, + 1: the window is constant when it reaches n. */
  let same = 0;
  let ref = 0;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  /** Steps since the sums were computed from the window itself; −1: they are not valid. */
  let since = -1;
  for (let t = 0; t < x.length; t++) {
    const v = x[t]!;
    if (isBad(v)) bad++;
    if (t >= n && isBad(x[t - n]!)) bad--;
    same = t > 0 && v === x[t - 1] ? same + 1 : 1;
    if (t < n - 1 || bad > 0) {
      out[t] = NaN;
      since = -1;
      continue;
    }
    if (since < 0 || since >= n) {
      ref = v;
      s0 = 0;
      s1 = 0;
      s2 = 0;
      for (let k = 0; k < n; k++) {
        const d = x[t - n + 1 + k]! - ref;
        s0 += d;
        s1 += k * d;
        s2 += d * d;
      }
      since = 0;
    } else {
      const dOld = x[t - n]! - ref;
      const dNew = v - ref;
      // Every bar's index drops by one: Σk·d loses Σd of the bars that stay.
      s1 = s1 - (s0 - dOld) + (n - 1) * dNew;
      s0 = s0 - dOld + dNew;
      s2 = s2 - dOld * dOld + dNew * dNew;
      since++;
    }
    const constant = same >= n;
    const skx = constant ? 0 : s1 - mk * s0;
    const slope = n > 1 ? skx / skk : NaN;
    switch (part) {
      case 'slope':
        out[t] = slope;
        break;
      case 'rsquare': {
        const sxx = s2 - (s0 * s0) / n;
        out[t] = !constant && sxx > 0 ? (skx * skx) / (skk * sxx) : NaN;
        break;
      }
      case 'residual':
        out[t] = v - (ref + s0 / n + slope * (n - 1 - mk));
        break;
      default: {
        const never: never = part;
        throw new Error(`unknown trend part ${String(never)}`);
      }
    }
  }
}

/** Window extremes with a monotonic deque (O(1) amortized); `arg` gives bars since the oldest extreme instead. */
function rollingExtreme(x: Float64Array, n: number, max: boolean, arg: boolean, out: Float64Array): void {
  const deque = new Int32Array(x.length + 1);
  let head = 0;
  let tail = 0;
  let bad = 0;
  for (let t = 0; t < x.length; t++) {
    const v = x[t]!;
    if (isBad(v)) bad++;
    if (t >= n && isBad(x[t - n]!)) bad--;
    while (tail > head && deque[head]! <= t - n) head++;
    if (!isBad(v)) {
      // Strict comparison keeps equal older values: the front is the oldest extreme.
      while (tail > head && (max ? x[deque[tail - 1]!]! < v : x[deque[tail - 1]!]! > v)) tail--;
      deque[tail++] = t;
    }
    if (t < n - 1 || bad > 0) out[t] = NaN;
    else out[t] = arg ? t - deque[head]! : x[deque[head]!]!;
  }
}

export const tsMax = (x: Float64Array, n: number, out: Float64Array): void => rollingExtreme(x, n, true, false, out);
export const tsMin = (x: Float64Array, n: number, out: Float64Array): void => rollingExtreme(x, n, false, false, out);
/** Bars since the window's maximum (0 = this bar; the oldest on ties). */
export const tsArgmax = (x: Float64Array, n: number, out: Float64Array): void => rollingExtreme(x, n, true, true, out);
export const tsArgmin = (x: Float64Array, n: number, out: Float64Array): void => rollingExtreme(x, n, false, true, out);

/** Runs `emit` with the window's values kept sorted (only full, finite windows are emitted). */
function rollingSorted(x: Float64Array, n: number, emit: (window: SortedWindow, t: number) => number, out: Float64Array): void {
  const window = new SortedWindow(n);
  let bad = 0;
  for (let t = 0; t < x.length; t++) {
    if (isBad(x[t]!)) bad++;
    if (t >= n && isBad(x[t - n]!)) bad--;
    const leaving = t >= n && !isBad(x[t - n]!);
    if (leaving && !isBad(x[t]!)) window.replace(x[t - n]!, x[t]!);
    else {
      if (leaving) window.remove(x[t - n]!);
      if (!isBad(x[t]!)) window.insert(x[t]!);
    }
    out[t] = t >= n - 1 && bad === 0 ? emit(window, t) : NaN;
  }
}

/**
 * Percentile rank of this bar's value in its window, average rank for ties, rank / n (pandas rank(pct=True)). The
 * counts below and equal come from one scan of the window (windows are short): the same integers a sorted window's
 * binary searches give, without keeping it sorted.
 */
export function tsRank(x: Float64Array, n: number, out: Float64Array): void {
  let bad = 0;
  for (let t = 0; t < x.length; t++) {
    if (isBad(x[t]!)) bad++;
    if (t >= n && isBad(x[t - n]!)) bad--;
    if (t < n - 1 || bad !== 0) {
      out[t] = NaN;
      continue;
    }
    const v = x[t]!;
    let less = 0;
    let equal = 0;
    for (let k = t - n + 1; k <= t; k++) {
      const u = x[k]!;
      less += u < v ? 1 : 0;
      equal += u === v ? 1 : 0;
    }
    out[t] = (less + (equal + 1) / 2) / n;
  }
}

/** The q-quantile of the window, linear between order statistics (pandas' default interpolation). */
export function tsQuantile(x: Float64Array, n: number, q: number, out: Float64Array): void {
  const at = q * (n - 1);
  const lo = Math.floor(at);
  const frac = at - lo;
  rollingSorted(x, n, (w) => (frac === 0 ? w.at(lo) : w.at(lo) + (w.at(lo + 1) - w.at(lo)) * frac), out);
}

/** Linearly decaying weights n (this bar) … 1 (oldest), normalized to sum to one. */
export function tsDecayLinear(x: Float64Array, n: number, out: Float64Array): void {
  const total = (n * (n + 1)) / 2;
  const bad = badCounter(x, n);
  for (let t = 0; t < x.length; t++) {
    if (bad(t) > 0 || t < n - 1) {
      out[t] = NaN;
      continue;
    }
    let s = 0;
    for (let k = 0; k < n; k++) s += (k + 1) * x[t - n + 1 + k]!;
    out[t] = s / total;
  }
}
