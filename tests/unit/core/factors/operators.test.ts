// Each operator against its reference formula computed the slow, obvious way, window by window.
import { describe, expect, it } from 'vitest';
import { csNeutralize, csRank, csWinsorize, csZscore, OPERATORS, tsArgmax, tsArgmin, tsCorr, tsCov, tsDecayLinear, tsDelay, tsDelta, tsMax, tsMean, tsMin, tsQuantile, tsRank, tsStd, tsSum, tsTrend } from '../../../../src/core/factors';

/** A deterministic series with ties (rounded values) and a gap of NaN in the middle. */
function series(length: number, seed: number): Float64Array {
  let state = seed;
  const next = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const x = new Float64Array(length);
  let level = 100;
  for (let i = 0; i < length; i++) {
    level *= 1 + (next() - 0.5) * 0.04;
    x[i] = Math.round(level * 4) / 4;
  }
  x[40] = NaN;
  return x;
}

const mean = (w: number[]) => w.reduce((a, b) => a + b, 0) / w.length;
const sampleVar = (w: number[]) => w.reduce((a, b) => a + (b - mean(w)) ** 2, 0) / (w.length - 1);

/** Applies `reference` to each full finite window; NaN elsewhere. */
function windowed(x: Float64Array, n: number, reference: (w: number[], t: number) => number): Float64Array {
  return Float64Array.from(x, (_, t) => {
    if (t < n - 1) return NaN;
    const w = Array.from(x.subarray(t - n + 1, t + 1));
    return w.every(Number.isFinite) ? reference(w, t) : NaN;
  });
}

