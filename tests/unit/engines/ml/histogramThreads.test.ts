// The worker-thread histogram builder: real worker threads over SharedArrayBuffers give, bit for bit, the model the
// one-thread builder gives with the same number of runs per node, for both losses; and a build is the run-ordered sum.
import { describe, expect, it } from 'vitest';
import { binFeatures, fitGradientBoosting, singleThreadHistograms, type BoostedTrees, type HistogramBuilder } from '../../../../src/core/ml';
import { partOfRange, sumHistogramRows } from '../../../../src/core/ml/trees/histogramBuilder';
import { SeededRandom } from '../../../../src/core/model';
import { threadHistograms } from '../../../../src/engines/ml/histogramThreads';

function data(n: number, p: number): { x: Float64Array; y: Float64Array; up: Float64Array } {
  const random = new SeededRandom(14);
  const x = new Float64Array(n * p);
  for (let i = 0; i < x.length; i++) x[i] = random.normal();
  const y = new Float64Array(n);
  const up = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = i * p;
    y[i] = 2 * x[r]! + Math.sin(3 * x[r + 1]!) + (x[r + 2]! > 0 ? x[r + 3]! : -x[r + 4]!) + 0.3 * random.normal();
    up[i] = y[i]! > 0.2 ? 1 : 0;
  }
  return { x, y, up };
}

const bytes = (a: Float64Array | Int32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function expectSameBits(a: BoostedTrees, b: BoostedTrees): void {
  expect(b.roots.length).toBe(a.roots.length);
  for (const key of ['roots', 'feature', 'left', 'threshold', 'value', 'importance'] as const) {
    expect(bytes(b[key]).equals(bytes(a[key])), key).toBe(true);
  }
}

// worker start-up on a loaded two-core machine can take seconds: a generous guard, not a timing assertion
describe('gradient-boosting histograms on worker threads', { timeout: 60_000 }, () => {
  const n = 6_000;
  const p = 9;
  const { x, y, up } = data(n, p);
  const design = { x, rows: n, features: p };
  const options = { rounds: 8, maxDepth: 5, learningRate: 0.3, maxBin: 64 };
  const fit = (loss: 'squared' | 'logistic', builder: HistogramBuilder): BoostedTrees => {
    const result = fitGradientBoosting(design, loss === 'squared' ? y : up, { loss, ...options }, undefined, builder);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };

  it('two threads give the one-thread model with two runs per node, bit for bit (squared and logistic loss)', () => {
    for (const loss of ['squared', 'logistic'] as const) {
      const threaded = fit(loss, threadHistograms(2));
      expectSameBits(fit(loss, singleThreadHistograms(2)), threaded);
      expect(threaded.roots.length).toBe(options.rounds);
      expect(threaded.feature.some((f) => f >= 0)).toBe(true);
    }
  });

  it('three threads match three runs per node, and cutting into runs moves a leaf by float rounding only', () => {
    const three = fit('squared', threadHistograms(3));
    expectSameBits(fit('squared', singleThreadHistograms(3)), three);
    const one = fit('squared', singleThreadHistograms(1));
    expect(Array.from(three.feature)).toEqual(Array.from(one.feature));
    for (let k = 0; k < one.value.length; k++) expect(Math.abs(three.value[k]! - one.value[k]!)).toBeLessThan(1e-9);
  });

  it('a threaded build of any row range is the run-ordered sum of its runs, and the session can be reused and closed', () => {
    const bins = binFeatures(design, 32);
    const session = threadHistograms(2).open(bins, n);
    try {
      const random = new SeededRandom(7);
      for (let i = 0; i < n; i++) {
        session.gradHess[2 * i] = random.normal();
        session.gradHess[2 * i + 1] = 0.1 + random.next();
        session.rows[i] = n - 1 - i;
      }
      const slots = 2 * bins.offset[p]!;
      for (const [from, to] of [[0, n], [17, 18], [100, 3_333], [5_000, 5_000]] as const) {
        const expected = new Float64Array(slots);
        const second = new Float64Array(slots);
        const a = partOfRange(from, to, 0, 2);
        const b = partOfRange(from, to, 1, 2);
        sumHistogramRows(expected, bins.codes, bins.offset, p, session.gradHess, session.rows, a.from, a.to);
        sumHistogramRows(second, bins.codes, bins.offset, p, session.gradHess, session.rows, b.from, b.to);
        for (let k = 0; k < slots; k++) expected[k] = expected[k]! + second[k]!;
        const hist = new Float64Array(slots).fill(Number.NaN);
        session.build(hist, from, to);
        expect(bytes(hist).equals(bytes(expected)), `rows ${from}–${to}`).toBe(true);
      }
    } finally {
      session.close();
    }
    expect(() => session.build(new Float64Array(2 * bins.offset[p]!), 0, n)).toThrow(/closed/);
  });
});
