// Test helpers for the indicators: seeded random-walk bars, a TA-Lib wrapper and a relative comparison.

import { createRequire } from 'node:module';
import { expect } from 'vitest';
import { SeededRandom } from '../../../../src/core/model';

export interface Bars {
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/** Geometric random walk OHLCV, 1-minute bars from 2024-01-02 UTC, volume 1,000..100,000. */
export function randomBars(n: number, seed: number, start = 100): Bars {
  const rnd = new SeededRandom(seed);
  const b: Bars = {
    time: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  let price = start;
  for (let i = 0; i < n; i++) {
    const open = price;
    const close = open * Math.exp(0.01 * rnd.normal());
    const high = Math.max(open, close) * (1 + 0.004 * Math.abs(rnd.normal()));
    const low = Math.min(open, close) * (1 - 0.004 * Math.abs(rnd.normal()));
    b.time[i] = Date.UTC(2024, 0, 2) + i * 60_000;
    b.open[i] = open;
    b.high[i] = high;
    b.low[i] = low;
    b.close[i] = close;
    b.volume[i] = rnd.int(1_000, 100_000);
    price = close;
  }
  return b;
}

interface TalibResult {
  begIndex: number;
  nbElement: number;
  result: Record<string, number[]>;
}

interface Talib {
  execute(params: Record<string, unknown>): TalibResult;
}

const requireCjs = createRequire(import.meta.url);
export const talib = requireCjs('talib') as Talib;

/**
 * Calls TA-Lib and returns each output NaN-padded to the input length. Inputs go in as plain arrays:
 * node-talib casts its inputs to v8::Array, and a Float64Array there is undefined behaviour.
 */
export function ta(name: string, inputs: Record<string, Float64Array>, options: Record<string, number> = {}): Record<string, Float64Array> {
  const plain: Record<string, number[]> = {};
  let n = 0;
  for (const [k, v] of Object.entries(inputs)) {
    plain[k] = Array.from(v);
    n = v.length;
  }
  const r = talib.execute({ name, startIdx: 0, endIdx: n - 1, ...plain, ...options });
  const out: Record<string, Float64Array> = {};
  for (const [k, values] of Object.entries(r.result)) {
    const full = new Float64Array(n).fill(NaN);
    for (let i = 0; i < r.nbElement; i++) full[r.begIndex + i] = values[i]!;
    out[k] = full;
  }
  return out;
}

export const REL_TOL = 1e-9;

/** Same NaN positions (the warm-up), and every value equal to `tol` relative. */
export function expectClose(ours: Float64Array, theirs: Float64Array, label: string, tol = REL_TOL): void {
  expect(ours.length, `${label}: length`).toBe(theirs.length);
  const leadOurs = leadingNaNs(ours);
  const leadTheirs = leadingNaNs(theirs);
  expect(leadOurs, `${label}: warm-up length`).toBe(leadTheirs);
  expect(leadOurs, `${label}: has values`).toBeLessThan(ours.length);
  let worst = 0;
  let worstAt = -1;
  for (let i = 0; i < ours.length; i++) {
    const a = ours[i]!;
    const b = theirs[i]!;
    if (Number.isNaN(a) || Number.isNaN(b)) {
      expect(Number.isNaN(a) && Number.isNaN(b), `${label}: NaN mismatch at ${i} (${a} vs ${b})`).toBe(true);
      continue;
    }
    const scale = Math.max(Math.abs(a), Math.abs(b));
    const rel = scale === 0 ? 0 : Math.abs(a - b) / scale;
    if (rel > worst) {
      worst = rel;
      worstAt = i;
    }
  }
  expect(worst, `${label}: worst relative error at ${worstAt}: ${ours[worstAt]} vs ${theirs[worstAt]}`).toBeLessThanOrEqual(tol);
}

export function leadingNaNs(a: Float64Array): number {
  let i = 0;
  while (i < a.length && Number.isNaN(a[i]!)) i++;
  return i;
}
