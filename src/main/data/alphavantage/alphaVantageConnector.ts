// Alpha Vantage: daily bars (TIME_SERIES_DAILY, full) or fundamentals (INCOME_STATEMENT facts, OVERVIEW checked for the name).
import { parseAlphaVantageDaily, parseAlphaVantageIncome, parseAlphaVantageOverview } from '../../../core/data/alphaVantage';
import { dataError } from '../../../core/data/dataError';
import { err, ok } from '../../../core/model/result';
import type { Connector, FetchRecord } from '../connector';
import { fetchJson } from '../http/fetchJson';

const SYMBOL = /^[A-Za-z0-9.\-:]{1,20}$/;

export const alphaVantageConnector: Connector = async (request, context) => {
  const symbol = request.id.trim().toUpperCase();
  if (!SYMBOL.test(symbol)) return err(dataError('UNKNOWN_ID', 'alphavantage', `query ${request.id}`, 'not a ticker symbol'));
  if (!context.apiKey) return err(dataError('BAD_API_KEY', 'alphavantage', `query ${symbol}`, 'no Alpha Vantage API key: pass --api-key or store one with `nautilus data key set alphavantage`'));
  const url = (fn: string, extra: Record<string, string> = {}): string =>
    `${context.baseUrl}/query?${new URLSearchParams({ function: fn, symbol, ...extra, apikey: context.apiKey! })}`;
  const fetches: FetchRecord[] = [];
  if (request.kind === 'bars') {
    if (request.timeframe !== '1D') return err(dataError('BAD_REQUEST', 'alphavantage', `TIME_SERIES_DAILY ${symbol}`, 'only daily bars are fetched from Alpha Vantage'));
    const label = `TIME_SERIES_DAILY ${symbol}`;
    const bars = await fetchJson(context, { url: url('TIME_SERIES_DAILY', { outputsize: 'full' }), label, parse: (json) => parseAlphaVantageDaily(json, label) }, fetches);
    return bars.ok ? ok({ dataset: bars.value, fetches }) : bars;
  }
  if (request.kind === 'fundamentals') {
    const overviewLabel = `OVERVIEW ${symbol}`;
    const overview = await fetchJson(context, { url: url('OVERVIEW'), label: overviewLabel, parse: (json) => parseAlphaVantageOverview(json, overviewLabel) }, fetches);
    if (!overview.ok) return overview;
    const label = `INCOME_STATEMENT ${symbol}`;
    const income = await fetchJson(context, { url: url('INCOME_STATEMENT'), label, parse: (json) => parseAlphaVantageIncome(json, label) }, fetches);
    if (!income.ok) return income;
    const cik = overview.value.CIK;
    const entity = String(overview.value.Name ?? symbol);
    // Alpha Vantage writes "None" for a field it does not have.
    const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' && v !== 'None' ? v.trim() : undefined);
    const sector = text(overview.value.Sector);
    const industry = text(overview.value.Industry);
    const profile = { name: entity, ...(sector ? { sector } : {}), ...(industry ? { industry } : {}) };
    return ok({
      dataset: { kind: 'fundamentals', symbol, entity, cik: typeof cik === 'string' && /^\d+$/.test(cik) ? Number(cik) : null, facts: income.value, duplicatesDropped: 0, profile },
      fetches,
    });
  }
  return err(dataError('BAD_REQUEST', 'alphavantage', `query ${symbol}`, `Alpha Vantage offers bars and fundamentals, not ${request.kind}`));
};
