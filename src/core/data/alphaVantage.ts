// Parses Alpha Vantage: string numbers, HTTP 200 "Note"/"Information"/"Error Message" bodies, daily series, overview, income statements.
import { z } from 'zod';
import { err, ok, type Result } from '../model/result';
import { splitFactors, type DividendEvent, type FetchedBars, type SplitEvent } from './barSeries';
import { dataError, type DataError } from './dataError';
import { parseIsoDate } from './exchangeDate';
import type { FundamentalFact } from './fundamentals';
import { issuePath } from './jsonBody';

/** Alpha Vantage answers every failure with HTTP 200 and one key: a rate limit is not data, nor is an error message. */
export function alphaVantageError(json: unknown, request: string): DataError | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const body = json as Record<string, unknown>;
  const note = body.Note ?? body.Information;
  if (typeof note === 'string') {
    const code = /api ?key/i.test(note) && !/rate limit|requests per|call frequency/i.test(note) ? 'BAD_API_KEY' : 'RATE_LIMITED';
    return dataError(code, 'alphavantage', request, note, 200);
  }
  const message = body['Error Message'];
  if (typeof message === 'string') {
    const code = /apikey/i.test(message) ? 'BAD_API_KEY' : /invalid api call/i.test(message) ? 'UNKNOWN_ID' : 'BAD_REQUEST';
    return dataError(code, 'alphavantage', request, message, 200);
  }
  if (Object.keys(body).length === 0) return dataError('UNKNOWN_ID', 'alphavantage', request, 'empty object (Alpha Vantage returns {} for an unknown symbol)', 200);
  return undefined;
}

