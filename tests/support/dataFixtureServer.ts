// A local HTTP server (127.0.0.1, port 0) answering like Yahoo, FRED, EDGAR, Alpha Vantage and DBnomics from the recorded
// responses in tests/fixtures/data, with injectable faults: fail N times, cut a body mid-way, or answer slowly.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixtureText } from './dataFixtures';

export interface RecordedRequest {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly userAgent: string | undefined;
}

export interface Fault {
  /** Answer this many matching requests with `status` (default 503) before serving the fixture. */
  failTimes?: number;
  status?: number;
  /** Send a full Content-Length but only this share of the body, then drop the connection (every time while > 0 left). */
  truncateTimes?: number;
  /** Serve HTML instead of JSON. */
  html?: boolean;
  /** Never answer this many matching requests (the client's timeout must fire). */
  hangTimes?: number;
}

type Answer = { status: number; body: string; type?: string };

const json = (path: string, status = 200): Answer => ({ status, body: fixtureText(path), type: 'application/json' });
const YAHOO: Record<string, string> = {
  'AAPL 1d': 'yahoo/chart_AAPL_1d_2020-08-31_2020-11-07_split4-1_dividend.json',
  'AAPL 1m': 'yahoo/chart_AAPL_1m_2024-10-02_with_null_row.json',
  'MSFT 1d': 'yahoo/chart_MSFT_1d_2021-02-01_2022-01-31_4dividends.json',
  'TSLA 1d': 'yahoo/chart_TSLA_1d_1970-01-01_2023-08-12_full_history.json',
  'BTC-USD 1d': 'yahoo/chart_BTC-USD_1d_2020_with_null_rows.json',
  'BZ=F 1h': 'yahoo/chart_BZ=F_1h_range7d_29_null_rows.json',
};

/** Yahoo answers only the bars in [period1, period2): the recorded arrays are filtered by index, nothing else changes. */
function yahooInRange(text: string, period1: number, period2: number): string {
  const doc = JSON.parse(text) as { chart: { result: { timestamp?: number[]; indicators: { quote: Record<string, unknown[]>[]; adjclose?: { adjclose: unknown[] }[] } }[] } };
  const r = doc.chart.result[0]!;
  const keep = (r.timestamp ?? []).map((t) => t >= period1 && t < period2);
  const pick = <T>(a: T[] | undefined): T[] | undefined => a?.filter((_, i) => keep[i]);
  r.timestamp = pick(r.timestamp)!;
  const q = r.indicators.quote[0]!;
  for (const k of Object.keys(q)) q[k] = pick(q[k])!;
  if (r.indicators.adjclose?.[0]) r.indicators.adjclose[0].adjclose = pick(r.indicators.adjclose[0].adjclose)!;
  return JSON.stringify(doc);
}

