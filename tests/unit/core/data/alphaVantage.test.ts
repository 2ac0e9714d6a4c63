import { describe, expect, it } from 'vitest';
import { alphaVantageError, avNumber, parseAlphaVantageDaily, parseAlphaVantageIncome, parseAlphaVantageOverview } from '../../../../src/core/data/alphaVantage';
import { isoDate } from '../../../../src/core/data/exchangeDate';
import { fixtureJson, fixtureNames } from '../../../support/dataFixtures';

describe('Alpha Vantage parser', () => {
  it('parses string numbers of the full daily series (6047 days), as traded', () => {
    const r = parseAlphaVantageDaily(fixtureJson('alphavantage/time_series_daily_AAPL_full_2023-11-10.json'), 'daily AAPL');
    if (!r.ok) throw new Error(r.error.reason);
    const { bars } = r.value;
    expect(bars.time.length).toBe(6047);
    expect(isoDate(bars.time[0]!)).toBe('1999-11-01');
    expect(isoDate(bars.time[bars.time.length - 1]!)).toBe('2023-11-10');
    const i = Array.from(bars.time).indexOf(Date.UTC(2020, 7, 28));
    expect([bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i]]).toEqual([504.05, 505.77, 498.31, 499.23, 46907479]);
    // The plain series carries no split information: the 4:1 split shows as a jump, and no factor pretends otherwise.
    expect(bars.close[i + 1]).toBe(129.04);
    expect(r.value.splits).toEqual([]);
    expect(r.value.timeZone).toBe('America/New_York');
  });

  it('reads the adjusted series: adjusted close, dividend and split coefficient', () => {
    const r = parseAlphaVantageDaily(fixtureJson('alphavantage/time_series_daily_adjusted_MSFT_2017-08-11_TRUNCATED_1bar.json'), 'adjusted MSFT');
    if (!r.ok) throw new Error(r.error.reason);
    expect(Array.from(r.value.bars.close)).toEqual([72.5]);
    expect(Array.from(r.value.bars.volume)).toEqual([21121250]);
    expect(Array.from(r.value.dividendFactor)).toEqual([1]);
    expect(r.value.dividends).toEqual([]);
  });

  it('stores split-adjusted bars when the adjusted series reports a split', () => {
    const row = (close: string, split: string) => ({ '1. open': close, '2. high': close, '3. low': close, '4. close': close, '5. adjusted close': close, '6. volume': '100', '7. dividend amount': '0.0000', '8. split coefficient': split });
    const body = { 'Meta Data': { '2. Symbol': 'X' }, 'Time Series (Daily)': { '2020-08-31': row('129.04', '4.0'), '2020-08-28': row('499.23', '1.0') } };
    const r = parseAlphaVantageDaily(body, 'adjusted X');
    if (!r.ok) throw new Error(r.error.reason);
    expect(r.value.splits).toEqual([{ time: Date.UTC(2020, 7, 31), numerator: 4, denominator: 1 }]);
    expect(Array.from(r.value.bars.close)).toEqual([499.23 / 4, 129.04]);
    expect(Array.from(r.value.bars.volume)).toEqual([400, 100]);
    expect(Array.from(r.value.splitFactor)).toEqual([4, 1]);
  });

  it('recognizes the HTTP 200 Note / Information / Error Message bodies as errors, not data', () => {
    const expected: Record<string, string> = {
      'error_message_invalid_api_call_FX_DAILY_2021-01.json': 'UNKNOWN_ID',
      'information_rate_limit_25_per_day_2025-12.json': 'RATE_LIMITED',
      'note_rate_limit_5_per_minute_500_per_day_2018-11.json': 'RATE_LIMITED',
    };
    expect(fixtureNames('alphavantage/errors-transcribed')).toEqual(Object.keys(expected).sort());
    for (const [name, code] of Object.entries(expected)) {
      const body = fixtureJson(`alphavantage/errors-transcribed/${name}`);
      for (const parsed of [parseAlphaVantageDaily(body, 'r'), parseAlphaVantageOverview(body, 'r'), parseAlphaVantageIncome(body, 'r')]) {
        expect(parsed.ok ? 'ok' : parsed.error.code, name).toBe(code);
      }
    }
    expect(alphaVantageError({ 'Error Message': 'the parameter apikey is invalid or missing.' }, 'r')?.code).toBe('BAD_API_KEY');
    expect(alphaVantageError({}, 'r')?.code).toBe('UNKNOWN_ID');
  });

  it('parses the company overview, numbers as numbers and ids as text', () => {
    const r = parseAlphaVantageOverview(fixtureJson('alphavantage/overview_IBM_2020-09.json'), 'overview IBM');
    if (!r.ok) throw new Error(r.error.reason);
    expect(r.value).toMatchObject({ Symbol: 'IBM', PERatio: 14.1327, EPS: 8.811, BookValue: 23.076, SharesOutstanding: 890579008, LatestQuarter: '2020-06-30' });
  });

  it('turns income statements into facts, "None" skipped (570 values, 105 None in the raw JSON)', () => {
    const r = parseAlphaVantageIncome(fixtureJson('alphavantage/income_statement_IBM_2020.json'), 'income IBM');
    if (!r.ok) throw new Error(r.error.reason);
    expect(r.value.length).toBe(570);
    const ni2019 = r.value.find((f) => f.concept === 'netIncome' && f.form === 'annual' && isoDate(f.end) === '2019-12-31');
    expect(ni2019).toMatchObject({ value: 9431000000, unit: 'USD', taxonomy: 'alphavantage' });
    // No filing date from Alpha Vantage: public 60 days after the fiscal year end, never before it.
    expect(isoDate(ni2019!.filed)).toBe('2020-02-29');
    expect(isoDate(ni2019!.start!)).toBe('2019-01-01');
  });

  it('parses string numbers strictly', () => {
    expect(avNumber('183.9700')).toBe(183.97);
    expect(avNumber('-614000000')).toBe(-614000000);
    expect(avNumber('None')).toBeNull();
    expect(avNumber('12abc')).toBeUndefined();
    expect(avNumber('Infinity')).toBeUndefined();
  });

  it('refuses bodies it does not know (intraday, quote, search), naming the missing key', () => {
    for (const name of ['time_series_intraday_1min_MSFT_2017-12-18.json', 'global_quote_MSFT_2018-10-05.json', 'symbol_search_BA.json']) {
      const r = parseAlphaVantageDaily(fixtureJson(`alphavantage/${name}`), name);
      expect(r.ok ? 'ok' : r.error.code, name).toBe('MALFORMED_BODY');
    }
  });
});
