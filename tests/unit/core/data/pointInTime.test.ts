import { describe, expect, it } from 'vitest';
import { parseCompanyFacts } from '../../../../src/core/data/edgar';
import { parseIsoDate } from '../../../../src/core/data/exchangeDate';
import { fundamentalsAsOf, knownValue } from '../../../../src/core/data/pointInTime';
import { fixtureJson } from '../../../support/dataFixtures';

const aapl = (() => {
  const r = parseCompanyFacts(fixtureJson('edgar/companyfacts_CIK0000320193_AAPL.json'), 'AAPL', 'facts AAPL');
  if (!r.ok) throw new Error(r.error.reason);
  return r.value.facts;
})();
const day = (s: string) => parseIsoDate(s)!;

describe('point-in-time fundamentals', () => {
  // Expected values picked from the raw JSON by an independent python scan (filed ≤ as-of, latest period, latest filing).
  it('sees the FY2019 10-K only from its filing date (2019-10-31), never the day before', () => {
    const before = fundamentalsAsOf(aapl, day('2019-10-30'), 243.26);
    expect(before.fields.eps).toMatchObject({ value: 11.91, periodEnd: day('2018-09-29'), filed: day('2018-11-05') });
    expect(before.fields.equity).toMatchObject({ value: 96456000000, periodEnd: day('2019-06-29') });
    expect(before.fields.sharesOutstanding).toMatchObject({ value: 4519180000, periodEnd: day('2019-07-19') });
    expect(before.pe).toBeCloseTo(243.26 / 11.91, 12);
    expect(before.earningsYield).toBeCloseTo(11.91 / 243.26, 12);
    expect(before.pb).toBeCloseTo(243.26 / (96456000000 / 4519180000), 12);

    const on = fundamentalsAsOf(aapl, day('2019-10-31'), 248.76);
    expect(on.fields.eps).toMatchObject({ value: 11.89, periodEnd: day('2019-09-28'), filed: day('2019-10-31') });
    expect(on.fields.equity?.value).toBe(90488000000);
    expect(on.fields.sharesOutstanding?.value).toBe(4443265000);
    expect(on.pe).toBeCloseTo(248.76 / 11.89, 12);
  });

  it('uses the restated value only once the amendment is public', () => {
    // FY2007 net income: 3,496m in the 10-K filed 2009-10-27, restated to 3,495m by a 10-K/A filed 2010-01-25.
    const restated = aapl.filter((f) => f.concept === 'NetIncomeLoss' && f.end === day('2007-09-29'));
    expect(knownValue(restated, 'netIncome', day('2010-01-24'))?.value).toBe(3496000000);
    expect(knownValue(restated, 'netIncome', day('2010-01-25'))?.value).toBe(3495000000);
    expect(knownValue(restated, 'netIncome', day('2009-10-26'))).toBeUndefined();
  });

  it('leaves P/E undefined for a loss and a missing price, but reports the earnings yield of a loss', () => {
    const loss = [{ taxonomy: 'us-gaap', concept: 'EarningsPerShareDiluted', unit: 'USD/shares', start: day('2020-01-01'), end: day('2020-12-31'), value: -2, fy: 2020, fp: 'FY', form: '10-K', filed: day('2021-02-01'), accession: 'a' }];
    const r = fundamentalsAsOf(loss, day('2021-03-01'), 50);
    expect(r.pe).toBeUndefined();
    expect(r.earningsYield).toBe(-0.04);
    expect(fundamentalsAsOf(loss, day('2021-03-01')).earningsYield).toBeUndefined();
    expect(fundamentalsAsOf(loss, day('2021-01-31'), 50).fields.eps).toBeUndefined();
  });
});

describe('point-in-time fundamentals across a split', () => {
  it('puts EPS and shares reported before the 2020 4:1 split on the post-split basis, and not before the split', () => {
    const split = [{ time: day('2020-08-31'), numerator: 4, denominator: 1 }];
    // 2020-10-29: the latest 10-K is FY2019 (filed 2019-10-31, EPS 11.89 on the old basis); the 10-Q of 2020-07-31 gave the shares.
    const after = fundamentalsAsOf(aapl, day('2020-10-29'), 115.32, split);
    expect(after.fields.eps).toMatchObject({ reported: 11.89, value: 11.89 / 4 });
    expect(after.fields.sharesOutstanding?.value).toBe(after.fields.sharesOutstanding!.reported * 4);
    expect(after.pe).toBeCloseTo(115.32 / (11.89 / 4), 10);
    // The FY2020 10-K (filed 2020-10-30) already states EPS on the new basis: no second adjustment.
    const next = fundamentalsAsOf(aapl, day('2020-10-30'), 108.86, split);
    expect(next.fields.eps).toMatchObject({ reported: 3.28, value: 3.28, filed: day('2020-10-30') });
    const before = fundamentalsAsOf(aapl, day('2020-08-28'), 499.23, split);
    expect(before.fields.eps).toMatchObject({ reported: 11.89, value: 11.89 });
  });
});