function expectSame(ours: Float64Array, theirs: Float64Array, label: string): void {
  expect(ours.length).toBe(theirs.length);
  for (let i = 0; i < ours.length; i++) {
    const a = ours[i]!;
    const b = theirs[i]!;
    if (Number.isNaN(b)) expect(a, `${label}[${i}]`).toBeNaN();
    else expect(Math.abs(a - b), `${label}[${i}]: ${a} vs ${b}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
  }
}

const run = (fn: (x: Float64Array, n: number, out: Float64Array) => void, x: Float64Array, n: number) => {
  const out = new Float64Array(x.length);
  fn(x, n, out);
  return out;
};

describe('time-series operators against their reference formulas', () => {
  const x = series(400, 7);
  const y = series(400, 11);
  for (const n of [1, 2, 5, 20, 60]) {
    it(`window ${n}`, () => {
      expectSame(run(tsDelay, x, n), Float64Array.from(x, (_, t) => (t >= n ? x[t - n]! : NaN)), 'delay');
      expectSame(run(tsDelta, x, n), Float64Array.from(x, (v, t) => (t >= n ? v - x[t - n]! : NaN)), 'delta');
      expectSame(run(tsSum, x, n), windowed(x, n, (w) => w.reduce((a, b) => a + b, 0)), 'sum');
      expectSame(run(tsMean, x, n), windowed(x, n, mean), 'mean');
      expectSame(run(tsMax, x, n), windowed(x, n, (w) => Math.max(...w)), 'max');
      expectSame(run(tsMin, x, n), windowed(x, n, (w) => Math.min(...w)), 'min');
      expectSame(run(tsArgmax, x, n), windowed(x, n, (w) => w.length - 1 - w.indexOf(Math.max(...w))), 'argmax');
      expectSame(run(tsArgmin, x, n), windowed(x, n, (w) => w.length - 1 - w.indexOf(Math.min(...w))), 'argmin');
      expectSame(run(tsRank, x, n), windowed(x, n, (w) => (w.filter((v) => v < w[n - 1]!).length + (w.filter((v) => v === w[n - 1]!).length + 1) / 2) / n), 'rank');
      expectSame(run(tsDecayLinear, x, n), windowed(x, n, (w) => w.reduce((a, v, k) => a + (k + 1) * v, 0) / ((n * (n + 1)) / 2)), 'decay');
      for (const q of [0, 0.2, 0.5, 0.8, 1]) {
        const out = new Float64Array(x.length);
        tsQuantile(x, n, q, out);
        expectSame(out, windowed(x, n, (w) => {
          const s = [...w].sort((a, b) => a - b);
          const at = q * (n - 1);
          const lo = Math.floor(at);
          return lo + 1 < n ? s[lo]! + (s[lo + 1]! - s[lo]!) * (at - lo) : s[lo]!;
        }), `quantile ${q}`);
      }
      if (n < 2) return;
      expectSame(run(tsStd, x, n), windowed(x, n, (w) => Math.sqrt(sampleVar(w))), 'std');
      const pair = (fn: typeof tsCorr) => {
        const out = new Float64Array(x.length);
        fn(x, y, n, out);
        return out;
      };
      const cov = (t: number) => {
        const a = Array.from(x.subarray(t - n + 1, t + 1));
        const b = Array.from(y.subarray(t - n + 1, t + 1));
        return a.reduce((s, v, k) => s + (v - mean(a)) * (b[k]! - mean(b)), 0) / (n - 1);
      };
      const both = (fn: (t: number) => number) => Float64Array.from(x, (_, t) => (t < n - 1 || [...x.subarray(t - n + 1, t + 1), ...y.subarray(t - n + 1, t + 1)].some((v) => !Number.isFinite(v)) ? NaN : fn(t)));
      expectSame(pair(tsCov), both(cov), 'cov');
      expectSame(pair(tsCorr), both((t) => {
        const a = Array.from(x.subarray(t - n + 1, t + 1));
        const b = Array.from(y.subarray(t - n + 1, t + 1));
        return sampleVar(a) > 0 && sampleVar(b) > 0 ? cov(t) / Math.sqrt(sampleVar(a) * sampleVar(b)) : NaN;
      }), 'corr');
      // The line through (k, w_k): slope = cov(k, w) / var(k), intercept at the means; R² = corr².
      const fit = (w: number[]) => {
        const k = w.map((_, i) => i);
        const slope = w.reduce((s, v, i) => s + (i - mean(k)) * (v - mean(w)), 0) / k.reduce((s, i) => s + (i - mean(k)) ** 2, 0);
        return { slope, intercept: mean(w) - slope * mean(k) };
      };
      const trend = (part: 'slope' | 'rsquare' | 'residual') => {
        const out = new Float64Array(x.length);
        tsTrend(x, n, part, out);
        return out;
      };
      expectSame(trend('slope'), windowed(x, n, (w) => fit(w).slope), 'slope');
      expectSame(trend('residual'), windowed(x, n, (w) => w[n - 1]! - (fit(w).intercept + fit(w).slope * (n - 1))), 'residual');
      expectSame(trend('rsquare'), windowed(x, n, (w) => {
        const { slope, intercept } = fit(w);
        const ssRes = w.reduce((s, v, i) => s + (v - intercept - slope * i) ** 2, 0);
        const ssTot = w.reduce((s, v) => s + (v - mean(w)) ** 2, 0);
        return ssTot > 0 ? 1 - ssRes / ssTot : NaN;
      }), 'rsquare');
    });
  }

  it('running sums stay exact over long series (they are resynchronized)', () => {
    const long = Float64Array.from({ length: 20_000 }, (_, i) => 1e6 + Math.sin(i) * 3 + (i % 7) * 1e-3);
    const ours = run(tsStd, long, 20);
    const theirs = windowed(long, 20, (w) => Math.sqrt(sampleVar(w)));
    for (let i = 19; i < long.length; i += 997) expect(Math.abs(ours[i]! - theirs[i]!) / theirs[i]!).toBeLessThan(1e-6);
  });
});

describe('cross-sectional operators', () => {
  // 5 symbols × 3 dates, symbol-major; date 1 has ties, date 2 a NaN.
  const dates = 3;
  const x = Float64Array.from([1, 2, 5, 3, 2, NaN, 2, 2, 4, 5, 1, 1, 4, 9, 3]);
  const at = (col: Float64Array, s: number, t: number) => col[s * dates + t]!;

  it('rank: average ranks for ties, scaled 0–1, NaN stays NaN', () => {
    const out = new Float64Array(x.length);
    csRank(x, dates, out);
    // Date 1: values 2, 2, 2, 1, 9 → ranks 3, 3, 3, 1, 5 → (r − 1) / 4.
    expect([0, 1, 2, 3, 4].map((s) => at(out, s, 1))).toEqual([0.5, 0.5, 0.5, 0, 1]);
    // Date 2: values 5, NaN, 4, 1, 3 → ranks among 4: 4, –, 3, 1, 2 → (r − 1) / 3.
    expect(at(out, 1, 2)).toBeNaN();
    expect([0, 2, 3, 4].map((s) => at(out, s, 2))).toEqual([1, 2 / 3, 0, 1 / 3]);
  });

  it('zscore and winsorize use the sample standard deviation of each date', () => {
    const z = new Float64Array(x.length);
    csZscore(x, dates, z);
    const d0 = [1, 3, 2, 5, 4];
    const m = 3;
    const sd = Math.sqrt(d0.reduce((s, v) => s + (v - m) ** 2, 0) / 4);
    d0.forEach((v, s) => expect(at(z, s, 0)).toBeCloseTo((v - m) / sd, 12));
    const w = new Float64Array(x.length);
    csWinsorize(x, dates, 1, w);
    d0.forEach((v, s) => expect(at(w, s, 0)).toBeCloseTo(Math.min(m + sd, Math.max(m - sd, v)), 12));
  });

  it('neutralize subtracts the group mean; a symbol with no group gets NaN', () => {
    const group = Int32Array.from([0, 0, 1, 1, -1]);
    const out = new Float64Array(x.length);
    csNeutralize(x, dates, group, out);
    expect(at(out, 0, 0)).toBeCloseTo(1 - 2, 12);
    expect(at(out, 1, 0)).toBeCloseTo(3 - 2, 12);
    expect(at(out, 2, 0)).toBeCloseTo(2 - 3.5, 12);
    expect(at(out, 4, 0)).toBeNaN();
    // Date 2: symbol 1 is NaN, so group 0's mean is symbol 0 alone.
    expect(at(out, 0, 2)).toBe(0);
  });

  it('element-wise operators handle NaN and domain edges', () => {
    const apply = (name: string, a: number, b = NaN, c = NaN) => {
      const op = OPERATORS[name]!;
      if (op.family !== 'element') throw new Error(name);
      return op.apply(a, b, c);
    };
    expect(apply('log', 0)).toBeNaN();
    expect(apply('sqrt', -1)).toBeNaN();
    expect(apply('max', 1, NaN)).toBeNaN();
    expect(apply('if', 0, 1, 2)).toBe(2);
    expect(apply('if', NaN, 1, 2)).toBeNaN();
    expect(apply('sign', -3)).toBe(-1);
    expect(apply('pow', 2, 10)).toBe(1024);
  });
});
