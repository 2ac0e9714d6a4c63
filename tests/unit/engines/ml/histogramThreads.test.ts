// The worker-thread histogram builder: real worker threads over SharedArrayBuffers give, bit for bit, the model the
// one-thread builder gives, for both losses and any thread count (nodes big enough to be cut into several runs
// included); and a build of many histograms at once (more runs than one batch holds) is each one's run-ordered sum.
import { describe, expect, it } from 'vitest';
import { binFeatures, fitGradientBoosting, singleThreadHistograms, type BoostedTrees, type HistogramBuilder } from '../../../../src/core/ml';
import { MIN_RUN_ROWS, partOfRange, runsOf, sumHistogramRows } from '../../../../src/core/ml/trees/histogramBuilder';
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
  const n = 5 * MIN_RUN_ROWS;
  const p = 5;
  const { x, y, up } = data(n, p);
  const design = { x, rows: n, features: p };
  const options = { rounds: 6, maxDepth: 5, learningRate: 0.3, maxBin: 64 };
  const fit = (loss: 'squared' | 'logistic', builder: HistogramBuilder): BoostedTrees => {
    const result = fitGradientBoosting(design, loss === 'squared' ? y : up, { loss, ...options }, undefined, builder);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };

  it('two and three threads give the one-thread model bit for bit (squared and logistic loss, the root in 5 runs)', () => {
    expect(runsOf(n)).toBe(5);
    for (const loss of ['squared', 'logistic'] as const) {
      const one = fit(loss, singleThreadHistograms());
      expect(one.roots.length).toBe(options.rounds);
      expect(one.feature.some((f) => f >= 0)).toBe(true);
      expectSameBits(one, fit(loss, threadHistograms(2)));
      expectSameBits(one, fit(loss, threadHistograms(3)));
    }
  });

  it('a build of many histograms (two batches of runs) gives each its run-ordered sum, and the session closes', () => {
    const bins = binFeatures(design, 32);
    const session = threadHistograms(2).open(bins, n);
    const slots = 2 * bins.offset[p]!;
    try {
      const random = new SeededRandom(7);
      for (let i = 0; i < n; i++) {
        session.gradHess[2 * i] = random.normal();
        session.gradHess[2 * i + 1] = 0.1 + random.next();
        session.rows[i] = n - 1 - i;
      }
      const ranges: Array<[number, number]> = [[17, 18], [100, 3_333], [5_000, 5_000]];
      for (let k = 0; k < 20; k++) ranges.push([k * 11, n - k * 7]);
      const jobs = ranges.map(([from, to]) => ({ hist: new Float64Array(slots).fill(Number.NaN), from, to }));
      expect(jobs.reduce((total, j) => total + runsOf(j.to - j.from), 0)).toBeGreaterThan(64);
      session.build(jobs);
      for (const { hist, from, to } of jobs) {
        const expected = new Float64Array(slots);
        const partial = new Float64Array(slots);
        const runs = runsOf(to - from);
        for (let run = 0; run < runs; run++) {
          const part = partOfRange(from, to, run, runs);
          partial.fill(0);
          sumHistogramRows(run === 0 ? expected : partial, bins.codes, bins.offset, p, session.gradHess, session.rows, part.from, part.to);
          if (run > 0) for (let k = 0; k < slots; k++) expected[k] = expected[k]! + partial[k]!;
        }
        expect(bytes(hist).equals(bytes(expected)), `rows ${from}–${to}`).toBe(true);
      }
    } finally {
      session.close();
    }
    expect(() => session.build([{ hist: new Float64Array(slots), from: 0, to: n }])).toThrow(/closed/);
  });
});
