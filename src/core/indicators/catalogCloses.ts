// Registry entries for indicators of closes (and of closes against a benchmark or an EPS series).

import { column, period, real, streaming } from './indicatorDef';
import type { IndicatorDef } from './indicatorDef';
import type { IndicatorBar } from './types';
import { Macd, Momentum, Roc, Rsi, macdBatch, momentumBatch, rocBatch, rsiBatch } from './momentum';
import { Dema, Ema, Kama, Sma, Tema, Wma, demaBatch, emaBatch, kamaBatch, smaBatch, temaBatch, wmaBatch } from './movingAverages';
import { PriceEarnings } from './fundamentals';
import {
  RealizedVolatility,
  RollingBeta,
  RollingCorrelation,
  StdDev,
  ZScore,
  realizedVolatilityBatch,
  rollingBetaBatch,
  rollingCorrelationBatch,
  stdDevBatch,
  zScoreBatch,
} from './statistics';
import { Bollinger, bollingerBatch } from './volatility';

/** Per indicator, a step written at its own call site (so each stays monomorphic in V8). */
type StepMaker = (n: number) => (v: Float64Array) => (b: IndicatorBar) => void;

/** A single-output indicator of closes with one period parameter. */
function closeIndicator(
  id: string,
  title: string,
  reference: string,
  talib: readonly string[],
  defaultPeriod: number,
  lookback: (n: number) => number,
  make: StepMaker,
  batch: (x: Float64Array, n: number) => Float64Array,
  minPeriod = 2,
): IndicatorDef {
  return {
    id,
    title,
    reference,
    talib,
    inputs: 'close',
    params: [period('period', defaultPeriod, minPeriod)],
    outputs: [id],
    lookback: (p) => [lookback(p[0]!)],
    stream: (p) => streaming([id], make(p[0]!)),
    batch: (input, p) => [batch(column(input, 'close'), p[0]!)],
  };
}

const sma = closeIndicator('sma', 'Simple moving average', 'mean of the last n closes (TA-Lib SMA)', ['SMA'], 20,
  (n) => n - 1, (n) => { const i = new Sma(n); return (v) => (b) => void (v[0] = i.update(b.close)); }, smaBatch);
const ema = closeIndicator('ema', 'Exponential moving average', 'k = 2/(n+1), SMA seed (TA-Lib EMA)', ['EMA'], 20,
  (n) => n - 1, (n) => { const i = new Ema(n); return (v) => (b) => void (v[0] = i.update(b.close)); }, emaBatch);
const wma = closeIndicator('wma', 'Weighted moving average', 'linear weights 1..n, newest heaviest (TA-Lib WMA)', ['WMA'], 20,
  (n) => n - 1, (n) => { const i = new Wma(n); return (v) => (b) => void (v[0] = i.update(b.close)); }, wmaBatch);
const dema = closeIndicator('dema', 'Double EMA', '2·EMA − EMA(EMA) (TA-Lib DEMA)', ['DEMA'], 20,
  (n) => 2 * (n - 1), (n) => { const i = new Dema(n); return (v) => (b) => void (v[0] = i.update(b.close)); }, demaBatch);
const tema = closeIndicator('tema', 'Triple EMA', '3·EMA − 3·EMA² + EMA³ (TA-Lib TEMA)', ['TEMA'], 20,
  (n) => 3 * (n - 1), (n) => { const i = new Tema(n); return (v) => (b) => void (v[0] = i.update(b.close)); }, temaBatch);
const kama = closeIndicator('kama', 'Kaufman adaptive MA', 'efficiency-ratio smoothing, fast 2 / slow 30 (TA-Lib KAMA)', ['KAMA'], 10,
  (n) => n, (n) => { const i = new Kama(n); return (v) => (b) => void (v[0] = i.update(b.close)); }, kamaBatch);
const rsi = closeIndicator('rsi', 'Relative strength index', "Wilder's smoothing of gains and losses (TA-Lib RSI); 50 on flat prices", ['RSI'], 14,
  (n) => n, (n) => { const i = new Rsi(n); return (v) => (b) => void (v[0] = i.update(b.close)); }, rsiBatch);
const roc = closeIndicator('roc', 'Rate of change', '100·(close/close[n ago] − 1) (TA-Lib ROC)', ['ROC'], 10,
  (n) => n, (n) => { const i = new Roc(n); return (v) => (b) => void (v[0] = i.update(b.close)); }, rocBatch, 1);
const mom = closeIndicator('mom', 'Momentum', 'close − close[n ago] (TA-Lib MOM)', ['MOM'], 10,
  (n) => n, (n) => { const i = new Momentum(n); return (v) => (b) => void (v[0] = i.update(b.close)); }, momentumBatch, 1);
const zscore = closeIndicator('zscore', 'Z-score', '(close − mean)/σ over n closes, population σ; 0 when σ = 0', ['SMA', 'STDDEV'], 20,
  (n) => n - 1, (n) => { const i = new ZScore(n); return (v) => (b) => void (v[0] = i.update(b.close)); }, zScoreBatch);

