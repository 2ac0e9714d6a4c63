// The fused rank correlations (every IC horizon and the rank autocorrelation in one pass per date) against
// completeSpearman pair by pair: the same pair counts, the same refusals (finite values on other symbols, dates
// outside the panel) and bit-identical correlations, with more targets than one pass takes.
import { describe, expect, it } from 'vitest';
import { dateRanks, type DateRanks } from '../../../../src/core/factors';
import { completeSpearman } from '../../../../src/core/factors/analytics/crossSectionPairs';
import { completeSpearmanSeries } from '../../../../src/core/factors/analytics/rankCorrelations';

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => ((state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32);
}

/** symbols × dates date-major values; `missing` of them NaN, ties from rounding to `levels` values. */
function column(symbols: number, dates: number, seed: number, missing: number, levels = 0): Float64Array {
  const next = seeded(seed);
  return Float64Array.from({ length: symbols * dates }, () => {
    if (next() < missing) return NaN;
    const v = next() * 2 - 1;
    return levels > 0 ? Math.round(v * levels) / levels : v;
  });
}

describe('completeSpearmanSeries', () => {
  it('equals completeSpearman for every date and target, bit for bit', () => {
    const symbols = 37;
    const dates = 40;
    // The factor: NaN on whole dates, on a fixed symbol, and at random; complete on the others.
    const x = column(symbols, dates, 1, 0);
    for (let s = 0; s < symbols; s++) x[3 * symbols + s] = NaN;
    for (let t = 10; t < 20; t++) x[t * symbols + 5] = NaN;
    x[25 * symbols + 7] = NaN;
    const factor = dateRanks(x, dates);
    // Targets: one on the factor's own symbols, one with as many finite values per date but on other symbols (its
    // NaNs moved one symbol up), complete, gappy and tied ones, the factor itself earlier; three passes of four,
    // the other-symbols one in every slot of a pass.
    const sameSymbols = column(symbols, dates, 2, 0);
    for (let i = 0; i < x.length; i++) if (Number.isNaN(x[i]!)) sameSymbols[i] = NaN;
    const otherSymbols = column(symbols, dates, 6, 0);
    for (let t = 0; t < dates; t++) for (let s = 0; s < symbols; s++) if (Number.isNaN(x[t * symbols + s]!)) otherSymbols[t * symbols + ((s + 1) % symbols)] = NaN;
    const same = { ranks: dateRanks(sameSymbols, dates), shift: 0 };
    const other = { ranks: dateRanks(otherSymbols, dates), shift: 0 };
    const targets: { ranks: DateRanks; shift: number }[] = [
      other,
      same,
      { ranks: dateRanks(column(symbols, dates, 5, 0, 3), dates), shift: 2 },
      { ranks: dateRanks(column(symbols, dates, 3, 0), dates), shift: 0 },
      same,
      other,
      { ranks: factor, shift: -1 },
      { ranks: dateRanks(column(symbols, dates, 4, 0.02), dates), shift: 0 },
      { ranks: factor, shift: -3 },
      same,
      other,
      other,
    ];
    const series = completeSpearmanSeries(factor, targets, dates, symbols);
    const result = new Float64Array(1);
    let compared = 0;
    let refused = 0;
    targets.forEach((target, j) => {
      for (let t = 0; t < dates; t++) {
        const tb = t + target.shift;
        result[0] = NaN;
        const expected = tb >= 0 && tb < dates ? completeSpearman(factor, t, target.ranks, tb, symbols, result) : -1;
        expect(series[j]!.pairs[t], `target ${j} date ${t}`).toBe(expected);
        if (expected < 0) {
          refused++;
          continue;
        }
        compared++;
        expect(Object.is(series[j]!.value[t], result[0]), `target ${j} date ${t}: ${series[j]!.value[t]} vs ${result[0]}`).toBe(true);
      }
    });
    // Both outcomes occur often enough for the comparison to mean something.
    expect(compared).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(30);
  });
});
