// Binning's search and its two code layouts: binOf against the plain definition (the first cut above the value,
// else the last bin) on every window length up to 300, values on, between and beyond the cuts; and the feature-major
// codes are the row-major ones transposed, with a sampled sketch (more rows than CUT_SAMPLE_ROWS) included.
import { describe, expect, it } from 'vitest';
import { binFeatures, binOf, CUT_SAMPLE_ROWS } from '../../../../src/core/ml/trees/featureBins';
import { SeededRandom } from '../../../../src/core/model';

function byDefinition(cuts: Float64Array, from: number, to: number, v: number): number {
  for (let k = from; k < to - 1; k++) if (cuts[k]! > v) return k;
  return to - 1;
}

describe('feature binning', () => {
  it('binOf is the first cut above the value, else the last bin, for windows of 1 to 300 cuts', () => {
    const random = new SeededRandom(3);
    for (let m = 1; m <= 300; m++) {
      const lead = m % 7;
      const cuts = new Float64Array(lead + m);
      let c = -5;
      for (let k = 0; k < cuts.length; k++) cuts[k] = c += 0.01 + random.next();
      const window = cuts.subarray(lead);
      const probes = [window[0]! - 1, window[m - 1]! + 1, ...Array.from(window), ...Array.from(window, (v) => v - 1e-9), ...Array.from(window, (v) => v + 1e-9)];
      for (const v of probes) expect(binOf(cuts, lead, lead + m, v), `m ${m}, v ${v}`).toBe(byDefinition(cuts, lead, lead + m, v));
    }
  });

  it('the feature-major codes are the row-major codes transposed (also past the sampling threshold)', () => {
    const random = new SeededRandom(5);
    for (const [n, p] of [[500, 3], [CUT_SAMPLE_ROWS + 1_001, 2]] as const) {
      const x = Float64Array.from({ length: n * p }, (_, i) => (i % p === 1 ? Math.round(random.normal() * 4) : random.normal()));
      const bins = binFeatures({ x, rows: n, features: p }, 64);
      const wrong: string[] = [];
      for (let i = 0; i < n; i++) {
        for (let f = 0; f < p; f++) {
          const code = bins.codes[i * p + f]!;
          const expected = byDefinition(bins.cuts, bins.offset[f]!, bins.offset[f + 1]!, x[i * p + f]!) - bins.offset[f]!;
          if (code !== expected || bins.columns[f * n + i] !== code) wrong.push(`row ${i} feature ${f}: ${code}/${bins.columns[f * n + i]} ≠ ${expected}`);
        }
      }
      expect(wrong.slice(0, 5), `${n} rows`).toEqual([]);
    }
  });
});
