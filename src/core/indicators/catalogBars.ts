// Registry entries for indicators of whole bars: high/low/close, volume and bar time.

import { column, period, real, streaming } from './indicatorDef';
import type { IndicatorDef } from './indicatorDef';
import type { IndicatorBar } from './types';
import { Cci, Stochastic, WilliamsR, cciBatch, stochasticBatch, williamsRBatch } from './oscillators';
import { Adx, Aroon, Ichimoku, ParabolicSar } from './trend';
import { Atr, Donchian, Keltner, Natr, atrBatch, natrBatch } from './volatility';
import { ChaikinAd, Cmf, Mfi, Obv, SessionVwap, chaikinAdBatch, mfiBatch, obvBatch } from './volume';

type HlcKernel = (h: Float64Array, l: Float64Array, c: Float64Array, n: number) => Float64Array;

/** A single-output indicator of high/low/close with one period parameter. */
function hlcIndicator(
  id: string,
  title: string,
  reference: string,
  talib: string,
  defaultPeriod: number,
  minPeriod: number,
  lookback: (n: number) => number,
  make: (n: number) => (v: Float64Array) => (b: IndicatorBar) => void,
  kernel: HlcKernel,
): IndicatorDef {
  return {
    id,
    title,
    reference,
    talib: [talib],
    inputs: 'hlc',
    params: [period('period', defaultPeriod, minPeriod)],
    outputs: [id],
    lookback: (p) => [lookback(p[0]!)],
    stream: (p) => streaming([id], make(p[0]!)),
    batch: (input, p) => [kernel(column(input, 'high'), column(input, 'low'), column(input, 'close'), p[0]!)],
  };
}

const atr = hlcIndicator('atr', 'Average true range', "Wilder's smoothing of true range (TA-Lib ATR)", 'ATR', 14, 1,
  (n) => n, (n) => { const i = new Atr(n); return (v) => (b) => void (v[0] = i.update(b.high, b.low, b.close)); }, atrBatch);
const natr = hlcIndicator('natr', 'Normalized ATR', '100·ATR/close (TA-Lib NATR)', 'NATR', 14, 1,
  (n) => n, (n) => { const i = new Natr(n); return (v) => (b) => void (v[0] = i.update(b.high, b.low, b.close)); }, natrBatch);
const cci = hlcIndicator('cci', 'Commodity channel index', '(TP − SMA)/(0.015·mean deviation) (TA-Lib CCI)', 'CCI', 20, 2,
  (n) => n - 1, (n) => { const i = new Cci(n); return (v) => (b) => void (v[0] = i.update(b.high, b.low, b.close)); }, cciBatch);
const willr = hlcIndicator('willr', 'Williams %R', '−100·(HH − close)/(HH − LL) (TA-Lib WILLR); −50 on a flat range', 'WILLR', 14, 2,
  (n) => n - 1, (n) => { const i = new WilliamsR(n); return (v) => (b) => void (v[0] = i.update(b.high, b.low, b.close)); }, williamsRBatch);

const adx: IndicatorDef = {
  id: 'adx',
  title: 'Average directional index',
  reference: "Wilder's ADX with +DI/−DI (TA-Lib ADX, PLUS_DI, MINUS_DI)",
  talib: ['ADX', 'PLUS_DI', 'MINUS_DI'],
  inputs: 'hlc',
  params: [period('period', 14)],
  outputs: ['adx', 'plus_di', 'minus_di'],
  lookback: (p) => [2 * p[0]! - 1, p[0]!, p[0]!],
  stream: (p) => {
    const a = new Adx(p[0]!);
    return streaming(adx.outputs, (v) => (b) => {
      v[0] = a.update(b.high, b.low, b.close);
      v[1] = a.plusDi;
      v[2] = a.minusDi;
    });
  },
  batch: (input, p) => {
    const [h, l, c] = [column(input, 'high'), column(input, 'low'), column(input, 'close')];
    const a = new Adx(p[0]!);
    const outs = [new Float64Array(c.length), new Float64Array(c.length), new Float64Array(c.length)] as const;
    for (let i = 0; i < c.length; i++) {
      outs[0][i] = a.update(h[i]!, l[i]!, c[i]!);
      outs[1][i] = a.plusDi;
      outs[2][i] = a.minusDi;
    }
    return [...outs];
  },
};

