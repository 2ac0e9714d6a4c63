import { describe, expect, it } from 'vitest';
import { describeDataError } from '../../../../src/core/data/dataError';
import { isoDate, parseIsoDate } from '../../../../src/core/data/exchangeDate';
import { fredError, parseFredObservations, parseFredSeries } from '../../../../src/core/data/fred';
import { observationsAsOf } from '../../../../src/core/data/macroSeries';
import { fixtureJson, fixtureNames } from '../../../support/dataFixtures';

const obs = (name: string) => {
  const r = parseFredObservations(fixtureJson(`fred/${name}`), name);
  if (!r.ok) throw new Error(describeDataError(r.error));
  return r.value;
};

describe('FRED parser', () => {
  it('parses every observations body, "." kept as missing (counts from the raw JSON)', () => {
    const expected: Record<string, [rows: number, missing: number]> = {
      'series_observations_GDP.json': [315, 4],
      'series_observations_GDP_all_vintages_realtime_1776-07-04_9999-12-31.json': [3201, 245],
      'series_observations_GDP_asof_realtime_1776-07-04_2019-01-01.json': [2902, 245],
      'series_observations_GDP_initial_release_output_type4.json': [132, 0],
      'series_observations_T10YFF_2023-01-01_2023-06-06_daily_with_dots.json': [112, 4],
      'series_observations_WGS10YR.json': [3289, 0],
    };
    expect(fixtureNames('fred').filter((n) => n.startsWith('series_observations'))).toEqual(Object.keys(expected).sort());
    for (const [name, [rows, missing]] of Object.entries(expected)) {
      const r = obs(name);
      expect(r.observations.length, name).toBe(rows);
      expect(r.missing, name).toBe(missing);
      expect(r.observations.filter((o) => o.value === null).length, name).toBe(missing);
      expect(r.observations.some((o) => o.value === 0), name).toBe(false);
    }
  });

  it('keeps holiday dots as missing and negative strings as negative numbers', () => {
    const r = obs('series_observations_T10YFF_2023-01-01_2023-06-06_daily_with_dots.json');
    const missing = r.observations.filter((o) => o.value === null).map((o) => isoDate(o.date));
    expect(missing).toEqual(['2023-01-02', '2023-01-16', '2023-02-20', '2023-05-29']);
    expect(r.observations.some((o) => o.value !== null && o.value < 0)).toBe(true);
  });

  it('rebuilds the series as known on a date from ALFRED vintages, matching FRED own as-of answer', () => {
    const all = obs('series_observations_GDP_all_vintages_realtime_1776-07-04_9999-12-31.json').observations;
    const asOf = parseIsoDate('2019-01-01')!;
    const ours = observationsAsOf(all, asOf);
    // FRED's realtime_end=2019-01-01 answer: the rows whose (clipped) realtime_end is that day are the values then current.
    const fred = obs('series_observations_GDP_asof_realtime_1776-07-04_2019-01-01.json').observations.filter((o) => o.knownTo === asOf);
    expect(ours.map((o) => [isoDate(o.date), o.value])).toEqual(fred.map((o) => [isoDate(o.date), o.value]));
    const q3 = ours.find((o) => isoDate(o.date) === '2018-07-01');
    expect(q3?.value).toBe(20658.204);
    // Nothing about 2018Q4 was public on 2019-01-01.
    expect(ours.some((o) => isoDate(o.date) === '2018-10-01')).toBe(false);
  });

  it('reads series metadata (the "seriess" key)', () => {
    const r = parseFredSeries(fixtureJson('fred/series_GDP.json'), 'series GDP');
    expect(r).toMatchObject({ ok: true, value: { title: 'Gross Domestic Product', frequency: 'Quarterly', units: 'Billions of Dollars', lastUpdated: '2024-12-19 07:55:01-06' } });
    for (const name of ['series_CPILFESL.json', 'series_DGS5_2022-03-21.json', 'series_WGS10YR.json']) {
      expect(parseFredSeries(fixtureJson(`fred/${name}`), name).ok, name).toBe(true);
    }
    // Not a metadata body: named, not crashed.
    const wrong = parseFredSeries(fixtureJson('fred/series_release_GDP.json'), 'series GDP');
    expect(wrong).toMatchObject({ ok: false, error: { code: 'MALFORMED_BODY', provider: 'fred' } });
  });

  it('classifies every recorded FRED error body', () => {
    const expected: Record<string, string> = {
      '400_api_key_not_registered.json': 'BAD_API_KEY',
      '400_realtime_end_after_today_2026-09.json': 'BAD_REQUEST',
      '400_series_does_not_exist_2026.json': 'UNKNOWN_ID',
      '400_units_invalid_2023-04.json': 'BAD_REQUEST',
      '404_series_does_not_exist_2020.json': 'UNKNOWN_ID',
    };
    expect(fixtureNames('fred/errors-transcribed')).toEqual(Object.keys(expected).sort());
    for (const [name, code] of Object.entries(expected)) {
      const body = fixtureJson(`fred/errors-transcribed/${name}`);
      expect(fredError(body, 'observations X')?.code, name).toBe(code);
      const parsed = parseFredObservations(body, 'observations X');
      expect(parsed.ok ? 'ok' : parsed.error.code, name).toBe(code);
    }
    const error = fredError(fixtureJson('fred/errors-transcribed/400_series_does_not_exist_2026.json'), 'observations NOPE', 400)!;
    expect(describeDataError(error)).toBe('fred observations NOPE: unknown symbol or series (HTTP 400): Bad Request.  The series does not exist.');
  });

  it('refuses a value that is neither a number nor "."', () => {
    const body = { observations: [{ realtime_start: '2024-01-01', realtime_end: '2024-01-01', date: '2020-01-01', value: 'n/a' }] };
    expect(parseFredObservations(body, 'obs')).toMatchObject({ ok: false, error: { code: 'MALFORMED_BODY', reason: 'observations.0.value: "n/a" is not a number or "."' } });
  });
});
