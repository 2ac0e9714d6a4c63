// Trend indicators (ADX with ±DI, Aroon, Parabolic SAR, Ichimoku): streaming classes.

import { isZero, trueRange } from './numeric';
import { RollingMax } from './window';

/**
 * ADX — Wilder: ±DM and TR smoothed as S = S − S/period + x (first sum over period−1 bars),
 * ±DI = 100·DM/TR (from index period, TA-Lib PLUS_DI/MINUS_DI), DX = 100·|+DI − −DI|/(+DI + −DI),
 * ADX = mean of the first `period` DX then Wilder-smoothed (TA-Lib ADX, from index 2·period−1).
 * Where DX is undefined (no range, or no directional movement) ADX carries its previous value, as TA-Lib.
 */
export class Adx {
  private count = 0;
  private prevHigh = NaN;
  private prevLow = NaN;
  private prevClose = NaN;
  private plusDm = 0;
  private minusDm = 0;
  private tr = 0;
  private sumDx = 0;
  adx = NaN;
  plusDi = NaN;
  minusDi = NaN;

  constructor(readonly period: number) {}

  /** Returns ADX; `plusDi` and `minusDi` are updated alongside (they start earlier). */
  update(high: number, low: number, close: number): number {
    const n = this.period;
    const t = this.count;
    if (t === 0) {
      this.count = 1;
      this.prevHigh = high;
      this.prevLow = low;
      this.prevClose = close;
      return NaN;
    }
    const diffP = high - this.prevHigh;
    const diffM = this.prevLow - low;
    this.prevHigh = high;
    this.prevLow = low;
    const tr = trueRange(high, low, this.prevClose);
    this.prevClose = close;
    if (t < n) {
      this.count = t + 1;
      if (diffM > 0 && diffP < diffM) this.minusDm += diffM;
      else if (diffP > 0 && diffP > diffM) this.plusDm += diffP;
      this.tr += tr;
      return NaN;
    }
    let mdm = this.minusDm;
    let pdm = this.plusDm;
    mdm -= mdm / n;
    pdm -= pdm / n;
    if (diffM > 0 && diffP < diffM) mdm += diffM;
    else if (diffP > 0 && diffP > diffM) pdm += diffP;
    this.minusDm = mdm;
    this.plusDm = pdm;
    const str = this.tr - this.tr / n + tr;
    this.tr = str;
    let dx = NaN;
    if (!isZero(str)) {
      const minusDi = 100.0 * (mdm / str);
      const plusDi = 100.0 * (pdm / str);
      this.minusDi = minusDi;
      this.plusDi = plusDi;
      const sum = minusDi + plusDi;
      if (!isZero(sum)) dx = 100.0 * (Math.abs(minusDi - plusDi) / sum);
    } else {
      this.minusDi = 0;
      this.plusDi = 0;
    }
    const last = 2 * n - 1;
    if (t < last) {
      this.count = t + 1;
      if (dx === dx) this.sumDx += dx;
      return NaN;
    }
    if (t === last) {
      this.count = t + 1;
      if (dx === dx) this.sumDx += dx;
      this.adx = this.sumDx / n;
      return this.adx;
    }
    if (dx === dx) this.adx = (this.adx * (n - 1) + dx) / n;
    return this.adx;
  }
}

/**
 * Aroon — over the last period+1 bars: up = 100·(period − bars since the highest high)/period,
 * down likewise for the lowest low, oscillator = up − down; ties go to the most recent bar
 * (TA-Lib AROON / AROONOSC, lookback period).
 */
export class Aroon {
  private readonly hh: RollingMax;
  private readonly ll: RollingMax;
  private readonly factor: number;
  up = NaN;
  down = NaN;
  oscillator = NaN;

  constructor(readonly period: number) {
    this.hh = new RollingMax(period + 1);
    this.ll = new RollingMax(period + 1);
    this.factor = 100.0 / period;
  }

  /** Returns the oscillator; `up` and `down` are updated alongside. */
  update(high: number, low: number): number {
    this.hh.push(high);
    this.ll.push(-low);
    const t = this.hh.count - 1;
    if (t < this.period) return NaN;
    const hi = this.hh.index;
    const lo = this.ll.index;
    const n = this.period;
    this.up = this.factor * (n - (t - hi));
    this.down = this.factor * (n - (t - lo));
    this.oscillator = this.factor * (hi - lo);
    return this.oscillator;
  }
}

/**
 * Parabolic SAR — Wilder's stop and reverse with acceleration step and cap; the first trend is
 * short when bar 2's −DM is positive, as in TA-Lib SAR (lookback 1).
 */
export class ParabolicSar {
  private count = 0;
  private isLong = true;
  private af: number;
  private ep = NaN;
  private sar = NaN;
  private newHigh = NaN;
  private newLow = NaN;
  value = NaN;

  constructor(
    readonly acceleration: number,
    readonly maximum: number,
  ) {
    this.af = acceleration;
  }

