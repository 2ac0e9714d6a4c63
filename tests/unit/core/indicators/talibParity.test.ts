// Every indicator TA-Lib has, against the `talib` package (TA-Lib C): same warm-up, values equal to 1e-9 relative.

import { describe, expect, it } from 'vitest';
import { getIndicator } from '../../../../src/core/indicators';
import type { IndicatorInput } from '../../../../src/core/indicators';
import { expectClose, randomBars, ta } from './helpers';

const N = 3000;
const bars = randomBars(N, 20240102);
const benchBars = randomBars(N, 777, 50);
const input: IndicatorInput = { ...bars, benchmark: benchBars.close };
const hl = { high: bars.high, low: bars.low };
const hlc = { high: bars.high, low: bars.low, close: bars.close };
const hlcv = { ...hlc, volume: bars.volume };
const close = { inReal: bars.close };

function ours(id: string, params: number[]): Float64Array[] {
  const def = getIndicator(id);
  if (!def) throw new Error(`no ${id}`);
  return def.batch(input, params);
}

interface Case {
  id: string;
  params: number[];
  fn: string;
  inputs: Record<string, Float64Array>;
  options: Record<string, number>;
  /** TA-Lib output key for each of our outputs compared (by output index). */
  outputs: Record<number, string>;
}

const single = (id: string, params: number[], fn: string, inputs: Record<string, Float64Array>, options: Record<string, number>): Case => ({
  id,
  params,
  fn,
  inputs,
  options,
  outputs: { 0: 'outReal' },
});

