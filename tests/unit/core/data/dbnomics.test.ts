import { describe, expect, it } from 'vitest';
import { parseDbnomicsSeries } from '../../../../src/core/data/dbnomics';
import { isoDate } from '../../../../src/core/data/exchangeDate';
import { fixtureJson } from '../../../support/dataFixtures';

const FETCHED = Date.UTC(2026, 0, 2, 15, 30);
const big = () => fixtureJson('dbnomics/v22_series_CEPII_CHELEM-TRADE-CHEL_limit1000_observations_facets.json') as {
  series: { docs: { value: (number | string)[]; period_start_day: string[] }[] };
};

describe('DBnomics parser', () => {
  it('parses every series of a dataset response', () => {
    const r = parseDbnomicsSeries(big(), 'CEPII/CHELEM-TRADE-CHEL', FETCHED);
    if (!r.ok) throw new Error(r.error.reason);
    expect(r.value).toHaveLength(1000);
    const first = r.value[0]!;
    expect(first.seriesId).toBe('CEPII/CHELEM-TRADE-CHEL/AES.AES.CAT.BA');
    expect(first.metadata.frequency).toBe('annual');
    expect(isoDate(first.observations[0]!.date)).toBe('1967-01-01');
    expect(first.observations[0]!.value).toBe(4.4180715605);
    expect(first.observations[0]!.knownFrom).toBe(Date.UTC(2026, 0, 2));
  });

  it('stores "NA" as missing, never zero', () => {
    // The recorded dataset has no "NA"; this copies its first doc and marks one value "NA" as DBnomics does.
    const body = big();
    const doc = body.series.docs[0]!;
    body.series.docs = [{ ...doc, value: doc.value.map((v, i) => (i === 2 ? 'NA' : v)) }];
    const r = parseDbnomicsSeries(body, 'one', FETCHED);
    if (!r.ok) throw new Error(r.error.reason);
    expect(r.value[0]!.missing).toBe(1);
    expect(r.value[0]!.observations[2]!.value).toBeNull();
    expect(r.value[0]!.observations[3]!.value).toBe(doc.value[3]);
  });

  it('names an empty result an unknown series, and a providers document a malformed series body', () => {
    expect(parseDbnomicsSeries({ series: { docs: [], num_found: 0 } }, 'X/Y/Z', FETCHED)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ID', request: 'X/Y/Z' } });
    expect(parseDbnomicsSeries(fixtureJson('dbnomics/v22_providers_INSEE.json'), 'INSEE', FETCHED)).toMatchObject({ ok: false, error: { code: 'MALFORMED_BODY' } });
  });
});
