import { describe, expect, it } from 'vitest';
import { splitFactors } from '../../../../src/core/data/barSeries';
import { isoDate } from '../../../../src/core/data/exchangeDate';
import { parseYahooChart } from '../../../../src/core/data/yahooChart';
import type { Timeframe } from '../../../../src/core/model/marketData';
import { fixtureJson, fixtureNames } from '../../../support/dataFixtures';

const parse = (name: string, timeframe: Timeframe) => parseYahooChart(fixtureJson(`yahoo/${name}`), timeframe, `chart ${name}`);

describe('Yahoo v8 chart parser', () => {
  it('covers every recorded Yahoo body (bars, counts, or the right error)', () => {
    // Expected counts computed from the raw JSON (python): rows with any null OHLC skipped, intraday off-grid points skipped.
    const expected: Record<string, { tf: Timeframe; bars?: number; nulls?: number; offGrid?: number; error?: string }> = {
      'chart_AAPL_1d_2020-08-31_2020-11-07_split4-1_dividend.json': { tf: '1D', bars: 49, nulls: 0 },
      'chart_AAPL_1d_2022-02-22_single_bar.json': { tf: '1D', bars: 1, nulls: 0 },
      'chart_AAPL_1m_2024-10-02_with_null_row.json': { tf: '1m', bars: 390, nulls: 1, offGrid: 0 },
      'chart_AAPL_1m_2025-02-01_weekend_empty.json': { tf: '1m', bars: 0, nulls: 0 },
      'chart_BTC-USD_1d_2020_with_null_rows.json': { tf: '1D', bars: 366, nulls: 4 },
      'chart_BZ=F_1d_2009-04-13_8_null_bars.json': { tf: '1D', bars: 2, nulls: 8 },
      'chart_BZ=F_1h_range7d_29_null_rows.json': { tf: '1h', bars: 118, nulls: 29, offGrid: 1 },
      'chart_EURUSD=X_1d_2020-01-01_2020-01-03.json': { tf: '1D', bars: 3, nulls: 0 },
      'chart_MSFT_1d_2021-02-01_2022-01-31_4dividends.json': { tf: '1D', bars: 252, nulls: 0 },
      'chart_TSLA_1d_1970-01-01_2023-08-12_full_history.json': { tf: '1D', bars: 3303, nulls: 0 },
      'chart_TSLA_30m_2021-11-22.json': { tf: '1h', error: 'MALFORMED_BODY' },
      'error_400_chart_BEKE_data_doesnt_exist_for_range.json': { tf: '1D', error: 'NO_DATA' },
      'error_404_chart_MDLY_no_data_delisted.json': { tf: '1D', error: 'UNKNOWN_ID' },
    };
    expect(fixtureNames('yahoo')).toEqual(Object.keys(expected).sort());
    for (const [name, want] of Object.entries(expected)) {
      const result = parse(name, want.tf);
      if (want.error) {
        expect(result.ok ? 'ok' : result.error.code, name).toBe(want.error);
        continue;
      }
      if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
      expect(result.value.bars.time.length, name).toBe(want.bars);
      expect(result.value.skippedNullRows, name).toBe(want.nulls);
      if (want.offGrid !== undefined) expect(result.value.skippedOffGridRows, name).toBe(want.offGrid);
      expect(Array.from(result.value.bars.close).every(Number.isFinite), name).toBe(true);
    }
  });

  it('keys daily bars by the exchange calendar date from meta, not the UTC date of the timestamp', () => {
    const r = parse('chart_AAPL_1d_2020-08-31_2020-11-07_split4-1_dividend.json', '1D');
    if (!r.ok) throw new Error(r.error.reason);
    expect(r.value.timeZone).toBe('America/New_York');
    expect(r.value.utcOffsetMinutes).toBe(-300);
    expect(isoDate(r.value.bars.time[0]!)).toBe('2020-08-31');
    expect(r.value.bars.time[0]).toBe(Date.UTC(2020, 7, 31));
    expect(r.value.bars.open[0]).toBeCloseTo(127.58000183105469, 10);
    expect(r.value.bars.close[0]).toBeCloseTo(129.0399932861328, 10);
    expect(r.value.bars.volume[0]).toBe(225702700);
    // EURUSD=X trades on London time: 2020-01-01 00:00 London is still 2020-01-01.
    const fx = parse('chart_EURUSD=X_1d_2020-01-01_2020-01-03.json', '1D');
    if (!fx.ok) throw new Error(fx.error.reason);
    expect(Array.from(fx.value.bars.time, isoDate)).toEqual(['2020-01-01', '2020-01-02', '2020-01-03']);
    expect(Array.from(fx.value.bars.volume)).toEqual([0, 0, 0]);
  });

  it('reads splits and dividends, and keeps the dividend (adjclose) factor per bar', () => {
    const r = parse('chart_AAPL_1d_2020-08-31_2020-11-07_split4-1_dividend.json', '1D');
    if (!r.ok) throw new Error(r.error.reason);
    expect(r.value.splits).toEqual([{ time: Date.UTC(2020, 7, 31), numerator: 4, denominator: 1 }]);
    expect(r.value.dividends).toEqual([{ time: Date.UTC(2020, 10, 6), amount: 0.205 }]);
    // adjclose / close of the first bar, from the raw arrays.
    expect(r.value.dividendFactor[0]).toBeCloseTo(125.82673645019531 / 129.0399932861328, 12);
    // The split took effect on the first bar's date: no bar here predates it, so none is scaled.
    expect(Array.from(r.value.splitFactor).every((f) => f === 1)).toBe(true);
    const msft = parse('chart_MSFT_1d_2021-02-01_2022-01-31_4dividends.json', '1D');
    if (!msft.ok) throw new Error(msft.error.reason);
    expect(msft.value.dividends.map((d) => isoDate(d.time))).toEqual(['2021-02-17', '2021-05-19', '2021-08-18', '2021-11-17']);
  });

  it('turns split-adjusted prices back into as-traded prices for bars before a split', () => {
    const day = 86_400_000;
    const time = Float64Array.from([0, day, 2 * day, 3 * day]);
    expect(Array.from(splitFactors(time, [{ time: 2 * day, numerator: 4, denominator: 1 }]))).toEqual([4, 4, 1, 1]);
    expect(Array.from(splitFactors(time, [{ time: day, numerator: 2, denominator: 1 }, { time: 3 * day, numerator: 1, denominator: 10 }]))).toEqual([0.2, 0.1, 0.1, 1]);
  });

  it('names the request and reason for a Yahoo error body', () => {
    const r = parse('error_404_chart_MDLY_no_data_delisted.json', '1D');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ provider: 'yahoo', request: 'chart error_404_chart_MDLY_no_data_delisted.json', reason: 'No data found, symbol may be delisted' });
  });
});
