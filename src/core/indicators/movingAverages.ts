// Moving averages (SMA, EMA, WMA, DEMA, TEMA, KAMA): streaming classes and batch forms, in TA-Lib's arithmetic.

import { isZero } from './numeric';

/** SMA — arithmetic mean of the last `period` values (TA-Lib SMA: running sum, first value at index period-1). */
export class Sma {
  private readonly ring: Float64Array;
  private pos = 0;
  private count = 0;
  private sum = 0;
  value = NaN;

  constructor(readonly period: number) {
    this.ring = new Float64Array(period);
  }

  update(x: number): number {
    const n = this.period;
    this.sum += x;
    this.ring[this.pos] = x;
    this.pos = this.pos + 1 === n ? 0 : this.pos + 1;
    if (this.count < n && ++this.count < n) return NaN;
    const v = this.sum / n;
    this.sum -= this.ring[this.pos]!; // the oldest value leaves before the next update
    this.value = v;
    return v;
  }
}

/** `out` (optional, reused by callers that run many batches) receives the values. */
export function smaBatch(x: Float64Array, period: number, out = new Float64Array(x.length)): Float64Array {
  const n = x.length;
  const warm = Math.min(n, period - 1);
  let sum = 0;
  for (let i = 0; i < warm; i++) {
    sum += x[i]!;
    out[i] = NaN;
  }
  for (let i = warm; i < n; i++) {
    sum += x[i]!;
    out[i] = sum / period;
    sum -= x[i - period + 1]!;
  }
  return out;
}

/** EMA — k = 2/(period+1), seeded with the SMA of the first `period` values (TA-Lib EMA, default compatibility). */
export class Ema {
  private readonly k: number;
  private count = 0;
  private sum = 0;
  value = NaN;

  constructor(readonly period: number) {
    this.k = 2 / (period + 1);
  }

  update(x: number): number {
    if (this.count >= this.period) {
      const v = (x - this.value) * this.k + this.value;
      this.value = v;
      return v;
    }
    this.sum += x;
    if (++this.count === this.period) this.value = this.sum / this.period;
    return this.value;
  }
}

/** `out` (optional, reused by callers that run many batches) receives the values. */
export function emaBatch(x: Float64Array, period: number, out = new Float64Array(x.length)): Float64Array {
  const n = x.length;
  const k = 2 / (period + 1);
  const warm = Math.min(n, period - 1);
  let sum = 0;
  for (let i = 0; i < warm; i++) {
    sum += x[i]!;
    out[i] = NaN;
  }
  if (n < period) return out;
  sum += x[period - 1]!;
  let v = sum / period;
  out[period - 1] = v;
  for (let i = period; i < n; i++) {
    v = (x[i]! - v) * k + v;
    out[i] = v;
  }
  return out;
}

/** WMA — linearly weighted mean, newest weight `period` (TA-Lib WMA: running weighted sum and plain sum). */
export class Wma {
  private readonly ring: Float64Array;
  private readonly divider: number;
  private pos = 0;
  private count = 0;
  private periodSum = 0;
  private periodSub = 0;
  private trailing = 0;
  value = NaN;

  constructor(readonly period: number) {
    this.ring = new Float64Array(period);
    this.divider = (period * (period + 1)) / 2;
  }

  update(x: number): number {
    const n = this.period;
    const oldest = this.ring[this.pos]!;
    this.ring[this.pos] = x;
    this.pos = this.pos + 1 === n ? 0 : this.pos + 1;
    if (this.count < n - 1) {
      this.count++;
      this.periodSub += x;
      this.periodSum += x * this.count;
      return NaN;
    }
    if (this.count === n - 1) this.count++;
    else this.trailing = oldest;
    this.periodSub += x;
    this.periodSub -= this.trailing;
    this.periodSum += x * n;
    const v = this.periodSum / this.divider;
    this.periodSum -= this.periodSub;
    this.value = v;
    return v;
  }
}

export function wmaBatch(x: Float64Array, period: number): Float64Array {
  const w = new Wma(period);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = w.update(x[i]!);
  return out;
}

