// The O(1) rolling trend (slope, R², residual) and pair (covariance, correlation) kernels against exact two-pass
// window formulas on real data: the four EuStockMarkets indices over 1,860 days (many re-references of the running
// sums), the same raised to a level near 1e6 (cancellation), and with a constant stretch and a gap of NaN inserted.
import { describe, expect, it } from 'vitest';
import { tsCorr, tsCov, tsTrend } from '../../../../src/core/factors';
import { euStocksPanel } from './panelFixtures';

const panel = euStocksPanel();
const T = panel.times.length;
const close = panel.columns.get('close')!;
const series = (s: number) => close.slice(s * T, (s + 1) * T);

/** DAX with 80 equal closes from day 300 (a halted market) and NaN on days 900–904. */
function withStretches(x: Float64Array): Float64Array {
  const y = x.slice();
  y.fill(y[300]!, 300, 380);
  y.fill(NaN, 900, 905);
  return y;
}

const mean = (w: number[]) => w.reduce((a, b) => a + b, 0) / w.length;

/** Exact per window: NaN unless the window is full and finite in every input. */
function exact(inputs: Float64Array[], n: number, f: (ws: number[][]) => number): Float64Array {
  return Float64Array.from(inputs[0]!, (_, t) => {
    if (t < n - 1) return NaN;
    const ws = inputs.map((x) => Array.from(x.subarray(t - n + 1, t + 1)));
    return ws.every((w) => w.every(Number.isFinite)) ? f(ws) : NaN;
  });
}

function expectClose(ours: Float64Array, theirs: Float64Array, label: string): void {
  for (let i = 0; i < theirs.length; i++) {
    const b = theirs[i]!;
    const a = ours[i]!;
    if (Number.isNaN(b) !== Number.isNaN(a) || Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(b))) expect.fail(`${label}[${i}]: ours ${a}, exact ${b}`);
  }
}

const centred = (w: number[]) => w.map((v) => v - mean(w));
/** A window of one repeated value: its variance is exactly zero (a two-pass mean can round and leave dust). */
const constant = (w: number[]) => w.every((v) => v === w[0]);
const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);

describe('running trend and pair kernels on real data', () => {
  const cases: [string, Float64Array, Float64Array][] = [
    ['DAX vs SMI', series(0), series(1)],
    ['CAC + 1e6 vs FTSE + 1e6', series(2).map((v) => v + 1e6), series(3).map((v) => v + 1e6)],
    ['DAX with a constant stretch and a gap vs FTSE', withStretches(series(0)), series(3)],
  ];
  for (const [label, x, y] of cases) {
    it.each([2, 5, 20, 60])(`${label}, window %i`, (n) => {
      const run = (fn: (out: Float64Array) => void) => {
        const out = new Float64Array(T);
        fn(out);
        return out;
      };
      const k = Array.from({ length: n }, (_, i) => i - (n - 1) / 2);
      const skk = dot(k, k);
      expectClose(run((o) => tsTrend(x, n, 'slope', o)), exact([x], n, ([w]) => dot(k, centred(w!)) / skk), `${label} slope`);
      expectClose(run((o) => tsTrend(x, n, 'rsquare', o)), exact([x], n, ([w]) => {
        const c = centred(w!);
        const sxx = dot(c, c);
        return sxx > 0 && !constant(w!) ? dot(k, c) ** 2 / (skk * sxx) : NaN;
      }), `${label} rsquare`);
      expectClose(run((o) => tsTrend(x, n, 'residual', o)), exact([x], n, ([w]) => w![n - 1]! - (mean(w!) + (dot(k, centred(w!)) / skk) * ((n - 1) / 2))), `${label} residual`);
      expectClose(run((o) => tsCov(x, y, n, o)), exact([x, y], n, ([a, b]) => dot(centred(a!), centred(b!)) / (n - 1)), `${label} cov`);
      expectClose(run((o) => tsCorr(x, y, n, o)), exact([x, y], n, ([a, b]) => {
        const [ca, cb] = [centred(a!), centred(b!)];
        return !constant(a!) && !constant(b!) && dot(ca, ca) > 0 && dot(cb, cb) > 0 ? dot(ca, cb) / Math.sqrt(dot(ca, ca) * dot(cb, cb)) : NaN;
      }), `${label} corr`);
    });
  }

  it('a constant window has R² and correlation NaN, slope and covariance exactly 0', () => {
    const x = withStretches(series(0));
    const out = new Float64Array(T);
    tsTrend(x, 20, 'rsquare', out);
    expect(out[379]).toBeNaN();
    tsTrend(x, 20, 'slope', out);
    expect(out[379]).toBe(0);
    tsCorr(x, series(3), 20, out);
    expect(out[379]).toBeNaN();
    tsCov(x, series(3), 20, out);
    expect(out[379]).toBe(0);
  });
});
