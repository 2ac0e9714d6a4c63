// Momentum indicators on closes (RSI, MACD, ROC, momentum): streaming classes and batch forms.

import { Ema } from './movingAverages';
import { RingBuffer } from './window';

/** RSI value when the window holds neither gains nor losses (flat prices): neutral 50. TA-Lib reports 0. */
export const RSI_FLAT = 50;

/**
 * RSI — Wilder: average gain/loss seeded with the simple mean of the first `period` changes, then
 * avg = (avg·(period−1) + change)/period; RSI = 100·gain/(gain+loss) (TA-Lib RSI, lookback period).
 */
export class Rsi {
  private count = 0;
  private prev = NaN;
  private gain = 0;
  private loss = 0;
  value = NaN;

  constructor(readonly period: number) {}

  update(x: number): number {
    const n = this.period;
    const t = this.count;
    if (t > n) {
      const d = x - this.prev;
      this.prev = x;
      let loss = this.loss * (n - 1);
      let gain = this.gain * (n - 1);
      if (d < 0) loss -= d;
      else gain += d;
      loss /= n;
      gain /= n;
      this.loss = loss;
      this.gain = gain;
      const s = gain + loss;
      return (this.value = s > 0 ? 100.0 * (gain / s) : RSI_FLAT);
    }
    this.count = t + 1;
    if (t === 0) {
      this.prev = x;
      return NaN;
    }
    const d = x - this.prev;
    this.prev = x;
    if (d < 0) this.loss -= d;
    else this.gain += d;
    if (t < n) return NaN;
    this.loss /= n;
    this.gain /= n;
    const s = this.gain + this.loss;
    return (this.value = s > 0 ? 100.0 * (this.gain / s) : RSI_FLAT);
  }
}

/** `out` (optional, reused by callers that run many batches) receives the values. */
export function rsiBatch(x: Float64Array, period: number, out = new Float64Array(x.length)): Float64Array {
  const len = x.length;
  const n = period;
  const m = n - 1;
  const warm = Math.min(len, n);
  for (let i = 0; i < warm; i++) out[i] = NaN;
  if (len <= n) return out;
  let gain = 0;
  let loss = 0;
  let prev = x[0]!;
  for (let i = 1; i <= n; i++) {
    const d = x[i]! - prev;
    prev = x[i]!;
    if (d < 0) loss -= d;
    else gain += d;
  }
  loss /= n;
  gain /= n;
  let s = gain + loss;
  out[n] = s > 0 ? 100.0 * (gain / s) : RSI_FLAT;
  for (let i = n + 1; i < len; i++) {
    const xi = x[i]!;
    const d = xi - prev;
    prev = xi;
    loss *= m;
    gain *= m;
    if (d < 0) loss -= d;
    else gain += d;
    loss /= n;
    gain /= n;
    s = gain + loss;
    out[i] = s > 0 ? 100.0 * (gain / s) : RSI_FLAT;
  }
  return out;
}

/**
 * MACD — EMA(fast) − EMA(slow), signal = EMA(signal) of the line, histogram = line − signal. As TA-Lib
 * MACD: the fast EMA is seeded on the `fast` bars ending where the slow EMA starts; all three
 * outputs start at index (slow−1)+(signal−1).
 */
export class Macd {
  private readonly fastEma: Ema;
  private readonly slowEma: Ema;
  private readonly signalEma: Ema;
  private readonly offset: number;
  private count = 0;
  macd = NaN;
  signal = NaN;
  histogram = NaN;

  constructor(
    readonly fast: number,
    readonly slow: number,
    readonly signalPeriod: number,
  ) {
    this.fastEma = new Ema(fast);
    this.slowEma = new Ema(slow);
    this.signalEma = new Ema(signalPeriod);
    this.offset = slow - fast;
  }

  /** Returns the MACD line; `signal` and `histogram` are updated alongside. */
  update(x: number): number {
    const s = this.slowEma.update(x);
    if (this.count < this.offset) {
      this.count++;
      return NaN;
    }
    const f = this.fastEma.update(x);
    if (s !== s) return NaN;
    const line = f - s;
    const sig = this.signalEma.update(line);
    if (sig !== sig) return NaN;
    this.macd = line;
    this.signal = sig;
    this.histogram = line - sig;
    return line;
  }
}

export interface MacdColumns {
  macd: Float64Array;
  signal: Float64Array;
  histogram: Float64Array;
}

export function macdBatch(x: Float64Array, fast: number, slow: number, signal: number): MacdColumns {
  const len = x.length;
  const m = new Macd(fast, slow, signal);
  const macd = new Float64Array(len);
  const sig = new Float64Array(len);
  const hist = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    const line = m.update(x[i]!);
    if (line !== line) {
      macd[i] = NaN;
      sig[i] = NaN;
      hist[i] = NaN;
    } else {
      macd[i] = line;
      sig[i] = m.signal;
      hist[i] = m.histogram;
    }
  }
  return { macd, signal: sig, histogram: hist };
}

/** ROC — rate of change in percent, 100·(x/x[t−period] − 1) (TA-Lib ROC); NaN where x[t−period] is 0. */
export class Roc {
  private readonly lag: RingBuffer;
  value = NaN;

  constructor(readonly period: number) {
    this.lag = new RingBuffer(period);
  }

  update(x: number): number {
    const warm = this.lag.full; // `period` values held before this one
    const back = this.lag.push(x);
    if (!warm) return NaN;
    return (this.value = back !== 0 ? (x / back - 1.0) * 100.0 : NaN);
  }
}

export function rocBatch(x: Float64Array, period: number): Float64Array {
  const len = x.length;
  const out = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    if (i < period) {
      out[i] = NaN;
      continue;
    }
    const back = x[i - period]!;
    out[i] = back !== 0 ? (x[i]! / back - 1.0) * 100.0 : NaN;
  }
  return out;
}

/** Momentum — x − x[t−period] (TA-Lib MOM, lookback period). */
export class Momentum {
  private readonly lag: RingBuffer;
  value = NaN;

  constructor(readonly period: number) {
    this.lag = new RingBuffer(period);
  }

  update(x: number): number {
    const warm = this.lag.full; // `period` values held before this one
    const back = this.lag.push(x);
    if (!warm) return NaN;
    return (this.value = x - back);
  }
}

export function momentumBatch(x: Float64Array, period: number): Float64Array {
  const len = x.length;
  const out = new Float64Array(len);
  for (let i = 0; i < len; i++) out[i] = i < period ? NaN : x[i]! - x[i - period]!;
  return out;
}