/** `"183.9700"` → 183.97; `"None"`, `"-"` and `""` → null; anything else that is not a finite number → undefined (malformed). */
export function avNumber(text: string): number | null | undefined {
  if (text === 'None' || text === '-' || text === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

const dailySchema = z.object({
  'Meta Data': z.object({ '2. Symbol': z.string(), '5. Time Zone': z.string().optional() }).passthrough(),
  'Time Series (Daily)': z.record(z.string(), z.record(z.string(), z.string())),
});

/** Field by its name after Alpha Vantage's "N. " prefix (the numbering differs between the plain and adjusted series). */
function field(row: Record<string, string>, name: string): string | undefined {
  for (const [key, value] of Object.entries(row)) if (key.replace(/^\d+[a-z]?\. /, '') === name) return value;
  return undefined;
}

/** TIME_SERIES_DAILY (as traded, unadjusted) or TIME_SERIES_DAILY_ADJUSTED (with adjusted close, dividends and splits). */
export function parseAlphaVantageDaily(json: unknown, request: string): Result<FetchedBars, DataError> {
  const refused = alphaVantageError(json, request);
  if (refused) return err(refused);
  const parsed = dailySchema.safeParse(json);
  if (!parsed.success) return err(dataError('MALFORMED_BODY', 'alphavantage', request, issuePath(parsed.error.issues), 200));
  const entries = Object.entries(parsed.data['Time Series (Daily)'])
    .map(([date, row]) => ({ date, time: parseIsoDate(date), row }))
    .sort((a, b) => (a.time ?? 0) - (b.time ?? 0));
  const n = entries.length;
  const bars = { time: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n) };
  const adjusted = new Float64Array(n).fill(Number.NaN);
  const splits: SplitEvent[] = [];
  const dividends: DividendEvent[] = [];
  for (const [i, { date, time, row }] of entries.entries()) {
    if (time === undefined) return err(dataError('MALFORMED_BODY', 'alphavantage', request, `Time Series (Daily).${date}: not a date`, 200));
    const values = ['open', 'high', 'low', 'close', 'volume'].map((name) => avNumber(field(row, name) ?? ''));
    const bad = values.findIndex((v) => v === undefined || v === null);
    if (bad >= 0) return err(dataError('MALFORMED_BODY', 'alphavantage', request, `Time Series (Daily).${date}: ${['open', 'high', 'low', 'close', 'volume'][bad]} is not a number`, 200));
    const [o, h, l, c, v] = values as number[];
    bars.time[i] = time;
    bars.open[i] = o!;
    bars.high[i] = h!;
    bars.low[i] = l!;
    bars.close[i] = c!;
    bars.volume[i] = v!;
    const adj = avNumber(field(row, 'adjusted close') ?? '');
    if (typeof adj === 'number') adjusted[i] = adj;
    const dividend = avNumber(field(row, 'dividend amount') ?? '');
    if (typeof dividend === 'number' && dividend > 0) dividends.push({ time, amount: dividend });
    const split = avNumber(field(row, 'split coefficient') ?? '');
    if (typeof split === 'number' && split > 0 && split !== 1) splits.push({ time, numerator: split, denominator: 1 });
  }
  // Alpha Vantage's plain daily series is as traded; bars are stored split-adjusted like every other provider's.
  const asTraded = splitFactors(bars.time, splits);
  for (let i = 0; i < n; i++) {
    const f = asTraded[i] as number;
    bars.open[i] = (bars.open[i] as number) / f;
    bars.high[i] = (bars.high[i] as number) / f;
    bars.low[i] = (bars.low[i] as number) / f;
    bars.close[i] = (bars.close[i] as number) / f;
    bars.volume[i] = (bars.volume[i] as number) * f;
  }
  const dividendFactor = Float64Array.from(adjusted, (a, i) => (Number.isFinite(a) ? a / (bars.close[i] as number) : 1));
  return ok({
    kind: 'bars',
    symbol: parsed.data['Meta Data']['2. Symbol'],
    timeframe: '1D',
    currency: 'USD',
    exchange: '',
    timeZone: parsed.data['Meta Data']['5. Time Zone'] === 'US/Eastern' ? 'America/New_York' : (parsed.data['Meta Data']['5. Time Zone'] ?? 'UTC'),
    utcOffsetMinutes: -300,
    bars,
    splitFactor: asTraded,
    dividendFactor,
    splits,
    dividends,
    skippedNullRows: 0,
    skippedOffGridRows: 0,
  });
}

const overviewSchema = z.record(z.string(), z.string()).refine((o) => typeof o.Symbol === 'string', 'Symbol missing');

/** OVERVIEW: every value a string; numbers parsed, "None" → null, text kept as text. */
export function parseAlphaVantageOverview(json: unknown, request: string): Result<Record<string, string | number | null>, DataError> {
  const refused = alphaVantageError(json, request);
  if (refused) return err(refused);
  const parsed = overviewSchema.safeParse(json);
  if (!parsed.success) return err(dataError('MALFORMED_BODY', 'alphavantage', request, issuePath(parsed.error.issues), 200));
  const out: Record<string, string | number | null> = {};
  for (const [key, text] of Object.entries(parsed.data)) {
    const value = avNumber(text);
    out[key] = value === undefined || /^(Symbol|CIK|FiscalYearEnd)$/.test(key) ? text : value;
  }
  return ok(out);
}

const reportSchema = z.record(z.string(), z.string());
const incomeSchema = z.object({ symbol: z.string(), annualReports: z.array(reportSchema), quarterlyReports: z.array(reportSchema).optional() });

/**
 * INCOME_STATEMENT as facts. Alpha Vantage gives no filing date, so a report is treated as public on its fiscal period
 * end plus `reportingLagDays` (the SEC's 10-K deadline for large filers is 60 days, a 10-Q's 40): a conservative stand-in.
 */
export function parseAlphaVantageIncome(json: unknown, request: string, reportingLagDays = { annual: 60, quarterly: 40 }): Result<FundamentalFact[], DataError> {
  const refused = alphaVantageError(json, request);
  if (refused) return err(refused);
  const parsed = incomeSchema.safeParse(json);
  if (!parsed.success) return err(dataError('MALFORMED_BODY', 'alphavantage', request, issuePath(parsed.error.issues), 200));
  const facts: FundamentalFact[] = [];
  const add = (reports: readonly Record<string, string>[], annual: boolean): DataError | undefined => {
    for (const [i, report] of reports.entries()) {
      const end = parseIsoDate(report.fiscalDateEnding ?? '');
      if (end === undefined) return dataError('MALFORMED_BODY', 'alphavantage', request, `${annual ? 'annual' : 'quarterly'}Reports.${i}.fiscalDateEnding is not a date`, 200);
      const unit = report.reportedCurrency ?? 'USD';
      const lag = (annual ? reportingLagDays.annual : reportingLagDays.quarterly) * 86_400_000;
      for (const [concept, text] of Object.entries(report)) {
        if (concept === 'fiscalDateEnding' || concept === 'reportedCurrency') continue;
        const value = avNumber(text);
        if (value === undefined) return dataError('MALFORMED_BODY', 'alphavantage', request, `${annual ? 'annual' : 'quarterly'}Reports.${i}.${concept}: "${text}" is not a number`, 200);
        if (value === null) continue;
        const start = new Date(end);
        start.setUTCMonth(start.getUTCMonth() - (annual ? 12 : 3));
        facts.push({ taxonomy: 'alphavantage', concept, unit, start: start.getTime() + 86_400_000, end, value, fy: null, fp: annual ? 'FY' : null, form: annual ? 'annual' : 'quarterly', filed: end + lag, accession: `${request}#${annual ? 'A' : 'Q'}${i}` });
      }
    }
    return undefined;
  };
  const failed = add(parsed.data.annualReports, true) ?? add(parsed.data.quarterlyReports ?? [], false);
  return failed ? err(failed) : ok(facts);
}