const cases: Case[] = [
  ...[2, 5, 20, 200].map((n) => single('sma', [n], 'SMA', close, { optInTimePeriod: n })),
  ...[2, 10, 30].map((n) => single('ema', [n], 'EMA', close, { optInTimePeriod: n })),
  ...[2, 14, 50].map((n) => single('wma', [n], 'WMA', close, { optInTimePeriod: n })),
  ...[2, 10, 30].map((n) => single('dema', [n], 'DEMA', close, { optInTimePeriod: n })),
  ...[2, 10, 30].map((n) => single('tema', [n], 'TEMA', close, { optInTimePeriod: n })),
  ...[2, 10, 30].map((n) => single('kama', [n], 'KAMA', close, { optInTimePeriod: n })),
  ...[2, 14, 50].map((n) => single('rsi', [n], 'RSI', close, { optInTimePeriod: n })),
  ...[1, 10].map((n) => single('roc', [n], 'ROC', close, { optInTimePeriod: n })),
  ...[1, 10].map((n) => single('mom', [n], 'MOM', close, { optInTimePeriod: n })),
  // TA-Lib's E[x²]−E[x]² is itself off by more than 1e-9 on windows shorter than ~10 closes near 100
  // (statistics.test.ts measures both against an exact two-pass σ), so parity is checked from 10 up.
  ...[10, 20, 50].map((n) => single('stddev', [n, 1], 'STDDEV', close, { optInTimePeriod: n, optInNbDev: 1 })),
  single('stddev', [10, 2.5], 'STDDEV', close, { optInTimePeriod: 10, optInNbDev: 2.5 }),
  ...[1, 14, 30].map((n) => single('atr', [n], 'ATR', hlc, { optInTimePeriod: n })),
  // TA-Lib's NATR(1) returns the raw true range (not normalized); ours is 100·TR/close, checked below.
  ...[2, 14].map((n) => single('natr', [n], 'NATR', hlc, { optInTimePeriod: n })),
  ...[2, 20].map((n) => single('cci', [n], 'CCI', hlc, { optInTimePeriod: n })),
  ...[2, 14].map((n) => single('willr', [n], 'WILLR', hlc, { optInTimePeriod: n })),
  single('obv', [], 'OBV', { inReal: bars.close, volume: bars.volume }, {}),
  ...[2, 14].map((n) => single('mfi', [n], 'MFI', hlcv, { optInTimePeriod: n })),
  single('ad', [], 'AD', hlcv, {}),
  single('sar', [0.02, 0.2], 'SAR', hl, { optInAcceleration: 0.02, optInMaximum: 0.2 }),
  single('sar', [0.05, 0.3], 'SAR', hl, { optInAcceleration: 0.05, optInMaximum: 0.3 }),
  ...[5, 20].map((n) => single('beta', [n], 'BETA', { inReal0: benchBars.close, inReal1: bars.close }, { optInTimePeriod: n })),
  ...[12, 26].flatMap((fast): Case[] =>
    [
      [fast, 26, 9],
      [fast, 40, 2],
    ]
      .filter(([f, s]) => f! < s!)
      .map((p): Case => ({
        id: 'macd',
        params: p,
        fn: 'MACD',
        inputs: close,
        options: { optInFastPeriod: p[0]!, optInSlowPeriod: p[1]!, optInSignalPeriod: p[2]! },
        outputs: { 0: 'outMACD', 1: 'outMACDSignal', 2: 'outMACDHist' },
      })),
  ),
  ...[
    [20, 2],
    [5, 1],
    [50, 2.5],
  ].map((p): Case => ({
    id: 'bbands',
    params: p,
    fn: 'BBANDS',
    inputs: close,
    options: { optInTimePeriod: p[0]!, optInNbDevUp: p[1]!, optInNbDevDn: p[1]!, optInMAType: 0 },
    outputs: { 0: 'outRealMiddleBand', 1: 'outRealUpperBand', 2: 'outRealLowerBand' },
  })),
  ...[2, 14, 30].flatMap((n): Case[] => [
    { id: 'adx', params: [n], fn: 'ADX', inputs: hlc, options: { optInTimePeriod: n }, outputs: { 0: 'outReal' } },
    { id: 'adx', params: [n], fn: 'PLUS_DI', inputs: hlc, options: { optInTimePeriod: n }, outputs: { 1: 'outReal' } },
    { id: 'adx', params: [n], fn: 'MINUS_DI', inputs: hlc, options: { optInTimePeriod: n }, outputs: { 2: 'outReal' } },
  ]),
  ...[
    [5, 3, 3],
    [14, 3, 3],
    [14, 1, 1],
    [9, 5, 2],
  ].map((p): Case => ({
    id: 'stoch',
    params: p,
    fn: 'STOCH',
    inputs: hlc,
    options: { optInFastK_Period: p[0]!, optInSlowK_Period: p[1]!, optInSlowK_MAType: 0, optInSlowD_Period: p[2]!, optInSlowD_MAType: 0 },
    outputs: { 0: 'outSlowK', 1: 'outSlowD' },
  })),
  ...[2, 14, 25].flatMap((n): Case[] => [
    { id: 'aroon', params: [n], fn: 'AROON', inputs: hl, options: { optInTimePeriod: n }, outputs: { 0: 'outAroonUp', 1: 'outAroonDown' } },
    { id: 'aroon', params: [n], fn: 'AROONOSC', inputs: hl, options: { optInTimePeriod: n }, outputs: { 2: 'outReal' } },
  ]),
  ...[2, 20].flatMap((n): Case[] => [
    { id: 'donchian', params: [n], fn: 'MAX', inputs: { inReal: bars.high }, options: { optInTimePeriod: n }, outputs: { 0: 'outReal' } },
    { id: 'donchian', params: [n], fn: 'MIN', inputs: { inReal: bars.low }, options: { optInTimePeriod: n }, outputs: { 1: 'outReal' } },
    { id: 'donchian', params: [n], fn: 'MIDPRICE', inputs: hl, options: { optInTimePeriod: n }, outputs: { 2: 'outReal' } },
  ]),
  { id: 'ichimoku', params: [9, 26, 52, 26], fn: 'MIDPRICE', inputs: hl, options: { optInTimePeriod: 9 }, outputs: { 0: 'outReal' } },
  { id: 'ichimoku', params: [9, 26, 52, 26], fn: 'MIDPRICE', inputs: hl, options: { optInTimePeriod: 26 }, outputs: { 1: 'outReal' } },
];

describe('indicators match TA-Lib (talib npm package, TA-Lib C)', () => {
  it.each(cases.map((c) => [`${c.id}(${c.params.join(',')}) vs ${c.fn}`, c] as const))('%s', (_label, c) => {
    const mine = ours(c.id, c.params);
    const theirs = ta(c.fn, c.inputs, c.options);
    for (const [index, key] of Object.entries(c.outputs)) {
      const t = theirs[key];
      expect(t, `TA-Lib output ${key}`).toBeDefined();
      expectClose(mine[Number(index)]!, t!, `${c.id} output ${getIndicator(c.id)!.outputs[Number(index)]}`);
    }
  });

  it('the registry warm-up (lookback) equals TA-Lib’s NaN count for each compared output', () => {
    for (const c of cases) {
      const theirs = ta(c.fn, c.inputs, c.options);
      const lookback = getIndicator(c.id)!.lookback(c.params);
      for (const [index, key] of Object.entries(c.outputs)) {
        const t = theirs[key]!;
        let lead = 0;
        while (Number.isNaN(t[lead]!)) lead++;
        expect(lookback[Number(index)], `${c.id}(${c.params.join(',')}) ${key}`).toBe(lead);
      }
    }
  });
});

