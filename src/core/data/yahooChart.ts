// Parses Yahoo Finance's v8 chart response: bars (null rows skipped and counted), exchange time zone, splits, dividends, adjclose.
import { z } from 'zod';
import { TIMEFRAME_MS, type Timeframe } from '../model/marketData';
import { err, ok, type Result } from '../model/result';
import { splitFactors, type DividendEvent, type FetchedBars, type SplitEvent } from './barSeries';
import { dataError, type DataError } from './dataError';
import { exchangeDayStart } from './exchangeDate';
import { issuePath } from './jsonBody';

/** Yahoo's interval for each stored timeframe. */
export const YAHOO_INTERVAL: Readonly<Record<Timeframe, string>> = { '1m': '1m', '5m': '5m', '15m': '15m', '1h': '1h', '1D': '1d' };

const num = z.number().nullable();
const chartSchema = z.object({
  chart: z.object({
    result: z
      .array(
        z.object({
          meta: z
            .object({
              symbol: z.string(),
              currency: z.string().nullable().optional(),
              exchangeName: z.string().optional(),
              gmtoffset: z.number().finite(),
              exchangeTimezoneName: z.string().optional(),
              dataGranularity: z.string().optional(),
            })
            .passthrough(),
          timestamp: z.array(z.number().finite()).optional(),
          events: z
            .object({
              splits: z.record(z.string(), z.object({ date: z.number(), numerator: z.number().positive(), denominator: z.number().positive() }).passthrough()).optional(),
              dividends: z.record(z.string(), z.object({ date: z.number(), amount: z.number().finite() })).optional(),
            })
            .passthrough()
            .optional(),
          indicators: z.object({
            quote: z.array(z.object({ open: z.array(num).optional(), high: z.array(num).optional(), low: z.array(num).optional(), close: z.array(num).optional(), volume: z.array(num).optional() })),
            adjclose: z.array(z.object({ adjclose: z.array(num).optional() })).optional(),
          }),
        }),
      )
      .nullable(),
    error: z.object({ code: z.string(), description: z.string() }).nullable().optional(),
  }),
});

/** Yahoo's `chart.error`: "Not Found" is an unknown (or delisted) symbol; "Data doesn't exist" a range with nothing in it. */
function chartError(code: string, description: string, request: string, status?: number): DataError {
  if (code === 'Not Found') return dataError('UNKNOWN_ID', 'yahoo', request, description, status);
  if (/doesn't exist|no data/i.test(description)) return dataError('NO_DATA', 'yahoo', request, description, status);
  return dataError('BAD_REQUEST', 'yahoo', request, `${code}: ${description}`, status);
}

export function parseYahooChart(json: unknown, timeframe: Timeframe, request: string, status?: number): Result<FetchedBars, DataError> {
  const parsed = chartSchema.safeParse(json);
  if (!parsed.success) return err(dataError('MALFORMED_BODY', 'yahoo', request, issuePath(parsed.error.issues), status));
  const { result, error } = parsed.data.chart;
  if (error) return err(chartError(error.code, error.description, request, status));
  const chart = result?.[0];
  if (!chart) return err(dataError('MALFORMED_BODY', 'yahoo', request, 'chart.result is empty', status));
  const { meta } = chart;
  if (meta.dataGranularity !== undefined && meta.dataGranularity !== YAHOO_INTERVAL[timeframe]) {
    return err(dataError('MALFORMED_BODY', 'yahoo', request, `bars are ${meta.dataGranularity}, ${YAHOO_INTERVAL[timeframe]} was asked for`, status));
  }
  const timeZone = meta.exchangeTimezoneName ?? 'UTC';
  const daily = timeframe === '1D';
  const stepSeconds = TIMEFRAME_MS[timeframe] / 1000;
  const keyOf = (seconds: number): number => (daily ? exchangeDayStart(seconds, meta.exchangeTimezoneName, meta.gmtoffset) : seconds * 1000);

  const stamps = chart.timestamp ?? [];
  const quote = chart.indicators.quote[0] ?? {};
  const adjclose = chart.indicators.adjclose?.[0]?.adjclose;
  for (const [name, column] of Object.entries(quote)) {
    if (column && column.length !== stamps.length) {
      return err(dataError('MALFORMED_BODY', 'yahoo', request, `indicators.quote.${name} has ${column.length} values for ${stamps.length} timestamps`, status));
    }
  }
  const rows: { key: number; o: number; h: number; l: number; c: number; v: number; adj: number }[] = [];
  let skippedNullRows = 0;
  let skippedOffGridRows = 0;
  const grid = stamps.length > 0 ? (stamps[0] as number) % stepSeconds : 0;
  for (let i = 0; i < stamps.length; i++) {
    const o = quote.open?.[i];
    const h = quote.high?.[i];
    const l = quote.low?.[i];
    const c = quote.close?.[i];
    if (o == null || h == null || l == null || c == null) {
      skippedNullRows++;
      continue;
    }
    const seconds = stamps[i] as number;
    if (!daily && seconds % stepSeconds !== grid) {
      skippedOffGridRows++;
      continue;
    }
    const adj = adjclose?.[i];
    const row = { key: keyOf(seconds), o, h, l, c, v: quote.volume?.[i] ?? 0, adj: adj != null && c !== 0 ? adj / c : 1 };
    // A live daily point can share its date with the session's bar: the later one (the newer quote) wins.
    const last = rows[rows.length - 1];
    if (last && last.key === row.key) rows[rows.length - 1] = row;
    else if (!last || last.key < row.key) rows.push(row);
    else return err(dataError('MALFORMED_BODY', 'yahoo', request, `timestamp[${i}] ${seconds} goes back in time`, status));
  }

  const splits: SplitEvent[] = Object.values(chart.events?.splits ?? {})
    .map((s) => ({ time: keyOf(s.date), numerator: s.numerator, denominator: s.denominator }))
    .sort((a, b) => a.time - b.time);
  const dividends: DividendEvent[] = Object.values(chart.events?.dividends ?? {})
    .map((d) => ({ time: keyOf(d.date), amount: d.amount }))
    .sort((a, b) => a.time - b.time);
  const n = rows.length;
  const bars = { time: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n) };
  const dividendFactor = new Float64Array(n);
  rows.forEach((r, i) => {
    bars.time[i] = r.key;
    bars.open[i] = r.o;
    bars.high[i] = r.h;
    bars.low[i] = r.l;
    bars.close[i] = r.c;
    bars.volume[i] = r.v;
    dividendFactor[i] = r.adj;
  });
  return ok({
    kind: 'bars',
    symbol: meta.symbol,
    timeframe,
    currency: meta.currency ?? 'USD',
    exchange: meta.exchangeName ?? '',
    timeZone,
    utcOffsetMinutes: Math.round(meta.gmtoffset / 60),
    bars,
    splitFactor: splitFactors(bars.time, splits),
    dividendFactor,
    splits,
    dividends,
    skippedNullRows,
    skippedOffGridRows,
  });
}
