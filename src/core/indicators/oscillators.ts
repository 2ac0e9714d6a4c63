// Range oscillators on high/low/close (stochastic, Williams %R, CCI): streaming classes and batch forms.

import { Sma } from './movingAverages';
import { RollingMax } from './window';

/** %K when the look-back range is empty (high == low): neutral 50. TA-Lib reports 0. */
export const STOCH_FLAT = 50;
/** %R when the look-back range is empty: neutral −50. TA-Lib reports 0. */
export const WILLR_FLAT = -50;

/**
 * Stochastic — fast %K = 100·(close − LL)/(HH − LL) over `fastK` bars, slow %K = SMA(slowK) of it,
 * %D = SMA(slowD) of slow %K (TA-Lib STOCH with SMA smoothing; both start at index fastK+slowK+slowD−3).
 */
export class Stochastic {
  private readonly hh: RollingMax;
  private readonly ll: RollingMax;
  private readonly kSma: Sma;
  private readonly dSma: Sma;
  k = NaN;
  d = NaN;

  constructor(
    readonly fastK: number,
    readonly slowK: number,
    readonly slowD: number,
  ) {
    this.hh = new RollingMax(fastK);
    this.ll = new RollingMax(fastK);
    this.kSma = new Sma(slowK);
    this.dSma = new Sma(slowD);
  }

  /** Returns slow %K; `d` is updated alongside. */
  update(high: number, low: number, close: number): number {
    this.hh.push(high);
    this.ll.push(-low);
    if (this.hh.count < this.fastK) return NaN;
    const highest = this.hh.value;
    const lowest = -this.ll.value;
    const diff = (highest - lowest) / 100.0;
    const fastK = diff !== 0 ? (close - lowest) / diff : STOCH_FLAT;
    const k = this.kSma.update(fastK);
    if (k !== k) return NaN;
    const d = this.dSma.update(k);
    if (d !== d) return NaN;
    this.k = k;
    this.d = d;
    return k;
  }
}

export interface StochColumns {
  k: Float64Array;
  d: Float64Array;
}

export function stochasticBatch(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  fastK: number,
  slowK: number,
  slowD: number,
): StochColumns {
  const len = close.length;
  const s = new Stochastic(fastK, slowK, slowD);
  const k = new Float64Array(len);
  const d = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    const v = s.update(high[i]!, low[i]!, close[i]!);
    k[i] = v;
    d[i] = v !== v ? NaN : s.d;
  }
  return { k, d };
}

/** Williams %R — −100·(HH − close)/(HH − LL) over `period` bars (TA-Lib WILLR, lookback period−1). */
export class WilliamsR {
  private readonly hh: RollingMax;
  private readonly ll: RollingMax;
  value = NaN;

  constructor(readonly period: number) {
    this.hh = new RollingMax(period);
    this.ll = new RollingMax(period);
  }

  update(high: number, low: number, close: number): number {
    this.hh.push(high);
    this.ll.push(-low);
    if (this.hh.count < this.period) return NaN;
    const highest = this.hh.value;
    const lowest = -this.ll.value;
    const diff = (highest - lowest) / -100.0;
    return (this.value = diff !== 0 ? (highest - close) / diff : WILLR_FLAT);
  }
}

export function williamsRBatch(high: Float64Array, low: Float64Array, close: Float64Array, period: number): Float64Array {
  const w = new WilliamsR(period);
  const out = new Float64Array(close.length);
  for (let i = 0; i < close.length; i++) out[i] = w.update(high[i]!, low[i]!, close[i]!);
  return out;
}

/**
 * CCI — (TP − SMA(TP))/(0.015·mean absolute deviation), TP = (H+L+C)/3 (TA-Lib CCI, lookback period−1;
 * 0 when the deviation is 0). O(period) per update: the mean deviation needs every value in the window.
 */
export class Cci {
  private readonly buf: Float64Array;
  private pos = 0;
  private count = 0;
  value = NaN;

  constructor(readonly period: number) {
    this.buf = new Float64Array(period);
  }

  update(high: number, low: number, close: number): number {
    const n = this.period;
    const tp = (high + low + close) / 3;
    const buf = this.buf;
    buf[this.pos] = tp;
    this.pos = this.pos + 1 === n ? 0 : this.pos + 1;
    if (this.count < n - 1) {
      this.count++;
      return NaN;
    }
    // Sum in buffer order, as TA-Lib's circular buffer does, so results match it bit for bit.
    let avg = 0;
    for (let j = 0; j < n; j++) avg += buf[j]!;
    avg /= n;
    let dev = 0;
    for (let j = 0; j < n; j++) dev += Math.abs(buf[j]! - avg);
    const diff = tp - avg;
    return (this.value = diff !== 0 && dev !== 0 ? diff / (0.015 * (dev / n)) : 0);
  }
}

export function cciBatch(high: Float64Array, low: Float64Array, close: Float64Array, period: number): Float64Array {
  const c = new Cci(period);
  const out = new Float64Array(close.length);
  for (let i = 0; i < close.length; i++) out[i] = c.update(high[i]!, low[i]!, close[i]!);
  return out;
}
