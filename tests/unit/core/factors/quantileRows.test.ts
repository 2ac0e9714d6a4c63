// The quantile pass straight from cached ranks (one loop per date row) against the pair-by-pair path that gathers
// and ranks each date itself: the same buckets, sums, turnover and curves bit for bit, on dates where some ranked
// symbols have no forward return (the row is refused midway and gathered) and dates where all have one.
import { describe, expect, it } from 'vitest';
import { dateRanks, quantileAnalysis } from '../../../../src/core/factors';

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => ((state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32);
}

const bits = (x: unknown) => JSON.stringify(x, (_k, v: unknown) => (v instanceof Float64Array ? Array.from(v, (n) => Buffer.from(Float64Array.of(n).buffer).toString('hex')) : typeof v === 'number' ? Buffer.from(Float64Array.of(v).buffer).toString('hex') : v));

describe('quantile rows from cached ranks', () => {
  it.each([2, 3, 5])('equal the gathered path with %i buckets', (q) => {
    const symbols = 53;
    const dates = 60;
    const next = seeded(11 + q);
    // Date-major factor with ties (rounded) and a few missing values; forward returns missing on some symbols of
    // some dates (the row is then refused after part of it was filled), one-bar returns missing here and there.
    const factor = Float64Array.from({ length: symbols * dates }, () => (next() < 0.05 ? NaN : Math.round(next() * 40) / 4));
    const forward = Float64Array.from({ length: symbols * dates }, (_, i) => (Math.floor(i / symbols) % 4 === 1 && i % symbols === 30 ? NaN : next() * 0.2 - 0.1));
    const forward1 = Float64Array.from({ length: symbols * dates }, () => (next() < 0.03 ? NaN : next() * 0.1 - 0.05));
    const cached = quantileAnalysis(factor, forward, forward1, dates, q, 5, dateRanks(factor, dates));
    const gathered = quantileAnalysis(factor, forward, forward1, dates, q, 5);
    expect(bits(cached)).toBe(bits(gathered));
    // Turnover is defined on most dates, so the comparison covers it.
    expect(Array.from(cached.turnoverTop).filter(Number.isFinite).length).toBeGreaterThan(dates / 2);
  });
});