describe('composite indicators match compositions of TA-Lib functions', () => {
  it('ichimoku senkou spans are MIDPRICE lines shifted forward by the displacement', () => {
    const [tenkan, kijun, spanA, spanB] = ours('ichimoku', [9, 26, 52, 26]);
    const midB = ta('MIDPRICE', hl, { optInTimePeriod: 52 }).outReal!;
    const d = 26;
    const shiftedA = new Float64Array(N).fill(NaN);
    const shiftedB = new Float64Array(N).fill(NaN);
    for (let i = d; i < N; i++) {
      shiftedA[i] = (tenkan![i - d]! + kijun![i - d]!) / 2;
      shiftedB[i] = midB[i - d]!;
    }
    expectClose(spanA!, shiftedA, 'senkou_a');
    expectClose(spanB!, shiftedB, 'senkou_b');
  });

  it('keltner is EMA ± multiplier·ATR', () => {
    const [mid, upper, lower] = ours('keltner', [20, 10, 2]);
    const e = ta('EMA', close, { optInTimePeriod: 20 }).outReal!;
    const a = ta('ATR', hlc, { optInTimePeriod: 10 }).outReal!;
    const up = e.map((v, i) => v + 2 * a[i]!);
    const lo = e.map((v, i) => v - 2 * a[i]!);
    expectClose(mid!, e.map((v, i) => (Number.isNaN(a[i]!) ? NaN : v)), 'middle');
    expectClose(upper!, up, 'upper');
    expectClose(lower!, lo, 'lower');
  });

  it('bollinger %b and width are computed from the bands (which match TA-Lib above)', () => {
    // Not TA-Lib outputs: %b subtracts nearly equal numbers near a band, so it is checked against our
    // own bands exactly rather than against TA-Lib's bands through that cancellation.
    const [m, u, l, pb, width] = ours('bbands', [20, 2]);
    expect(Array.from(pb!)).toEqual(Array.from(bars.close.map((c, i) => (c - l![i]!) / (u![i]! - l![i]!))));
    expect(Array.from(width!)).toEqual(Array.from(u!.map((v, i) => (v - l![i]!) / m![i]!)));
  });

  it('natr(1) is 100·TRANGE/close', () => {
    const [natr] = ours('natr', [1]);
    const tr = ta('TRANGE', hlc).outReal!;
    expectClose(natr!, tr.map((v, i) => (v / bars.close[i]!) * 100), 'natr(1)');
  });

  it('z-score is (close − SMA)/STDDEV', () => {
    const [z] = ours('zscore', [20]);
    const m = ta('SMA', close, { optInTimePeriod: 20 }).outReal!;
    const s = ta('STDDEV', close, { optInTimePeriod: 20, optInNbDev: 1 }).outReal!;
    expectClose(z!, bars.close.map((c, i) => (c - m[i]!) / s[i]!), 'zscore');
  });

  it('correlation is CORREL of the ROCP(1) return series', () => {
    for (const n of [5, 20]) {
      const [r] = ours('correl', [n]);
      const ra = ta('ROCP', close, { optInTimePeriod: 1 }).outReal!.subarray(1);
      const rb = ta('ROCP', { inReal: benchBars.close }, { optInTimePeriod: 1 }).outReal!.subarray(1);
      const c = ta('CORREL', { inReal0: ra, inReal1: rb }, { optInTimePeriod: n }).outReal!;
      const aligned = new Float64Array(N).fill(NaN);
      aligned.set(c, 1);
      expectClose(r!, aligned, `correl(${n})`);
    }
  });

  it('realized volatility is STDDEV of log returns × √(n/(n−1)) × √252', () => {
    const n = 20;
    const [rv] = ours('rvol', [n, 252]);
    const logr = new Float64Array(N - 1);
    for (let i = 1; i < N; i++) logr[i - 1] = Math.log(bars.close[i]! / bars.close[i - 1]!);
    const s = ta('STDDEV', { inReal: logr }, { optInTimePeriod: n, optInNbDev: 1 }).outReal!;
    const expected = new Float64Array(N).fill(NaN);
    for (let i = 0; i < s.length; i++) expected[i + 1] = s[i]! * Math.sqrt(n / (n - 1)) * Math.sqrt(252);
    expectClose(rv!, expected, 'rvol');
  });
});