const stoch: IndicatorDef = {
  id: 'stoch',
  title: 'Stochastic oscillator',
  reference: 'slow %K = SMA of fast %K, %D = SMA of slow %K (TA-Lib STOCH, SMA); 50 on a flat range',
  talib: ['STOCH'],
  inputs: 'hlc',
  params: [period('fast_k', 14, 1, 'bars for the high/low range'), period('slow_k', 3, 1, 'smoothing of %K'), period('slow_d', 3, 1, 'smoothing for %D')],
  outputs: ['k', 'd'],
  lookback: (p) => {
    const l = p[0]! - 1 + (p[1]! - 1) + (p[2]! - 1);
    return [l, l];
  },
  stream: (p) => {
    const s = new Stochastic(p[0]!, p[1]!, p[2]!);
    return streaming(stoch.outputs, (v) => (b) => {
      s.update(b.high, b.low, b.close);
      v[0] = s.k;
      v[1] = s.d;
    });
  },
  batch: (input, p) => {
    const r = stochasticBatch(column(input, 'high'), column(input, 'low'), column(input, 'close'), p[0]!, p[1]!, p[2]!);
    return [r.k, r.d];
  },
};

const obv: IndicatorDef = {
  id: 'obv',
  title: 'On-balance volume',
  reference: '± volume on up/down closes, from the first bar’s volume (TA-Lib OBV)',
  talib: ['OBV'],
  inputs: 'cv',
  params: [],
  outputs: ['obv'],
  lookback: () => [0],
  stream: () => {
    const o = new Obv();
    return streaming(['obv'], (v) => (b) => {
      v[0] = o.update(b.close, b.volume);
    });
  },
  batch: (input) => [obvBatch(column(input, 'close'), column(input, 'volume'))],
};

const mfi: IndicatorDef = {
  id: 'mfi',
  title: 'Money flow index',
  reference: 'volume-weighted RSI of typical price (TA-Lib MFI); 50 with no money flow',
  talib: ['MFI'],
  inputs: 'hlcv',
  params: [period('period', 14)],
  outputs: ['mfi'],
  lookback: (p) => [p[0]!],
  stream: (p) => {
    const m = new Mfi(p[0]!);
    return streaming(['mfi'], (v) => (b) => {
      v[0] = m.update(b.high, b.low, b.close, b.volume);
    });
  },
  batch: (input, p) => [mfiBatch(column(input, 'high'), column(input, 'low'), column(input, 'close'), column(input, 'volume'), p[0]!)],
};

const vwap: IndicatorDef = {
  id: 'vwap',
  title: 'Session VWAP',
  reference: 'Σ TP·volume / Σ volume since the session (UTC day + offset) began',
  inputs: 'thlcv',
  params: [{ name: 'utc_offset_minutes', default: 0, min: -720, max: 840, integer: true, description: 'session day boundary, minutes from UTC midnight' }],
  outputs: ['vwap'],
  lookback: () => [0],
  stream: (p) => {
    const w = new SessionVwap(p[0]!);
    return streaming(['vwap'], (v) => (b) => {
      v[0] = w.update(b.time, b.high, b.low, b.close, b.volume);
    });
  },
  batch: (input, p) => {
    const [t, h, l, c, vol] = [column(input, 'time'), column(input, 'high'), column(input, 'low'), column(input, 'close'), column(input, 'volume')];
    const w = new SessionVwap(p[0]!);
    const out = new Float64Array(c.length);
    for (let i = 0; i < c.length; i++) out[i] = w.update(t[i]!, h[i]!, l[i]!, c[i]!, vol[i]!);
    return [out];
  },
};

const ad: IndicatorDef = {
  id: 'ad',
  title: 'Chaikin accumulation/distribution',
  reference: 'running Σ money-flow multiplier × volume (TA-Lib AD)',
  talib: ['AD'],
  inputs: 'hlcv',
  params: [],
  outputs: ['ad'],
  lookback: () => [0],
  stream: () => {
    const a = new ChaikinAd();
    return streaming(['ad'], (v) => (b) => {
      v[0] = a.update(b.high, b.low, b.close, b.volume);
    });
  },
  batch: (input) => [chaikinAdBatch(column(input, 'high'), column(input, 'low'), column(input, 'close'), column(input, 'volume'))],
};

