// VaR/ES math: a hand-computed historical sample, closed forms under normal returns, components summing to totals, Monte Carlo vs parametric.
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../src/core/model/clock';
import {
  alignCloses,
  bookVar,
  choleskyLower,
  historicalVar,
  monteCarloVar,
  returnMoments,
  normalPdf,
  normalQuantile,
  parametricVar,
  returnWindow,
  sampleCovariance,
  valueBook,
  type ReturnWindow,
  type VarFigures,
} from '../../../../src/core/risk';
import { EU_INSTRUMENTS, euBook, euFx, euStockCloses } from './euStocks';

const windowOf = (rows: Record<string, number[]>): ReturnWindow => {
  const symbols = Object.keys(rows);
  const days = rows[symbols[0]!]!.length;
  return { symbols, days, times: Float64Array.from({ length: days }, (_, t) => t), returns: Float64Array.from(symbols.flatMap((s) => rows[s]!)) };
};
const sum = (x: Float64Array): number => x.reduce((a, b) => a + b, 0);

function euFigures(methods: ('historical' | 'parametric' | 'monteCarlo')[], window = 500, seed = 7, paths = 10_000): VarFigures[] {
  const closes = euStockCloses();
  const book = valueBook(euBook(closes), EU_INSTRUMENTS, euFx());
  const aligned = alignCloses(closes);
  if (!book.ok || !aligned.ok) throw new Error('fixture');
  const w = returnWindow(aligned.value, window, closes);
  if (!w.ok) throw new Error('window');
  const r = bookVar(book.value, w.value, { confidences: [0.95, 0.99], methods, monteCarlo: { paths, random: new SeededRandom(seed) } });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return [...r.value.figures];
}

describe('historical VaR/ES by hand', () => {
  // values 1000 and −500; P&L by day: 0, −25, 35, −30, 5 (sorted −30, −25, 0, 5, 35)
  const w = windowOf({ A: [0.01, -0.02, 0.03, -0.04, 0.005], B: [0.02, 0.01, -0.01, -0.02, 0] });
  const values = Float64Array.of(1000, -500);

  it('95%: h = 4 × 0.05 = 0.2 between −30 and −25 → VaR 29; ES = −mean{−30} = 30; components 36 and −7, 40 and −10', () => {
    const [f] = historicalVar(values, w, [0.95]);
    expect(f!.var).toBeCloseTo(29, 12);
    expect(f!.es).toBeCloseTo(30, 12);
    expect(Array.from(f!.componentVar)).toEqual([expect.closeTo(36, 12), expect.closeTo(-7, 12)]);
    expect(Array.from(f!.componentEs)).toEqual([expect.closeTo(40, 12), expect.closeTo(-10, 12)]);
    expect(Array.from(f!.marginalVar)).toEqual([expect.closeTo(0.036, 14), expect.closeTo(0.014, 14)]);
  });

  it('60%: h = 1.6 between −25 and 0 → VaR 10; the tail {−30, −25} gives ES 27.5', () => {
    const [f] = historicalVar(values, w, [0.6]);
    expect(f!.var).toBeCloseTo(10, 12);
    expect(f!.es).toBeCloseTo(27.5, 12);
    expect(sum(f!.componentVar)).toBeCloseTo(10, 12);
    expect(sum(f!.componentEs)).toBeCloseTo(27.5, 12);
  });

  it('returns come from aligned closes: a date one symbol lacks is dropped for all', () => {
    const aligned = alignCloses([
      { symbol: 'A', time: Float64Array.of(1, 2, 3, 4), close: Float64Array.of(100, 110, 99, 99) },
      { symbol: 'B', time: Float64Array.of(1, 3, 4), close: Float64Array.of(50, 40, 44) },
    ]);
    if (!aligned.ok) throw new Error('align');
    expect(Array.from(aligned.value.times)).toEqual([1, 3, 4]);
    const r = returnWindow(aligned.value, 2);
    if (!r.ok) throw new Error('window');
    expect(Array.from(r.value.returns)).toEqual([expect.closeTo(-0.01, 15), 0, expect.closeTo(-0.2, 15), expect.closeTo(0.1, 15)]);
    expect(returnWindow(aligned.value, 3)).toEqual({ ok: false, error: { code: 'INSUFFICIENT_HISTORY', symbol: 'A,B', available: 3, required: 4 } });
    expect(alignCloses([{ symbol: 'A', time: Float64Array.of(1, 3, 2), close: Float64Array.of(1, 1, 1) }])).toEqual({ ok: false, error: { code: 'UNSORTED_TIMES', symbol: 'A', index: 2 } });
    expect(alignCloses([{ symbol: 'A', time: Float64Array.of(1, 2), close: Float64Array.of(1, 0) }])).toEqual({ ok: false, error: { code: 'BAD_CLOSE', symbol: 'A', index: 1, value: 0 } });
  });
});

