// The radix ranker against a direct average-rank computation: random values, heavy ties, ±0, signs, extremes,
// and the strided output the date-major panels use.
import { describe, expect, it } from 'vitest';
import { averageRanks, dateRanks } from '../../../../src/core/factors';
import { RadixRanker } from '../../../../src/core/factors/radixRanks';

/** Average ranks by definition: 1 + (values below) + (ties − 1) / 2, O(n²). */
function directRanks(values: readonly number[]): number[] {
  return values.map((v) => {
    let below = 0;
    let equal = 0;
    for (const w of values) {
      if (w < v) below++;
      else if (w === v) equal++;
    }
    return below + (equal + 1) / 2;
  });
}

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => ((state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32);
}

describe('radix average ranks', () => {
  const next = seeded(7);
  const cases: Record<string, number[]> = {
    'uniform values': Array.from({ length: 3_001 }, () => next() * 200 - 100),
    'heavy ties': Array.from({ length: 2_000 }, () => Math.floor(next() * 7) - 3),
    'signed zeros among ties': [0, -0, 1, -1, 0, -0, 2, -2, -0],
    extremes: [Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE, Infinity, -Infinity, 1e-300, -1e300, 5e-324, 1, 1],
    'one value': [42],
    'all equal': Array.from({ length: 500 }, () => 3.25),
    'nearly equal (last bit)': [1, 1 + Number.EPSILON, 1 - Number.EPSILON / 2, 1, 1 + 2 * Number.EPSILON],
    // Every value shares its high 32 bits: the low words order them (radix for long runs, insertion for short ones).
    'one long run of equal high words': Array.from({ length: 3_000 }, () => 1 + Math.floor(next() * 200) * 2 ** -40),
    // A long run of exact ties is ranked without sorting; one value a last bit apart at its end must still count.
    'a long tie then one value a last bit above it': [...Array.from({ length: 40 }, () => 1), 1 + Number.EPSILON, ...Array.from({ length: 40 }, () => 1)],
    'a long tie then one value a last bit below it': [...Array.from({ length: 40 }, () => 1), 1 - Number.EPSILON / 2],
    'short runs of equal high words': Array.from({ length: 600 }, (_, i) => 1 + Math.floor(i / 10) * 2 ** -18 + Math.floor(next() * 5) * 2 ** -45),
    'prices near one level': Array.from({ length: 1_000 }, () => 100 + Math.round(next() * 1e4) / 1e4),
  };
  it.each(Object.entries(cases))('%s', (_label, values) => {
    const ranks = new Float64Array(values.length);
    averageRanks(Float64Array.from(values), ranks);
    expect(Array.from(ranks)).toEqual(directRanks(values));
  });

  it('writes strided output and refuses more values than its capacity', () => {
    const ranker = new RadixRanker(4);
    const out = new Float64Array(10).fill(-1);
    ranker.rank(Float64Array.of(3, 1, 2, 1), 4, out, 1, 2);
    expect(Array.from(out)).toEqual([-1, 4, -1, 1.5, -1, 3, -1, 1.5, -1, -1]);
    expect(() => ranker.rank(Float64Array.of(1, 2, 3, 4, 5), 5, out)).toThrow(/cannot rank 5 values/);
  });

  it('dateRanks: each date ranked over its finite values only', () => {
    // 3 dates × 4 symbols, date-major.
    const x = Float64Array.from([2, NaN, 2, 1, /* */ NaN, NaN, NaN, NaN, /* */ -0, 0, 5, -1]);
    const { ranks, counts } = dateRanks(x, 3);
    expect(Array.from(counts)).toEqual([3, 0, 4]);
    expect(Array.from(ranks)).toEqual([2.5, NaN, 2.5, 1, NaN, NaN, NaN, NaN, 2.5, 2.5, 4, 1]);
  });
});