const macd: IndicatorDef = {
  id: 'macd',
  title: 'Moving average convergence/divergence',
  reference: 'EMA(fast) − EMA(slow), signal EMA, histogram (TA-Lib MACD seeding)',
  talib: ['MACD'],
  inputs: 'close',
  params: [period('fast', 12, 2, 'fast EMA period'), period('slow', 26, 2, 'slow EMA period'), period('signal', 9, 2, 'signal EMA period')],
  outputs: ['macd', 'signal', 'hist'],
  check: (p) => (p[0]! < p[1]! ? undefined : { param: 'fast', reason: 'must be less than slow' }),
  lookback: (p) => {
    const l = p[1]! - 1 + (p[2]! - 1);
    return [l, l, l];
  },
  stream: (p) => {
    const m = new Macd(p[0]!, p[1]!, p[2]!);
    return streaming(macd.outputs, (v) => (b) => {
      m.update(b.close);
      v[0] = m.macd;
      v[1] = m.signal;
      v[2] = m.histogram;
    });
  },
  batch: (input, p) => {
    const r = macdBatch(column(input, 'close'), p[0]!, p[1]!, p[2]!);
    return [r.macd, r.signal, r.histogram];
  },
};

const bbands: IndicatorDef = {
  id: 'bbands',
  title: 'Bollinger Bands',
  reference: 'SMA ± k·σ (population), %b, width (TA-Lib BBANDS, SMA)',
  talib: ['BBANDS'],
  inputs: 'close',
  params: [period('period', 20), real('k', 2, 0.1, 10, 'standard deviations for the bands')],
  outputs: ['middle', 'upper', 'lower', 'percent_b', 'width'],
  lookback: (p) => Array<number>(5).fill(p[0]! - 1),
  stream: (p) => {
    const bb = new Bollinger(p[0]!, p[1]!);
    return streaming(bbands.outputs, (v) => (b) => {
      bb.update(b.close);
      v[0] = bb.middle;
      v[1] = bb.upper;
      v[2] = bb.lower;
      v[3] = bb.percentB;
      v[4] = bb.width;
    });
  },
  batch: (input, p) => {
    const r = bollingerBatch(column(input, 'close'), p[0]!, p[1]!);
    return [r.middle, r.upper, r.lower, r.percentB, r.width];
  },
};

const stddev: IndicatorDef = {
  id: 'stddev',
  title: 'Standard deviation',
  reference: 'population σ of the last n closes × nbdev (TA-Lib STDDEV)',
  talib: ['STDDEV'],
  inputs: 'close',
  params: [period('period', 20), real('nbdev', 1, 0.01, 100, 'multiplier')],
  outputs: ['stddev'],
  lookback: (p) => [p[0]! - 1],
  stream: (p) => {
    const s = new StdDev(p[0]!, p[1]!);
    return streaming(['stddev'], (v) => (b) => {
      v[0] = s.update(b.close);
    });
  },
  batch: (input, p) => [stdDevBatch(column(input, 'close'), p[0]!, p[1]!)],
};

const rvol: IndicatorDef = {
  id: 'rvol',
  title: 'Realized volatility',
  reference: 'sample σ of n log returns × √(periods per year)',
  inputs: 'close',
  params: [period('period', 20), real('periods_per_year', 252, 1, 1_000_000, 'bars per year for annualizing')],
  outputs: ['rvol'],
  lookback: (p) => [p[0]!],
  stream: (p) => {
    const r = new RealizedVolatility(p[0]!, p[1]!);
    return streaming(['rvol'], (v) => (b) => {
      v[0] = r.update(b.close);
    });
  },
  batch: (input, p) => [realizedVolatilityBatch(column(input, 'close'), p[0]!, p[1]!)],
};

const beta: IndicatorDef = {
  id: 'beta',
  title: 'Rolling beta',
  reference: 'cov/var of n simple returns against the benchmark (TA-Lib BETA, benchmark first)',
  talib: ['BETA'],
  inputs: 'benchmark',
  params: [period('period', 20)],
  outputs: ['beta'],
  lookback: (p) => [p[0]!],
  stream: (p) => {
    const r = new RollingBeta(p[0]!);
    return streaming(['beta'], (v) => (b) => {
      v[0] = r.update(b.close, b.benchmark);
    });
  },
  batch: (input, p) => [rollingBetaBatch(column(input, 'close'), column(input, 'benchmark'), p[0]!)],
};

const correl: IndicatorDef = {
  id: 'correl',
  title: 'Rolling correlation',
  reference: 'Pearson r of n simple returns with the benchmark (TA-Lib CORREL of ROCP)',
  talib: ['CORREL', 'ROCP'],
  inputs: 'benchmark',
  params: [period('period', 20)],
  outputs: ['correl'],
  lookback: (p) => [p[0]!],
  stream: (p) => {
    const r = new RollingCorrelation(p[0]!);
    return streaming(['correl'], (v) => (b) => {
      v[0] = r.update(b.close, b.benchmark);
    });
  },
  batch: (input, p) => [rollingCorrelationBatch(column(input, 'close'), column(input, 'benchmark'), p[0]!)],
};

const pe: IndicatorDef = {
  id: 'pe',
  title: 'Price/earnings',
  reference: 'close / trailing EPS; NaN when EPS ≤ 0 or missing',
  inputs: 'eps',
  params: [],
  outputs: ['pe'],
  lookback: () => [0],
  stream: () => {
    const r = new PriceEarnings();
    return streaming(['pe'], (v) => (b) => {
      v[0] = r.update(b.close, b.eps);
    });
  },
  batch: (input) => {
    const [c, e] = [column(input, 'close'), column(input, 'eps')];
    const r = new PriceEarnings();
    return [c.map((x, i) => r.update(x, e[i]!))];
  },
};

export const CLOSE_INDICATORS: readonly IndicatorDef[] = [
  sma, ema, wma, dema, tema, kama, rsi, macd, bbands, roc, mom, stddev, zscore, rvol, beta, correl, pe,
];