function route(path: string, q: URLSearchParams): Answer {
  let m = /^\/v8\/finance\/chart\/([^/]+)$/.exec(path);
  if (m) {
    const symbol = decodeURIComponent(m[1]!);
    if (symbol === 'MDLY') return json('yahoo/error_404_chart_MDLY_no_data_delisted.json', 404);
    if (symbol === 'BEKE') return json('yahoo/error_400_chart_BEKE_data_doesnt_exist_for_range.json', 400);
    const file = YAHOO[`${symbol} ${q.get('interval')}`];
    if (!file) return json('yahoo/error_404_chart_MDLY_no_data_delisted.json', 404);
    return { status: 200, body: yahooInRange(fixtureText(file), Number(q.get('period1')), Number(q.get('period2'))), type: 'application/json' };
  }
  if (path.startsWith('/fred/')) {
    if (q.get('api_key') !== 'test-fred-key') return json('fred/errors-transcribed/400_api_key_not_registered.json', 400);
    const id = q.get('series_id');
    if (path === '/fred/series') return id === 'GDP' || id === 'WGS10YR' ? json(`fred/series_${id}.json`) : json('fred/errors-transcribed/400_series_does_not_exist_2026.json', 400);
    if (path === '/fred/series/observations') {
      if (id === 'GDP') return json(q.get('realtime_start') === '1776-07-04' ? 'fred/series_observations_GDP_all_vintages_realtime_1776-07-04_9999-12-31.json' : 'fred/series_observations_GDP.json');
      if (id === 'WGS10YR') return json('fred/series_observations_WGS10YR.json');
      return json('fred/errors-transcribed/400_series_does_not_exist_2026.json', 400);
    }
  }
  if (path === '/files/company_tickers.json') return json('edgar/company_tickers.json');
  m = /^\/api\/xbrl\/companyfacts\/CIK(\d{10})\.json$/.exec(path);
  if (m) {
    if (m[1] === '0000320193') return json('edgar/companyfacts_CIK0000320193_AAPL.json');
    if (m[1] === '0001045810') return json('edgar/companyfacts_CIK0001045810_NVDA.json');
    return { status: 404, body: fixtureText('edgar/error_404_submissions_bad_cik.xml'), type: 'application/xml' };
  }
  if (path === '/query') {
    const fn = q.get('function');
    const symbol = q.get('symbol');
    if (q.get('apikey') !== 'test-av-key') return { status: 200, body: JSON.stringify({ 'Error Message': 'the parameter apikey is invalid or missing. Please claim your free API key on (https://www.alphavantage.co/support/#api-key).' }) };
    if (symbol === 'LIMIT') return json('alphavantage/errors-transcribed/information_rate_limit_25_per_day_2025-12.json');
    if (symbol === 'NOTE') return json('alphavantage/errors-transcribed/note_rate_limit_5_per_minute_500_per_day_2018-11.json');
    if (fn === 'TIME_SERIES_DAILY' && symbol === 'AAPL') return json('alphavantage/time_series_daily_AAPL_full_2023-11-10.json');
    if (fn === 'OVERVIEW' && symbol === 'IBM') return json('alphavantage/overview_IBM_2020-09.json');
    if (fn === 'INCOME_STATEMENT' && symbol === 'IBM') return json('alphavantage/income_statement_IBM_2020.json');
    return json('alphavantage/errors-transcribed/error_message_invalid_api_call_FX_DAILY_2021-01.json');
  }
  m = /^\/v22\/series\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(path);
  if (m) {
    const [, provider, dataset, series] = m.map((s) => decodeURIComponent(s));
    if (provider !== 'CEPII' || dataset !== 'CHELEM-TRADE-CHEL') return { status: 404, body: JSON.stringify({ message: `Provider or dataset not found: ${provider}/${dataset}` }) };
    // DBnomics answers one series; the recording is a dataset page, so the matching doc is picked out of it.
    const doc = JSON.parse(fixtureText('dbnomics/v22_series_CEPII_CHELEM-TRADE-CHEL_limit1000_observations_facets.json')) as { series: { docs: { series_code: string }[]; num_found: number } };
    doc.series.docs = doc.series.docs.filter((d) => d.series_code === series);
    doc.series.num_found = doc.series.docs.length;
    return { status: 200, body: JSON.stringify(doc), type: 'application/json' };
  }
  return { status: 404, body: '<html><head><title>404 Not Found</title></head><body>no such path</body></html>', type: 'text/html' };
}

export interface DataFixtureServer {
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** Faults by path prefix. */
  readonly faults: Map<string, Fault>;
  close(): Promise<void>;
}

export async function startDataFixtureServer(): Promise<DataFixtureServer> {
  const requests: RecordedRequest[] = [];
  const faults = new Map<string, Fault>();
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ path: url.pathname, query: url.searchParams, userAgent: req.headers['user-agent'] });
    const fault = [...faults.entries()].find(([prefix]) => url.pathname.startsWith(prefix))?.[1];
    if (fault?.failTimes) {
      fault.failTimes--;
      res.writeHead(fault.status ?? 503, { 'content-type': 'text/html' }).end('<html><head><title>Service Unavailable</title></head></html>');
      return;
    }
    if (fault?.hangTimes) {
      fault.hangTimes--;
      return;
    }
    if (fault?.html) {
      res.writeHead(200, { 'content-type': 'text/html' }).end(fixtureText('edgar/error_503_browse_edgar_getcurrent_start5100.html'));
      return;
    }
    const answer = route(url.pathname, url.searchParams);
    const body = Buffer.from(answer.body);
    if (fault?.truncateTimes) {
      fault.truncateTimes--;
      res.writeHead(answer.status, { 'content-type': answer.type ?? 'application/json', 'content-length': String(body.length) });
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
      return;
    }
    res.writeHead(answer.status, { 'content-type': answer.type ?? 'application/json', 'content-length': String(body.length) }).end(body);
  };
  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