describe('parametric VaR/ES closed forms', () => {
  it('one asset with returns ±a: σ = |v|·a·√(4/3) (N − 1 denominator), VaR = zσ, ES = σφ(z)/(1 − c)', () => {
    const a = 0.02;
    const r = parametricVar(Float64Array.of(-2000), windowOf({ X: [a, -a, a, -a] }), [0.95, 0.99]);
    if (!r.ok) throw new Error('parametric');
    const sigma = 2000 * a * Math.sqrt(4 / 3);
    expect(r.value[0]!.var).toBeCloseTo(1.6448536269514722 * sigma, 10);
    expect(r.value[1]!.var).toBeCloseTo(2.3263478740408408 * sigma, 10);
    // Standard normal ES constants: 2.062712807 at 95%, 2.665214220 at 99%.
    expect(r.value[0]!.es / sigma).toBeCloseTo(2.062712807, 8);
    expect(r.value[1]!.es / sigma).toBeCloseTo(2.66521422, 8);
    expect(r.value[0]!.componentVar[0]).toBeCloseTo(r.value[0]!.var, 10);
  });

  it('the normal quantile and density match scipy to 1e-15', () => {
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514722, 14);
    expect(normalQuantile(0.99)).toBeCloseTo(2.3263478740408408, 14);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 12);
    expect(normalPdf(0)).toBeCloseTo(0.3989422804014327, 15);
  });

  it('historical VaR/ES of 200,000 normal daily returns converge to zσ and σφ(z)/(1 − c) within 4 standard errors', () => {
    const random = new SeededRandom(2024);
    const sigma = 0.01;
    const n = 200_000;
    const w = windowOf({ X: Array.from({ length: n }, () => sigma * random.normal()) });
    const [f95, f99] = historicalVar(Float64Array.of(1), w, [0.95, 0.99]);
    for (const [f, c] of [[f95!, 0.95], [f99!, 0.99]] as const) {
      const p = 1 - c;
      const z = normalQuantile(c);
      const seVar = (Math.sqrt((p * (1 - p)) / n) / normalPdf(z)) * sigma;
      const es = (normalPdf(z) / p) * sigma;
      const tailSecondMoment = 1 + (z * normalPdf(z)) / p; // E[X² | X > z]
      const seEs = Math.sqrt((tailSecondMoment - (es / sigma) ** 2 + p * (es / sigma - z) ** 2) / (n * p)) * sigma;
      expect(Math.abs(f.var - z * sigma)).toBeLessThan(4 * seVar);
      expect(Math.abs(f.es - es)).toBeLessThan(4 * seEs);
    }
  });

  it('a volatility override scales the symbol σ and keeps the sample correlations (against w\'DSDw done naively)', () => {
    const closes = euStockCloses();
    const book = valueBook(euBook(closes), EU_INSTRUMENTS, euFx());
    const aligned = alignCloses(closes);
    if (!book.ok || !aligned.ok) throw new Error('fixture');
    const w = returnWindow(aligned.value, 500);
    if (!w.ok) throw new Error('window');
    const values = book.value.values;
    const base = parametricVar(values, w.value, [0.99]);
    const override = { DAX: 0.03, FTSE: 0.004 };
    const over = parametricVar(values, w.value, [0.99], override);
    if (!base.ok || !over.ok) throw new Error('parametric');
    const n = 4;
    const days = w.value.days;
    const col = (i: number): number[] => Array.from(w.value.returns.subarray(i * days, (i + 1) * days));
    const cols = [0, 1, 2, 3].map(col);
    const means = cols.map((c) => c.reduce((a, b) => a + b, 0) / days);
    const cov = (i: number, j: number): number => cols[i]!.reduce((s, x, t) => s + (x - means[i]!) * (cols[j]![t]! - means[j]!), 0) / (days - 1);
    const scale = w.value.symbols.map((s, i) => ((override as Record<string, number>)[s] ?? Math.sqrt(cov(i, i))) / Math.sqrt(cov(i, i)));
    let variance = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) variance += values[i]! * values[j]! * cov(i, j) * scale[i]! * scale[j]!;
    expect(over.value[0]!.var / (normalQuantile(0.99) * Math.sqrt(variance)) - 1).toBeLessThan(1e-12);
    expect(Math.abs(over.value[0]!.var - base.value[0]!.var)).toBeGreaterThan(1);
    expect(sum(over.value[0]!.componentVar) / over.value[0]!.var).toBeCloseTo(1, 12);
    expect(parametricVar(values, w.value, [0.99], { DAX: -1 })).toEqual({ ok: false, error: { code: 'BAD_VOLATILITY_OVERRIDE', symbol: 'DAX', value: -1 } });
  });
});

