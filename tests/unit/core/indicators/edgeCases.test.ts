// Edge cases for every indicator: flat prices, zero volume, a single bar, inputs shorter than the period,
// session boundaries for VWAP, and the documented values where a ratio has a zero denominator.

import { describe, expect, it } from 'vitest';
import { INDICATORS, getIndicator } from '../../../../src/core/indicators';
import type { IndicatorInput } from '../../../../src/core/indicators';
import { randomBars } from './helpers';

function flat(n: number, price: number, volume: number): IndicatorInput {
  const col = (v: number): Float64Array => new Float64Array(n).fill(v);
  const time = new Float64Array(n).map((_, i) => Date.UTC(2024, 2, 4, 14, 30) + i * 60_000);
  return { time, open: col(price), high: col(price), low: col(price), close: col(price), volume: col(volume), benchmark: col(50), eps: col(4) };
}

function run(id: string, input: IndicatorInput, params?: number[]): Float64Array[] {
  const def = getIndicator(id)!;
  return def.batch(input, params ?? def.params.map((p) => p.default));
}

/** Last value of each output. */
function last(id: string, input: IndicatorInput, params?: number[]): number[] {
  return run(id, input, params).map((c) => c[c.length - 1]!);
}

/** Indicators with no defined value on flat prices: a regression on a benchmark that never moves. */
const UNDEFINED_WHEN_FLAT = new Set(['beta', 'correl']);

describe('flat prices (high = low = close)', () => {
  const input = flat(300, 100.25, 1000);

  it.each(INDICATORS.map((d) => [d.id] as const))('%s: no NaN after warm-up unless undefined', (id) => {
    const def = getIndicator(id)!;
    const params = def.params.map((p) => p.default);
    const lookback = def.lookback(params);
    run(id, input, params).forEach((col, k) => {
      for (let i = lookback[k]!; i < col.length; i++) {
        if (UNDEFINED_WHEN_FLAT.has(id)) expect(col[i], `${id} ${def.outputs[k]}[${i}]`).toBeNaN();
        else expect(Number.isFinite(col[i]!), `${id} ${def.outputs[k]}[${i}] = ${col[i]}`).toBe(true);
      }
    });
  });

  it('takes the documented neutral values', () => {
    expect(last('rsi', input)).toEqual([50]);
    expect(last('stoch', input)).toEqual([50, 50]);
    expect(last('willr', input)).toEqual([-50]);
    expect(last('mfi', input)).toEqual([50]);
    expect(last('cci', input)).toEqual([0]);
    expect(last('bbands', input)).toEqual([100.25, 100.25, 100.25, 0.5, 0]);
    expect(last('stddev', input)).toEqual([0]);
    expect(last('zscore', input)).toEqual([0]);
    expect(last('rvol', input)).toEqual([0]);
    expect(last('atr', input)).toEqual([0]);
    expect(last('natr', input)).toEqual([0]);
    expect(last('adx', input)).toEqual([0, 0, 0]);
    expect(last('macd', input)).toEqual([0, 0, 0]);
    expect(last('roc', input)).toEqual([0]);
    expect(last('mom', input)).toEqual([0]);
    expect(last('kama', input)).toEqual([100.25]);
    expect(last('aroon', input)).toEqual([100, 100, 0]);
    expect(last('cmf', input)).toEqual([0]);
    expect(last('vwap', input)).toEqual([100.25]);
    expect(last('pe', input)).toEqual([100.25 / 4]);
  });

  it('a flat stretch after movement gives the flat values, not rounding noise', () => {
    const moving = randomBars(200, 3);
    const n = 400;
    const input2: IndicatorInput = {
      close: new Float64Array(n).map((_, i) => (i < 200 ? moving.close[i]! : 123.45)),
    };
    const [sd] = run('stddev', input2, [20, 1]);
    const [z] = run('zscore', input2, [20]);
    const [rsi] = run('rsi', input2, [14]);
    expect(sd![n - 1]).toBe(0);
    expect(z![n - 1]).toBe(0);
    // Wilder's averages decay geometrically but stay positive: RSI is defined by what is left of them.
    expect(rsi![n - 1]).toBeGreaterThanOrEqual(0);
    expect(rsi![n - 1]).toBeLessThanOrEqual(100);
  });
});