/** DEMA — 2·EMA − EMA(EMA), both TA-Lib-seeded EMAs (TA-Lib DEMA, lookback 2·(period−1)). */
export class Dema {
  private readonly e1: Ema;
  private readonly e2: Ema;
  value = NaN;

  constructor(readonly period: number) {
    this.e1 = new Ema(period);
    this.e2 = new Ema(period);
  }

  update(x: number): number {
    const v1 = this.e1.update(x);
    if (v1 !== v1) return NaN;
    const v2 = this.e2.update(v1);
    if (v2 !== v2) return NaN;
    const v = 2.0 * v1 - v2;
    this.value = v;
    return v;
  }
}

export function demaBatch(x: Float64Array, period: number): Float64Array {
  const d = new Dema(period);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = d.update(x[i]!);
  return out;
}

/** TEMA — 3·EMA − 3·EMA² + EMA³ (TA-Lib TEMA, lookback 3·(period−1)). */
export class Tema {
  private readonly e1: Ema;
  private readonly e2: Ema;
  private readonly e3: Ema;
  value = NaN;

  constructor(readonly period: number) {
    this.e1 = new Ema(period);
    this.e2 = new Ema(period);
    this.e3 = new Ema(period);
  }

  update(x: number): number {
    const v1 = this.e1.update(x);
    if (v1 !== v1) return NaN;
    const v2 = this.e2.update(v1);
    if (v2 !== v2) return NaN;
    const v3 = this.e3.update(v2);
    if (v3 !== v3) return NaN;
    const v = v3 + (3.0 * v1 - 3.0 * v2);
    this.value = v;
    return v;
  }
}

export function temaBatch(x: Float64Array, period: number): Float64Array {
  const t = new Tema(period);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = t.update(x[i]!);
  return out;
}

const KAMA_FAST = 2 / (2 + 1);
const KAMA_SLOW = 2 / (30 + 1);
const KAMA_DIFF = KAMA_FAST - KAMA_SLOW;

/**
 * KAMA — Kaufman adaptive MA: efficiency ratio over `period` changes, smoothing (ER·(2/3−2/31)+2/31)²,
 * seeded with the previous close (TA-Lib KAMA, fixed fast 2 / slow 30, lookback period).
 */
export class Kama {
  private readonly ring: Float64Array; // the last period+1 values before the current one
  private pos = 0;
  private count = 0;
  private prev = NaN;
  private sumRoc = 0;
  value = NaN;

  constructor(readonly period: number) {
    this.ring = new Float64Array(period + 1);
  }

  update(x: number): number {
    const n = this.period;
    const t = this.count++;
    const cap = n + 1;
    if (t >= 1) {
      if (t >= n + 1) {
        // ring[pos] is x[t-n-1], the next slot x[t-n]: their change leaves the window
        const older = this.ring[this.pos]!;
        const next = this.ring[this.pos + 1 === cap ? 0 : this.pos + 1]!;
        this.sumRoc -= Math.abs(older - next);
      }
      this.sumRoc += Math.abs(x - this.prev);
    }
    let v = NaN;
    if (t >= n) {
      const back = t >= n + 1 ? this.ring[this.pos + 1 === cap ? 0 : this.pos + 1]! : this.ring[0]!;
      const periodRoc = x - back;
      const er = this.sumRoc <= periodRoc || isZero(this.sumRoc) ? 1.0 : Math.abs(periodRoc / this.sumRoc);
      let sc = er * KAMA_DIFF + KAMA_SLOW;
      sc *= sc;
      const prevKama = t === n ? this.prev : this.value;
      v = (x - prevKama) * sc + prevKama;
      this.value = v;
    }
    this.ring[this.pos] = x;
    this.pos = this.pos + 1 === cap ? 0 : this.pos + 1;
    this.prev = x;
    return v;
  }
}

export function kamaBatch(x: Float64Array, period: number): Float64Array {
  const k = new Kama(period);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = k.update(x[i]!);
  return out;
}
