// Volume indicators (OBV, MFI, session VWAP, Chaikin A/D, CMF): streaming classes and batch forms.

/** MFI when the window holds no money flow (zero volume or flat prices): neutral 50. TA-Lib reports 0. */
export const MFI_FLAT = 50;

const DAY_MS = 86_400_000;

/** OBV — running total of volume, added on up closes and subtracted on down closes, starting at the first bar's volume (TA-Lib OBV). */
export class Obv {
  private started = false;
  private prev = NaN;
  value = NaN;

  update(close: number, volume: number): number {
    if (!this.started) {
      this.started = true;
      this.prev = close;
      return (this.value = volume);
    }
    let v = this.value;
    if (close > this.prev) v += volume;
    else if (close < this.prev) v -= volume;
    this.prev = close;
    return (this.value = v);
  }
}

/** `out` (optional, reused by callers that run many batches) receives the values. */
export function obvBatch(close: Float64Array, volume: Float64Array, out = new Float64Array(close.length)): Float64Array {
  const len = close.length;
  if (len === 0) return out;
  let v = volume[0]!;
  let prev = close[0]!;
  out[0] = v;
  for (let i = 1; i < len; i++) {
    const c = close[i]!;
    if (c > prev) v += volume[i]!;
    else if (c < prev) v -= volume[i]!;
    prev = c;
    out[i] = v;
  }
  return out;
}

/**
 * MFI — 100·positive/(positive + negative) money flow over `period` bars, flow = TP·volume with
 * TP = (H+L+C)/3 signed by the change in TP (TA-Lib MFI, lookback period).
 */
export class Mfi {
  private readonly pos: Float64Array;
  private readonly neg: Float64Array;
  private idx = 0;
  private count = 0;
  private prevTp = NaN;
  private posSum = 0;
  private negSum = 0;
  value = NaN;

  constructor(readonly period: number) {
    this.pos = new Float64Array(period);
    this.neg = new Float64Array(period);
  }

  update(high: number, low: number, close: number, volume: number): number {
    const n = this.period;
    const t = this.count;
    let tp = (high + low + close) / 3.0;
    if (t === 0) {
      this.count = 1;
      this.prevTp = tp;
      return NaN;
    }
    const i = this.idx;
    if (t > n) {
      this.posSum -= this.pos[i]!;
      this.negSum -= this.neg[i]!;
    } else {
      this.count = t + 1;
    }
    const change = tp - this.prevTp;
    this.prevTp = tp;
    tp *= volume;
    if (change < 0) {
      this.neg[i] = tp;
      this.negSum += tp;
      this.pos[i] = 0.0;
    } else if (change > 0) {
      this.pos[i] = tp;
      this.posSum += tp;
      this.neg[i] = 0.0;
    } else {
      this.pos[i] = 0.0;
      this.neg[i] = 0.0;
    }
    this.idx = i + 1 === n ? 0 : i + 1;
    if (t < n) return NaN;
    const total = this.posSum + this.negSum;
    return (this.value = total > 0 ? 100.0 * (this.posSum / total) : MFI_FLAT);
  }
}

export function mfiBatch(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
  period: number,
): Float64Array {
  const m = new Mfi(period);
  const out = new Float64Array(close.length);
  for (let i = 0; i < close.length; i++) out[i] = m.update(high[i]!, low[i]!, close[i]!, volume[i]!);
  return out;
}

/** Chaikin A/D line — running Σ ((C−L)−(H−C))/(H−L)·volume, bars with H = L adding nothing (TA-Lib AD). */
export class ChaikinAd {
  value = 0;

  update(high: number, low: number, close: number, volume: number): number {
    const range = high - low;
    if (range > 0.0) this.value += ((close - low - (high - close)) / range) * volume;
    return this.value;
  }
}

export function chaikinAdBatch(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array): Float64Array {
  const len = close.length;
  const out = new Float64Array(len);
  let ad = 0;
  for (let i = 0; i < len; i++) {
    const h = high[i]!;
    const l = low[i]!;
    const c = close[i]!;
    const range = h - l;
    if (range > 0.0) ad += ((c - l - (h - c)) / range) * volume[i]!;
    out[i] = ad;
  }
  return out;
}

/**
 * CMF — Chaikin Money Flow: Σ money-flow volume / Σ volume over `period` bars, money-flow multiplier
 * ((C−L)−(H−C))/(H−L), 0 for H = L (Chaikin; lookback period−1). 0 when the window has no volume.
 */
export class Cmf {
  private readonly mfv: Float64Array;
  private readonly vol: Float64Array;
  private idx = 0;
  private count = 0;
  private sumMfv = 0;
  private sumVol = 0;
  value = NaN;

  constructor(readonly period: number) {
    this.mfv = new Float64Array(period);
    this.vol = new Float64Array(period);
  }

  update(high: number, low: number, close: number, volume: number): number {
    const range = high - low;
    const flow = range > 0.0 ? ((close - low - (high - close)) / range) * volume : 0.0;
    const i = this.idx;
    if (this.count >= this.period) {
      this.sumMfv -= this.mfv[i]!;
      this.sumVol -= this.vol[i]!;
    } else {
      this.count++;
    }
    this.mfv[i] = flow;
    this.vol[i] = volume;
    this.sumMfv += flow;
    this.sumVol += volume;
    this.idx = i + 1 === this.period ? 0 : i + 1;
    if (this.count < this.period) return NaN;
    return (this.value = this.sumVol > 0 ? this.sumMfv / this.sumVol : 0);
  }
}

/**
 * Session VWAP — Σ TP·volume / Σ volume since the session began, TP = (H+L+C)/3; a session is a
 * calendar day in UTC shifted by `utcOffsetMinutes` (bar times in epoch ms). NaN until the session trades.
 */
export class SessionVwap {
  private readonly offsetMs: number;
  private day = NaN;
  private pv = 0;
  private vol = 0;
  value = NaN;

  constructor(readonly utcOffsetMinutes = 0) {
    this.offsetMs = utcOffsetMinutes * 60_000;
  }

  update(time: number, high: number, low: number, close: number, volume: number): number {
    const day = Math.floor((time + this.offsetMs) / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.pv = 0;
      this.vol = 0;
    }
    this.pv += ((high + low + close) / 3.0) * volume;
    this.vol += volume;
    return (this.value = this.vol > 0 ? this.pv / this.vol : NaN);
  }
}
