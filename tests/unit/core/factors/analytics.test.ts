// Analytics checked by hand on small panels: skipped dates, turnover, rank autocorrelation, the correlation
// matrix, ICIR ranking and composites.
import { describe, expect, it } from 'vitest';
import { bucketOf, compositeExpression, evaluateOnPanel, resolveFactor, compositeWeights, correlationMatrix, factorRankAutocorrelation, forwardReturns, icSeries, quantileAnalysis, rankByIcir, summarizeIc, toDateMajor } from '../../../../src/core/factors';

/** symbols × dates from rows per symbol (symbol-major; the analytics take date-major columns). */
const panel = (rows: number[][]) => Float64Array.from(rows.flat());

describe('IC per date', () => {
  it('skips and counts dates with fewer than the minimum symbols; the last h dates have no forward return', () => {
    // 3 symbols × 4 dates; date 1 has one factor value missing.
    const factor = panel([[1, NaN, 3, 1], [2, 2, 2, 2], [3, 1, 1, 3]]);
    const close = panel([[10, 11, 12, 13], [10, 10, 10, 10], [10, 9, 8, 7]]);
    const fwd = forwardReturns(close, 4, 1);
    expect(fwd[3]).toBeNaN();
    const s = icSeries(toDateMajor(factor, 4), toDateMajor(fwd, 4), 4, 'spearman', 3, 1);
    // Date 0: factor 1,2,3 vs returns +10%, 0, −10% → −1. Date 1: 2 symbols → skipped. Date 2: factor 3,2,1 → +1.
    expect(Array.from(s.ic)).toEqual([-1, NaN, 1, NaN]);
    expect(s.dates).toBe(2);
    expect(s.skippedDates).toBe(1);
    const summary = summarizeIc(s);
    expect(summary.meanIC).toBe(0);
    expect(summary.icStd).toBeCloseTo(Math.SQRT2, 12);
    expect(summary.tStat).toBe(0);
  });
});

describe('quantiles', () => {
  it('buckets by average rank: ties share a bucket', () => {
    expect([1, 2, 3, 4].map((r) => bucketOf(r, 4, 2))).toEqual([0, 0, 1, 1]);
    expect(bucketOf(2.5, 4, 2)).toBe(0);
    expect(bucketOf(5, 5, 5)).toBe(4);
  });

  it('turnover and cumulative returns', () => {
    // 4 symbols × 3 dates: top bucket is {2,3} then {1,3} then {1,3}.
    const factor = panel([[1, 1, 1], [2, 4, 4], [4, 2, 2], [3, 3, 3]]);
    const close = panel([[100, 100, 100], [100, 110, 110], [100, 100, 100], [100, 100, 100]]);
    const f1 = forwardReturns(close, 3, 1);
    const f1d = toDateMajor(f1, 3);
    const q = quantileAnalysis(toDateMajor(factor, 3), f1d, f1d, 3, 2, 2);
    expect(Array.from(q.turnoverTop)).toEqual([NaN, 0.5, NaN]);
    // Date 0: top {2,3} returns 0 and 0; bottom {0,1} returns 0 and +10% → spread −5%.
    expect(q.spread[0]).toBeCloseTo(-0.05, 12);
    expect(q.cumulative[0]![1]).toBeCloseTo(1.05, 12);
    expect(q.cumulativeSpread[1]).toBeCloseTo(0.95, 12);
  });

  it('rank autocorrelation is 1 for a factor whose order never changes', () => {
    const ac = factorRankAutocorrelation(toDateMajor(panel([[1, 2, 3], [5, 6, 7], [9, 10, 11]]), 3), 3);
    expect(Array.from(ac)).toEqual([NaN, 1, 1]);
  });
});

describe('correlation, ranking, composite', () => {
  it('correlation matrix over complete rows', () => {
    const a = Float64Array.from([1, 2, 3, 4, NaN]);
    const b = Float64Array.from([2, 4, 6, 8, 1]);
    const c = Float64Array.from([4, 3, 2, 1, 0]);
    const { matrix, rows } = correlationMatrix([a, b, c]);
    expect(rows).toBe(4);
    expect(Array.from(matrix).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([1, 1, -1, 1, 1, -1, -1, -1, 1]);
  });

  it('ranks by |ICIR|, missing last', () => {
    const ranked = rankByIcir([{ name: 'a', icir: 0.1 }, { name: 'b', icir: NaN }, { name: 'c', icir: -0.3 }]);
    expect(ranked.map((f) => f.name)).toEqual(['c', 'a', 'b']);
  });

  it('IC-weighted and equal weights; the composite sums weighted z-scores', () => {
    expect(compositeWeights([0.02, -0.06, NaN], 'ic')).toEqual([0.25, -0.75, 0]);
    expect(compositeWeights([0.02, -0.06, NaN], 'equal')).toEqual([0.5, -0.5, 0]);
    // 3 symbols × 1 date: z-scores of close [1,2,3] are [−1,0,1]; of volume [3,2,1] [1,0,−1].
    const expression = compositeExpression(['close', 'volume', 'open'], [0.5, -0.5, 0]);
    expect(expression).not.toContain('open');
    const panel = { symbols: ['A', 'B', 'C'], times: Float64Array.of(0), columns: new Map([['close', Float64Array.from([1, 2, 3])], ['volume', Float64Array.from([3, 2, 1])]]), groups: new Map() };
    const factor = resolveFactor({ kind: 'expression', expression }, { dates: 1, groups: [] });
    if (!factor.ok) throw new Error(factor.error.message);
    expect(Array.from(evaluateOnPanel(factor.value, panel)).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([-1, 0, 1]);
  });
});
