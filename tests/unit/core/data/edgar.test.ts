import { describe, expect, it } from 'vitest';
import { describeDataError } from '../../../../src/core/data/dataError';
import { parseCompanyFacts, parseSubmissions, parseTickerMap } from '../../../../src/core/data/edgar';
import { isoDate, parseIsoDate } from '../../../../src/core/data/exchangeDate';
import { parseJsonBody } from '../../../../src/core/data/jsonBody';
import { fixtureJson, fixtureNames, fixtureText } from '../../../support/dataFixtures';

const facts = (name: string, symbol: string) => {
  const r = parseCompanyFacts(fixtureJson(`edgar/${name}`), symbol, `companyfacts ${symbol}`);
  if (!r.ok) throw new Error(describeDataError(r.error));
  return r.value;
};

describe('EDGAR parser', () => {
  it('maps tickers to CIKs', () => {
    const r = parseTickerMap(fixtureJson('edgar/company_tickers.json'), 'tickers');
    if (!r.ok) throw new Error(r.error.reason);
    expect(r.value.size).toBe(9610);
    expect(r.value.get('AAPL')).toEqual({ cik: 320193, ticker: 'AAPL', title: 'Apple Inc.' });
    expect(r.value.get('MSFT')?.cik).toBe(789019);
  });

  it('reads submissions: columnar recent filings, paged files, and an entity with none', () => {
    const aapl = parseSubmissions(fixtureJson('edgar/submissions_CIK0000320193_AAPL.json'), 'submissions AAPL');
    if (!aapl.ok) throw new Error(aapl.error.reason);
    expect(aapl.value.filings.length).toBe(1005);
    expect(aapl.value.morePages).toEqual(['CIK0000320193-submissions-001.json']);
    expect(aapl.value.name).toBe('Apple Inc.');
    const page = parseSubmissions(fixtureJson('edgar/submissions_CIK0001318605-submissions-001_TSLA_page2.json'), 'page');
    expect(page.ok && page.value.filings.length).toBeGreaterThan(0);
    expect(parseSubmissions(fixtureJson('edgar/submissions_CIK0001318605_TSLA.json'), 'tsla').ok).toBe(true);
    const none = parseSubmissions(fixtureJson('edgar/submissions_CIK0000350001_no_filings.json'), 'none');
    expect(none).toMatchObject({ ok: true, value: { filings: [], morePages: [] } });
  });

  it('normalizes company facts and resolves duplicates across filings (counts from the raw JSON)', () => {
    // python: 24579 raw facts; same (taxonomy, concept, unit, start, end) re-reported with the same value dropped → 12601.
    const aapl = facts('companyfacts_CIK0000320193_AAPL.json', 'AAPL');
    expect(aapl.cik).toBe(320193);
    expect(aapl.entity).toBe('Apple Inc.');
    expect(aapl.facts.length).toBe(12601);
    expect(aapl.duplicatesDropped).toBe(24579 - 12601);
    const nvda = facts('companyfacts_CIK0001045810_NVDA.json', 'NVDA');
    expect(nvda.facts.length).toBe(15806);
    expect(nvda.duplicatesDropped).toBe(26903 - 15806);
  });

  it('keeps the first filing date of a re-reported fact (2017Q4 revenue: the 10-Q, not the later 10-K)', () => {
    const aapl = facts('companyfacts_CIK0000320193_AAPL.json', 'AAPL');
    const q4 = aapl.facts.filter(
      (f) => f.concept === 'RevenueFromContractWithCustomerExcludingAssessedTax' && f.start === parseIsoDate('2017-10-01') && f.end === parseIsoDate('2017-12-30'),
    );
    expect(q4).toHaveLength(1);
    expect(q4[0]).toMatchObject({ value: 88293000000, form: '10-Q', fy: 2019, fp: 'Q1', accession: '0000320193-19-000010', unit: 'USD', taxonomy: 'us-gaap' });
    expect(isoDate(q4[0]!.filed)).toBe('2019-01-30');
  });

  it('keeps a restatement as a second point-in-time value, public from its own filing', () => {
    const aapl = facts('companyfacts_CIK0000320193_AAPL.json', 'AAPL');
    const fy2007 = aapl.facts.filter((f) => f.concept === 'NetIncomeLoss' && f.start === parseIsoDate('2006-10-01') && f.end === parseIsoDate('2007-09-29'));
    expect(fy2007.map((f) => [f.value, f.form, isoDate(f.filed)])).toEqual([
      [3496000000, '10-K', '2009-10-27'],
      [3495000000, '10-K/A', '2010-01-25'],
    ]);
    const shares = aapl.facts.filter((f) => f.taxonomy === 'dei' && f.concept === 'EntityCommonStockSharesOutstanding');
    expect(shares.every((f) => f.start === null && f.unit === 'shares')).toBe(true);
  });

  it('recognizes SEC XML and HTML error pages where JSON was expected', () => {
    const xml = parseJsonBody('edgar', 'submissions CIK-000000001', fixtureText('edgar/error_404_submissions_bad_cik.xml'), 404);
    expect(xml).toMatchObject({ ok: false, error: { code: 'NOT_JSON', status: 404, reason: 'NoSuchKey: The specified key does not exist.' } });
    const denied = parseJsonBody('edgar', 'form.gz', fixtureText('edgar/error_403_archives_form_gz_2099_AccessDenied.xml'), 403);
    expect(denied).toMatchObject({ ok: false, error: { code: 'NOT_JSON', reason: expect.stringContaining('AccessDenied') } });
    const html = parseJsonBody('edgar', 'getcurrent', fixtureText('edgar/error_503_browse_edgar_getcurrent_start5100.html'), 503);
    expect(html.ok).toBe(false);
    if (!html.ok) expect(html.error.code).toBe('NOT_JSON');
    expect(fixtureNames('edgar')).toHaveLength(10); // every EDGAR fixture is exercised in this file
  });

  it('refuses a fact with an impossible date, naming where', () => {
    const body = { cik: 1, entityName: 'X', facts: { 'us-gaap': { Revenues: { units: { USD: [{ end: '2020-02-30', val: 1, accn: 'a', form: '10-K', filed: '2020-03-01' }] } } } } };
    expect(parseCompanyFacts(body, 'X', 'facts X')).toMatchObject({ ok: false, error: { code: 'MALFORMED_BODY', reason: 'facts.us-gaap.Revenues.units.USD.0: bad date' } });
  });
});