describe('components sum to the total for every method', () => {
  it('historical, parametric and Monte Carlo, VaR and ES, at 95% and 99% on the EuStockMarkets book', () => {
    const figures = euFigures(['historical', 'parametric', 'monteCarlo']);
    expect(figures.map((f) => `${f.method} ${f.confidence}`)).toEqual(['historical 0.95', 'historical 0.99', 'parametric 0.95', 'parametric 0.99', 'monteCarlo 0.95', 'monteCarlo 0.99']);
    for (const f of figures) {
      expect(Math.abs(sum(f.componentVar) - f.var) / f.var, `${f.method} ${f.confidence} VaR`).toBeLessThan(1e-10);
      expect(Math.abs(sum(f.componentEs) - f.es) / f.es, `${f.method} ${f.confidence} ES`).toBeLessThan(1e-10);
      expect(f.es).toBeGreaterThan(f.var);
    }
  });
});

describe('Monte Carlo', () => {
  it('agrees with parametric within 4 sampling standard errors for 10,000 paths (seed 7), and is reproducible from its seed', () => {
    const figures = euFigures(['parametric', 'monteCarlo']);
    const paths = 10_000;
    for (const c of [0.95, 0.99]) {
      const p = figures.find((f) => f.method === 'parametric' && f.confidence === c)!;
      const m = figures.find((f) => f.method === 'monteCarlo' && f.confidence === c)!;
      const z = normalQuantile(c);
      const q = 1 - c;
      const sigma = p.var / z;
      const seVar = (Math.sqrt((q * (1 - q)) / paths) / normalPdf(z)) * sigma;
      const esUnit = normalPdf(z) / q;
      const seEs = Math.sqrt((1 + (z * normalPdf(z)) / q - esUnit ** 2 + q * (esUnit - z) ** 2) / (paths * q)) * sigma;
      expect(Math.abs(m.var - p.var), `VaR ${c}: MC ${m.var} parametric ${p.var} (SE ${seVar})`).toBeLessThan(4 * seVar);
      expect(Math.abs(m.es - p.es), `ES ${c}: MC ${m.es} parametric ${p.es} (SE ${seEs})`).toBeLessThan(4 * seEs);
      // ES components (tail means over ~q·paths scenarios) converge to Euler's; the VaR ones rest on two scenarios only
      m.componentEs.forEach((v, i) => expect(Math.abs(v - p.componentEs[i]!) / p.es, `component ES ${i} at ${c}`).toBeLessThan(0.05));
    }
    const again = euFigures(['monteCarlo']);
    expect(again.map((f) => f.var)).toEqual(figures.filter((f) => f.method === 'monteCarlo').map((f) => f.var));
    expect(euFigures(['monteCarlo'], 500, 8)[0]!.var).not.toBe(again[0]!.var);
  });

  it('a volatility override scales the simulated returns: doubling every σ doubles VaR and ES for the same seed', () => {
    const closes = euStockCloses();
    const book = valueBook(euBook(closes), EU_INSTRUMENTS, euFx());
    const aligned = alignCloses(closes);
    if (!book.ok || !aligned.ok) throw new Error('fixture');
    const w = returnWindow(aligned.value, 500);
    if (!w.ok) throw new Error('window');
    const std = returnMoments(w.value).std;
    const doubled = Object.fromEntries(w.value.symbols.map((s, i) => [s, 2 * std[i]!]));
    const run = (override?: Record<string, number>) => monteCarloVar(book.value.values, w.value, [0.99], { paths: 5_000, random: new SeededRandom(21), ...(override ? { volatilityOverride: override } : {}) });
    const base = run();
    const scaled = run(doubled);
    if (!base.ok || !scaled.ok) throw new Error('mc');
    expect(scaled.value[0]!.var / base.value[0]!.var).toBeCloseTo(2, 10);
    expect(scaled.value[0]!.es / base.value[0]!.es).toBeCloseTo(2, 10);
  });

  it('works when positions outnumber the days: the covariance is only semi-definite', () => {
    const random = new SeededRandom(3);
    const rows: Record<string, number[]> = {};
    for (let i = 0; i < 30; i++) rows[`S${i}`] = Array.from({ length: 20 }, () => 0.01 * random.normal());
    const w = windowOf(rows);
    const values = Float64Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? -1000 : 1500));
    const book = { baseCurrency: 'USD', positions: w.symbols.map((symbol, i) => ({ symbol, quantity: 1, price: 1, currency: 'USD', sector: 'X', industry: 'X', multiplier: 1, fxRate: 1, value: values[i]! })), values, net: 0, gross: 0 };
    const r = bookVar(book, w, { confidences: [0.99], methods: ['parametric', 'monteCarlo'], monteCarlo: { paths: 20_000, random: new SeededRandom(11) } });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const [p, m] = r.value.figures;
    expect(Number.isFinite(m!.var)).toBe(true);
    expect(Math.abs(m!.var / p!.var - 1)).toBeLessThan(0.06);
  });
});