  update(high: number, low: number): number {
    const t = this.count;
    if (t === 0) {
      this.count = 1;
      this.newHigh = high;
      this.newLow = low;
      return NaN;
    }
    if (t === 1) {
      this.count = 2;
      const diffP = high - this.newHigh;
      const diffM = this.newLow - low;
      this.isLong = !(diffM > 0 && diffP < diffM);
      if (this.isLong) {
        this.ep = high;
        this.sar = this.newLow;
      } else {
        this.ep = low;
        this.sar = this.newHigh;
      }
      this.newLow = low;
      this.newHigh = high;
    }
    const prevLow = this.newLow;
    const prevHigh = this.newHigh;
    const newLow = low;
    const newHigh = high;
    this.newLow = newLow;
    this.newHigh = newHigh;
    const accel = this.acceleration;
    const max = this.maximum;
    let sar = this.sar;
    let out: number;
    if (this.isLong) {
      if (newLow <= sar) {
        this.isLong = false;
        sar = this.ep;
        if (sar < prevHigh) sar = prevHigh;
        if (sar < newHigh) sar = newHigh;
        out = sar;
        this.af = accel;
        this.ep = newLow;
        sar = sar + this.af * (this.ep - sar);
        if (sar < prevHigh) sar = prevHigh;
        if (sar < newHigh) sar = newHigh;
      } else {
        out = sar;
        if (newHigh > this.ep) {
          this.ep = newHigh;
          this.af += accel;
          if (this.af > max) this.af = max;
        }
        sar = sar + this.af * (this.ep - sar);
        if (sar > prevLow) sar = prevLow;
        if (sar > newLow) sar = newLow;
      }
    } else if (newHigh >= sar) {
      this.isLong = true;
      sar = this.ep;
      if (sar > prevLow) sar = prevLow;
      if (sar > newLow) sar = newLow;
      out = sar;
      this.af = accel;
      this.ep = newHigh;
      sar = sar + this.af * (this.ep - sar);
      if (sar > prevLow) sar = prevLow;
      if (sar > newLow) sar = newLow;
    } else {
      out = sar;
      if (newLow < this.ep) {
        this.ep = newLow;
        this.af += accel;
        if (this.af > max) this.af = max;
      }
      sar = sar + this.af * (this.ep - sar);
      if (sar < prevHigh) sar = prevHigh;
      if (sar < newHigh) sar = newHigh;
    }
    this.sar = sar;
    return (this.value = out);
  }
}

/**
 * Ichimoku — tenkan = midpoint of the `tenkan`-bar high/low range, kijun likewise over `kijun` bars,
 * senkou A = (tenkan + kijun)/2 and senkou B = `senkou`-bar midpoint, both reported `displacement`
 * bars later: the cloud in force at the current bar (Hosoda; midpoints as TA-Lib MIDPRICE).
 */
export class Ichimoku {
  private readonly tHigh: RollingMax;
  private readonly tLow: RollingMax;
  private readonly kHigh: RollingMax;
  private readonly kLow: RollingMax;
  private readonly sHigh: RollingMax;
  private readonly sLow: RollingMax;
  private readonly spanA: Float64Array;
  private readonly spanB: Float64Array;
  private pos = 0;
  private count = 0;
  tenkan = NaN;
  kijun = NaN;
  senkouA = NaN;
  senkouB = NaN;

  constructor(
    readonly tenkanPeriod: number,
    readonly kijunPeriod: number,
    readonly senkouPeriod: number,
    readonly displacement: number,
  ) {
    this.tHigh = new RollingMax(tenkanPeriod);
    this.tLow = new RollingMax(tenkanPeriod);
    this.kHigh = new RollingMax(kijunPeriod);
    this.kLow = new RollingMax(kijunPeriod);
    this.sHigh = new RollingMax(senkouPeriod);
    this.sLow = new RollingMax(senkouPeriod);
    this.spanA = new Float64Array(displacement).fill(NaN);
    this.spanB = new Float64Array(displacement).fill(NaN);
  }

  /** Returns kijun; the other lines are updated alongside. */
  update(high: number, low: number): number {
    const t = this.count++;
    this.tHigh.push(high);
    this.tLow.push(-low);
    this.kHigh.push(high);
    this.kLow.push(-low);
    this.sHigh.push(high);
    this.sLow.push(-low);
    const tenkan = t >= this.tenkanPeriod - 1 ? (this.tHigh.value + -this.tLow.value) / 2.0 : NaN;
    const kijun = t >= this.kijunPeriod - 1 ? (this.kHigh.value + -this.kLow.value) / 2.0 : NaN;
    const spanB = t >= this.senkouPeriod - 1 ? (this.sHigh.value + -this.sLow.value) / 2.0 : NaN;
    const spanA = (tenkan + kijun) / 2.0;
    const p = this.pos;
    this.senkouA = this.spanA[p]!;
    this.senkouB = this.spanB[p]!;
    this.spanA[p] = spanA;
    this.spanB[p] = spanB;
    this.pos = p + 1 === this.displacement ? 0 : p + 1;
    this.tenkan = tenkan;
    this.kijun = kijun;
    return kijun;
  }
}
