// Yahoo Finance chart API v8: daily and intraday bars with splits, dividends and adjusted closes.
import { dataError } from '../../../core/data/dataError';
import { isoDate } from '../../../core/data/exchangeDate';
import { parseYahooChart, YAHOO_INTERVAL } from '../../../core/data/yahooChart';
import { err, ok } from '../../../core/model/result';
import type { Connector, FetchRecord } from '../connector';
import { fetchJson } from '../http/fetchJson';

const DAY = 86_400_000;
/** How far back Yahoo serves each interval when no start is given (its own limits: 1m 7 days, 1h 730 days). */
const DEFAULT_LOOKBACK_MS = { '1m': 7 * DAY, '5m': 59 * DAY, '15m': 59 * DAY, '1h': 729 * DAY } as const;

export const yahooConnector: Connector = async (request, context) => {
  if (request.kind !== 'bars') return err(dataError('BAD_REQUEST', 'yahoo', `chart ${request.id}`, `Yahoo offers bars, not ${request.kind}`));
  const now = context.http.now();
  const to = request.to !== undefined ? request.to + (request.timeframe === '1D' ? DAY : 0) : now;
  const from = request.from ?? (request.timeframe === '1D' ? 0 : now - DEFAULT_LOOKBACK_MS[request.timeframe]);
  const query = new URLSearchParams({
    period1: String(Math.floor(from / 1000)),
    period2: String(Math.floor(to / 1000)),
    interval: YAHOO_INTERVAL[request.timeframe],
    events: 'div|split',
    includeAdjustedClose: 'true',
    includePrePost: 'false',
  });
  const url = `${context.baseUrl}/v8/finance/chart/${encodeURIComponent(request.id)}?${query}`;
  const label = `chart ${request.id} ${request.timeframe} ${isoDate(from)}..${isoDate(to)}`;
  const fetches: FetchRecord[] = [];
  const bars = await fetchJson(context, { url, label, parse: (json, status) => parseYahooChart(json, request.timeframe, label, status) }, fetches);
  return bars.ok ? ok({ dataset: bars.value, fetches }) : bars;
};