const cmf: IndicatorDef = {
  id: 'cmf',
  title: 'Chaikin money flow',
  reference: 'Σ money-flow volume / Σ volume over n bars; 0 with no volume',
  inputs: 'hlcv',
  params: [period('period', 20, 1)],
  outputs: ['cmf'],
  lookback: (p) => [p[0]! - 1],
  stream: (p) => {
    const c = new Cmf(p[0]!);
    return streaming(['cmf'], (v) => (b) => {
      v[0] = c.update(b.high, b.low, b.close, b.volume);
    });
  },
  batch: (input, p) => {
    const [h, l, c, vol] = [column(input, 'high'), column(input, 'low'), column(input, 'close'), column(input, 'volume')];
    const m = new Cmf(p[0]!);
    const out = new Float64Array(c.length);
    for (let i = 0; i < c.length; i++) out[i] = m.update(h[i]!, l[i]!, c[i]!, vol[i]!);
    return [out];
  },
};

const aroon: IndicatorDef = {
  id: 'aroon',
  title: 'Aroon',
  reference: 'bars since the n-bar high/low, scaled to 0..100; osc = up − down (TA-Lib AROON, AROONOSC)',
  talib: ['AROON', 'AROONOSC'],
  inputs: 'hl',
  params: [period('period', 25)],
  outputs: ['up', 'down', 'osc'],
  lookback: (p) => [p[0]!, p[0]!, p[0]!],
  stream: (p) => {
    const a = new Aroon(p[0]!);
    return streaming(aroon.outputs, (v) => (b) => {
      a.update(b.high, b.low);
      v[0] = a.up;
      v[1] = a.down;
      v[2] = a.oscillator;
    });
  },
  batch: (input, p) => {
    const [h, l] = [column(input, 'high'), column(input, 'low')];
    const a = new Aroon(p[0]!);
    const outs = [new Float64Array(h.length), new Float64Array(h.length), new Float64Array(h.length)] as const;
    for (let i = 0; i < h.length; i++) {
      a.update(h[i]!, l[i]!);
      outs[0][i] = a.up;
      outs[1][i] = a.down;
      outs[2][i] = a.oscillator;
    }
    return [...outs];
  },
};

const donchian: IndicatorDef = {
  id: 'donchian',
  title: 'Donchian channels',
  reference: 'highest high / lowest low of n bars and their midpoint (TA-Lib MAX, MIN)',
  talib: ['MAX', 'MIN'],
  inputs: 'hl',
  params: [period('period', 20, 1)],
  outputs: ['upper', 'lower', 'middle'],
  lookback: (p) => [p[0]! - 1, p[0]! - 1, p[0]! - 1],
  stream: (p) => {
    const d = new Donchian(p[0]!);
    return streaming(donchian.outputs, (v) => (b) => {
      d.update(b.high, b.low);
      v[0] = d.upper;
      v[1] = d.lower;
      v[2] = d.middle;
    });
  },
  batch: (input, p) => {
    const [h, l] = [column(input, 'high'), column(input, 'low')];
    const d = new Donchian(p[0]!);
    const outs = [new Float64Array(h.length), new Float64Array(h.length), new Float64Array(h.length)] as const;
    for (let i = 0; i < h.length; i++) {
      d.update(h[i]!, l[i]!);
      outs[0][i] = d.upper;
      outs[1][i] = d.lower;
      outs[2][i] = d.middle;
    }
    return [...outs];
  },
};