describe('zero volume', () => {
  const bars = randomBars(100, 8);
  const input: IndicatorInput = { ...bars, volume: new Float64Array(100) };

  it('volume indicators stay defined: MFI neutral, CMF 0, OBV and A/D flat; VWAP has no trades yet', () => {
    expect(last('mfi', input)).toEqual([50]);
    expect(last('cmf', input)).toEqual([0]);
    expect(Array.from(run('obv', input)[0]!).every((v) => v === 0)).toBe(true);
    expect(Array.from(run('ad', input)[0]!).every((v) => v === 0)).toBe(true);
    expect(run('vwap', input)[0]!.every((v) => Number.isNaN(v))).toBe(true);
  });

  it('VWAP ignores zero-volume bars once the session has traded', () => {
    const vol = new Float64Array(100);
    vol[0] = 500;
    const [v] = run('vwap', { ...bars, volume: vol });
    const tp0 = (bars.high[0]! + bars.low[0]! + bars.close[0]!) / 3;
    expect(v![0]).toBeCloseTo(tp0, 12);
    expect(v![99]).toBe(v![0]);
  });
});

describe('short inputs', () => {
  const one = randomBars(1, 1);
  const input: IndicatorInput = { ...one, benchmark: one.close, eps: new Float64Array([2]) };

  it.each(INDICATORS.map((d) => [d.id] as const))('%s: a single bar gives one row, defined only without warm-up', (id) => {
    const def = getIndicator(id)!;
    const params = def.params.map((p) => p.default);
    const lookback = def.lookback(params);
    run(id, input, params).forEach((col, k) => {
      expect(col.length).toBe(1);
      expect(Number.isNaN(col[0]!)).toBe(lookback[k]! > 0);
    });
  });

  it.each(INDICATORS.map((d) => [d.id] as const))('%s: shorter than the warm-up gives all NaN, and empty input gives empty output', (id) => {
    const def = getIndicator(id)!;
    const params = def.params.map((p) => p.default);
    const lookback = Math.min(...def.lookback(params));
    if (lookback === 0) return;
    const short = randomBars(lookback, 2);
    const outs = run(id, { ...short, benchmark: short.close, eps: short.close }, params);
    for (const col of outs) expect(col.every((v) => Number.isNaN(v))).toBe(true);
    const empty = randomBars(0, 2);
    for (const col of run(id, { ...empty, benchmark: empty.close, eps: empty.close }, params)) expect(col.length).toBe(0);
  });
});

describe('session VWAP', () => {
  // Two sessions of 1-minute bars with an overnight gap: 14:30–14:34 UTC on Monday and Tuesday.
  const times = [0, 1, 2, 3, 4].map((m) => Date.UTC(2024, 2, 4, 14, 30 + m));
  const time = new Float64Array([...times, ...times.map((t) => t + 86_400_000)]);
  const close = new Float64Array([10, 11, 12, 11, 10, 20, 21, 22, 23, 24]);
  const volume = new Float64Array([100, 200, 300, 400, 500, 10, 20, 30, 40, 50]);
  const input: IndicatorInput = { time, high: close, low: close, close, volume };

  function naive(from: number, to: number): number {
    let pv = 0;
    let v = 0;
    for (let i = from; i <= to; i++) {
      pv += close[i]! * volume[i]!;
      v += volume[i]!;
    }
    return pv / v;
  }

  it('accumulates within a session and resets at the day boundary', () => {
    const [v] = run('vwap', input, [0]);
    for (let i = 0; i < 5; i++) expect(v![i]).toBeCloseTo(naive(0, i), 12);
    expect(v![5]).toBe(20);
    for (let i = 5; i < 10; i++) expect(v![i]).toBeCloseTo(naive(5, i), 12);
  });

  it('moves the boundary with the UTC offset', () => {
    // UTC+9:28 puts local midnight at 14:32 UTC: Monday's session splits after its second bar.
    const [v] = run('vwap', input, [568]);
    expect(v![1]).toBeCloseTo(naive(0, 1), 12);
    expect(v![2]).toBe(12);
    expect(v![4]).toBeCloseTo(naive(2, 4), 12);
  });
});

describe('reference implementations for indicators TA-Lib lacks', () => {
  const bars = randomBars(400, 12);

  it('CMF is Σ money-flow volume / Σ volume over the window', () => {
    const n = 20;
    const [cmf] = run('cmf', bars, [n]);
    for (let i = n - 1; i < 400; i++) {
      let mfv = 0;
      let vol = 0;
      for (let j = i - n + 1; j <= i; j++) {
        const h = bars.high[j]!;
        const l = bars.low[j]!;
        const c = bars.close[j]!;
        mfv += (((c - l) - (h - c)) / (h - l)) * bars.volume[j]!;
        vol += bars.volume[j]!;
      }
      expect(cmf![i]).toBeCloseTo(mfv / vol, 10);
    }
  });

  it('P/E is close/EPS, NaN for missing or non-positive EPS', () => {
    const close = new Float64Array([10, 20, 30, 40]);
    const eps = new Float64Array([2, NaN, -1, 0.5]);
    const [pe] = run('pe', { close, eps });
    expect(Array.from(pe!)).toEqual([5, NaN, NaN, 80]);
  });
});