describe('covariance and Cholesky', () => {
  it('the blocked sample covariance equals the naive double loop for every shape of remainder, and LL\' reproduces it', () => {
    const random = new SeededRandom(5);
    for (const n of [1, 2, 3, 5, 7, 8, 9]) {
      const days = 13;
      const returns = Float64Array.from({ length: n * days }, () => 0.01 * random.normal());
      const mean = Float64Array.from({ length: n }, (_, i) => returns.subarray(i * days, (i + 1) * days).reduce((a, b) => a + b, 0) / days);
      const scale = Float64Array.from({ length: n }, (_, i) => 1 + i / 10);
      const cov = sampleCovariance(returns, n, days, mean, scale);
      const L = choleskyLower(cov, n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let t = 0; t < days; t++) s += (returns[i * days + t]! - mean[i]!) * (returns[j * days + t]! - mean[j]!);
          const naive = (s / (days - 1)) * scale[i]! * scale[j]!;
          expect(cov[i * n + j], `n ${n} S[${i}][${j}]`).toBeCloseTo(naive, 15);
          let llt = 0;
          for (let k = 0; k < n; k++) llt += L[i * n + k]! * L[j * n + k]!;
          expect(llt, `n ${n} (LL')[${i}][${j}]`).toBeCloseTo(naive, 15);
        }
      }
    }
  });
});
