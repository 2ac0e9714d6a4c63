// Rolling statistics (moments, standard deviation, z-score, realized volatility, beta, correlation).

import { isZero } from './numeric';

/** Windows this short are summed exactly on every update: sliding updates would cost more digits than they save. */
const EXACT_WINDOW = 8;

/**
 * Rolling mean and population variance of the last `period` values. Sliding updates of the sum and
 * of M2 = Σ(x−mean)² (Welford's window update) are O(1); once per `period` updates both are
 * recomputed exactly from the window (amortized O(1)), so rounding cannot drift over long series.
 * TA-Lib's E[x²]−E[x]² loses every digit on small windows of large prices; this does not.
 */
export class RollingMoments {
  private readonly ring: Float64Array;
  private pos = 0;
  private count = 0;
  private sum = 0;
  private m2 = 0;
  private wMean = 0;
  mean = NaN;
  variance = NaN;

  constructor(readonly period: number) {
    this.ring = new Float64Array(period);
  }

  /** Returns the mean (NaN until `period` values); `variance` is updated alongside. */
  update(x: number): number {
    const n = this.period;
    const ring = this.ring;
    const old = ring[this.pos]!;
    ring[this.pos] = x;
    this.pos = this.pos + 1 === n ? 0 : this.pos + 1;
    if (this.count >= n) {
      if (this.pos === 0 || n <= EXACT_WINDOW) return this.recompute();
      const prevMean = this.mean;
      this.sum = this.sum + x - old;
      const mean = this.sum / n;
      let m2 = this.m2 + (x - old) * (x - mean + (old - prevMean));
      if (m2 < 0) m2 = 0;
      this.m2 = m2;
      this.mean = mean;
      this.variance = m2 / n;
      return mean;
    }
    const c = ++this.count;
    this.sum += x;
    const delta = x - this.wMean;
    this.wMean += delta / c;
    this.m2 += delta * (x - this.wMean);
    if (c < n) return NaN;
    return this.recompute();
  }

  /** Exact two-pass sum and M2 over the window. */
  private recompute(): number {
    const n = this.period;
    const ring = this.ring;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += ring[i]!;
    const mean = sum / n;
    let m2 = 0;
    for (let i = 0; i < n; i++) {
      const d = ring[i]! - mean;
      m2 += d * d;
    }
    this.sum = sum;
    this.m2 = m2;
    this.mean = mean;
    this.variance = m2 / n;
    return mean;
  }

  /** Sum of squared deviations from the mean over the window. */
  get sumSquares(): number {
    return this.m2;
  }
}

/** Standard deviation — population σ of the last `period` values × `nbDev` (TA-Lib STDDEV, lookback period−1). */
export class StdDev {
  private readonly moments: RollingMoments;
  value = NaN;

  constructor(
    readonly period: number,
    readonly nbDev = 1,
  ) {
    this.moments = new RollingMoments(period);
  }

  update(x: number): number {
    const mean = this.moments.update(x);
    if (mean !== mean) return NaN;
    return (this.value = Math.sqrt(this.moments.variance) * this.nbDev);
  }
}

export function stdDevBatch(x: Float64Array, period: number, nbDev = 1): Float64Array {
  const s = new StdDev(period, nbDev);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = s.update(x[i]!);
  return out;
}

/** Z-score — (x − mean)/σ over the last `period` values, population σ; 0 when σ is 0 (x equals the mean). */
export class ZScore {
  private readonly moments: RollingMoments;
  value = NaN;

  constructor(readonly period: number) {
    this.moments = new RollingMoments(period);
  }

  update(x: number): number {
    const mean = this.moments.update(x);
    if (mean !== mean) return NaN;
    const sd = Math.sqrt(this.moments.variance);
    return (this.value = sd > 0 ? (x - mean) / sd : 0);
  }
}

export function zScoreBatch(x: Float64Array, period: number): Float64Array {
  const z = new ZScore(period);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = z.update(x[i]!);
  return out;
}

/**
 * Realized volatility — sample σ (n−1) of the last `period` log returns ln(c/c₋₁) × √periodsPerYear.
 * A non-positive price contributes a zero return (checkInputs reports it). Lookback: period.
 */
export class RealizedVolatility {
  private readonly moments: RollingMoments;
  private readonly scale: number;
  private prev = NaN;
  value = NaN;

  constructor(
    readonly period: number,
    readonly periodsPerYear = 252,
  ) {
    this.moments = new RollingMoments(period);
    this.scale = Math.sqrt(periodsPerYear);
  }

  update(close: number): number {
    const prev = this.prev;
    this.prev = close;
    if (prev !== prev) return NaN;
    const r = prev > 0 && close > 0 ? Math.log(close / prev) : 0;
    const mean = this.moments.update(r);
    if (mean !== mean) return NaN;
    return (this.value = Math.sqrt(this.moments.sumSquares / (this.period - 1)) * this.scale);
  }
}

export function realizedVolatilityBatch(close: Float64Array, period: number, periodsPerYear = 252): Float64Array {
  const r = new RealizedVolatility(period, periodsPerYear);
  const out = new Float64Array(close.length);
  for (let i = 0; i < close.length; i++) out[i] = r.update(close[i]!);
  return out;
}