const keltner: IndicatorDef = {
  id: 'keltner',
  title: 'Keltner channels',
  reference: 'EMA(n) ± multiplier·ATR(atr_period) (Raschke; TA-Lib EMA, ATR)',
  talib: ['EMA', 'ATR'],
  inputs: 'hlc',
  params: [period('period', 20), period('atr_period', 10, 1), real('multiplier', 2, 0.1, 10, 'ATRs for the bands')],
  outputs: ['middle', 'upper', 'lower'],
  lookback: (p) => Array<number>(3).fill(Math.max(p[0]! - 1, p[1]!)),
  stream: (p) => {
    const k = new Keltner(p[0]!, p[1]!, p[2]!);
    return streaming(keltner.outputs, (v) => (b) => {
      k.update(b.high, b.low, b.close);
      v[0] = k.middle;
      v[1] = k.upper;
      v[2] = k.lower;
    });
  },
  batch: (input, p) => {
    const [h, l, c] = [column(input, 'high'), column(input, 'low'), column(input, 'close')];
    const k = new Keltner(p[0]!, p[1]!, p[2]!);
    const outs = [new Float64Array(c.length), new Float64Array(c.length), new Float64Array(c.length)] as const;
    for (let i = 0; i < c.length; i++) {
      k.update(h[i]!, l[i]!, c[i]!);
      outs[0][i] = k.middle;
      outs[1][i] = k.upper;
      outs[2][i] = k.lower;
    }
    return [...outs];
  },
};

const sar: IndicatorDef = {
  id: 'sar',
  title: 'Parabolic SAR',
  reference: "Wilder's stop and reverse (TA-Lib SAR)",
  talib: ['SAR'],
  inputs: 'hl',
  params: [real('acceleration', 0.02, 0.0001, 1, 'acceleration step'), real('maximum', 0.2, 0.0001, 1, 'acceleration cap')],
  outputs: ['sar'],
  check: (p) => (p[0]! <= p[1]! ? undefined : { param: 'acceleration', reason: 'must not exceed maximum' }),
  lookback: () => [1],
  stream: (p) => {
    const s = new ParabolicSar(p[0]!, p[1]!);
    return streaming(['sar'], (v) => (b) => {
      v[0] = s.update(b.high, b.low);
    });
  },
  batch: (input, p) => {
    const [h, l] = [column(input, 'high'), column(input, 'low')];
    const s = new ParabolicSar(p[0]!, p[1]!);
    const out = new Float64Array(h.length);
    for (let i = 0; i < h.length; i++) out[i] = s.update(h[i]!, l[i]!);
    return [out];
  },
};

const ichimoku: IndicatorDef = {
  id: 'ichimoku',
  title: 'Ichimoku cloud',
  reference: 'tenkan/kijun midpoints; senkou A/B shown displacement bars later (Hosoda; TA-Lib MIDPRICE)',
  talib: ['MIDPRICE'],
  inputs: 'hl',
  params: [period('tenkan', 9, 1), period('kijun', 26, 1), period('senkou', 52, 1), period('displacement', 26, 1, 'bars the spans are shifted forward')],
  outputs: ['tenkan', 'kijun', 'senkou_a', 'senkou_b'],
  lookback: (p) => [p[0]! - 1, p[1]! - 1, Math.max(p[0]!, p[1]!) - 1 + p[3]!, p[2]! - 1 + p[3]!],
  stream: (p) => {
    const ich = new Ichimoku(p[0]!, p[1]!, p[2]!, p[3]!);
    return streaming(ichimoku.outputs, (v) => (b) => {
      ich.update(b.high, b.low);
      v[0] = ich.tenkan;
      v[1] = ich.kijun;
      v[2] = ich.senkouA;
      v[3] = ich.senkouB;
    });
  },
  batch: (input, p) => {
    const [h, l] = [column(input, 'high'), column(input, 'low')];
    const ich = new Ichimoku(p[0]!, p[1]!, p[2]!, p[3]!);
    const outs = [new Float64Array(h.length), new Float64Array(h.length), new Float64Array(h.length), new Float64Array(h.length)] as const;
    for (let i = 0; i < h.length; i++) {
      ich.update(h[i]!, l[i]!);
      outs[0][i] = ich.tenkan;
      outs[1][i] = ich.kijun;
      outs[2][i] = ich.senkouA;
      outs[3][i] = ich.senkouB;
    }
    return [...outs];
  },
};

export const BAR_INDICATORS: readonly IndicatorDef[] = [
  atr, natr, adx, cci, stoch, willr, obv, mfi, vwap, ad, cmf, aroon, donchian, keltner, sar, ichimoku,
];