/** Simple return (x − prev)/prev as TA-Lib's BETA and ROCP compute it; 0 when prev is 0. */
function simpleReturn(x: number, prev: number): number {
  return !isZero(prev) ? (x - prev) / prev : 0.0;
}

/**
 * Rolling beta — cov(asset, benchmark)/var(benchmark) of simple returns over the last `period` returns
 * (TA-Lib BETA with the benchmark as its first input; lookback period). NaN when the benchmark did not move.
 */
export class RollingBeta {
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  private pos = 0;
  private count = 0;
  private lastX = NaN;
  private lastY = NaN;
  private sxx = 0;
  private sxy = 0;
  private sx = 0;
  private sy = 0;
  private movingX = 0; // benchmark returns in the window that are not exactly 0
  value = NaN;

  constructor(readonly period: number) {
    this.xs = new Float64Array(period);
    this.ys = new Float64Array(period);
  }

  update(asset: number, benchmark: number): number {
    const t = this.count;
    if (t === 0) {
      this.count = 1;
      this.lastX = benchmark;
      this.lastY = asset;
      return NaN;
    }
    const x = simpleReturn(benchmark, this.lastX);
    const y = simpleReturn(asset, this.lastY);
    this.lastX = benchmark;
    this.lastY = asset;
    this.sxx += x * x;
    this.sxy += x * y;
    this.sx += x;
    this.sy += y;
    if (x !== 0) this.movingX++;
    const p = this.pos;
    this.xs[p] = x;
    this.ys[p] = y;
    this.pos = p + 1 === this.period ? 0 : p + 1;
    if (t < this.period) {
      this.count = t + 1;
      return NaN;
    }
    const n = this.period;
    const den = n * this.sxx - this.sx * this.sx;
    const v = this.movingX > 0 && !isZero(den) ? (n * this.sxy - this.sx * this.sy) / den : NaN;
    // The oldest return leaves the sums after the output, as in TA-Lib.
    const ox = this.xs[this.pos]!;
    const oy = this.ys[this.pos]!;
    this.sxx -= ox * ox;
    this.sxy -= ox * oy;
    this.sx -= ox;
    this.sy -= oy;
    if (ox !== 0) this.movingX--;
    this.value = v;
    return v;
  }
}

export function rollingBetaBatch(asset: Float64Array, benchmark: Float64Array, period: number): Float64Array {
  const b = new RollingBeta(period);
  const out = new Float64Array(asset.length);
  for (let i = 0; i < asset.length; i++) out[i] = b.update(asset[i]!, benchmark[i]!);
  return out;
}

/**
 * Rolling correlation — Pearson r of simple returns of asset and benchmark over the last `period`
 * returns (TA-Lib CORREL's arithmetic applied to ROCP(1) series; lookback period). NaN when either
 * series did not move.
 */
export class RollingCorrelation {
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  private pos = 0;
  private count = 0;
  private lastX = NaN;
  private lastY = NaN;
  private sx = 0;
  private sx2 = 0;
  private sxy = 0;
  private sy = 0;
  private sy2 = 0;
  private movingX = 0;
  private movingY = 0;
  value = NaN;

  constructor(readonly period: number) {
    this.xs = new Float64Array(period);
    this.ys = new Float64Array(period);
  }

  update(asset: number, benchmark: number): number {
    const t = this.count;
    const n = this.period;
    if (t === 0) {
      this.count = 1;
      this.lastX = asset;
      this.lastY = benchmark;
      return NaN;
    }
    const x = simpleReturn(asset, this.lastX);
    const y = simpleReturn(benchmark, this.lastY);
    this.lastX = asset;
    this.lastY = benchmark;
    const p = this.pos;
    if (t > n) {
      // The oldest return leaves the sums before the new one enters, as in TA-Lib.
      const ox = this.xs[p]!;
      const oy = this.ys[p]!;
      this.sx -= ox;
      this.sx2 -= ox * ox;
      this.sxy -= ox * oy;
      this.sy -= oy;
      this.sy2 -= oy * oy;
      if (ox !== 0) this.movingX--;
      if (oy !== 0) this.movingY--;
    }
    this.sx += x;
    this.sx2 += x * x;
    this.sxy += x * y;
    this.sy += y;
    this.sy2 += y * y;
    if (x !== 0) this.movingX++;
    if (y !== 0) this.movingY++;
    this.xs[p] = x;
    this.ys[p] = y;
    this.pos = p + 1 === n ? 0 : p + 1;
    if (t < n) {
      this.count = t + 1;
      return NaN;
    }
    if (t === n) this.count = t + 1;
    const den = (this.sx2 - (this.sx * this.sx) / n) * (this.sy2 - (this.sy * this.sy) / n);
    let v = NaN;
    if (this.movingX > 0 && this.movingY > 0 && den > 0) {
      v = (this.sxy - (this.sx * this.sy) / n) / Math.sqrt(den);
      if (v > 1) v = 1;
      else if (v < -1) v = -1;
    }
    this.value = v;
    return v;
  }
}

export function rollingCorrelationBatch(asset: Float64Array, benchmark: Float64Array, period: number): Float64Array {
  const c = new RollingCorrelation(period);
  const out = new Float64Array(asset.length);
  for (let i = 0; i < asset.length; i++) out[i] = c.update(asset[i]!, benchmark[i]!);
  return out;
}
