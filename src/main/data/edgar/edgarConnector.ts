// SEC EDGAR: ticker → CIK through company_tickers.json, then XBRL company facts (point in time by filing date).
import { dataError } from '../../../core/data/dataError';
import { edgarStatusError, paddedCik, parseCompanyFacts, parseTickerMap } from '../../../core/data/edgar';
import { err, ok } from '../../../core/model/result';
import type { Connector, FetchRecord } from '../connector';
import { fetchJson } from '../http/fetchJson';
import { PROVIDER_DEFAULTS } from '../providers';

/** company_tickers.json lives on www.sec.gov, the APIs on data.sec.gov; a test server (one base URL) serves both. */
const SEC_WWW = 'https://www.sec.gov';
/** The ticker map changes a few times a day at most. */
const TICKER_MAP_MAX_AGE_MS = 24 * 3600_000;

/** SEC fair access: a User-Agent naming the tool and a contact email, e.g. "Nautilus Workstation jane@example.com". */
export const isDeclaredUserAgent = (userAgent: string | undefined): userAgent is string => !!userAgent && /\S+@\S+\.\S+/.test(userAgent);

export const edgarConnector: Connector = async (request, context) => {
  const id = request.id.trim().toUpperCase();
  if (request.kind !== 'fundamentals') return err(dataError('BAD_REQUEST', 'edgar', `companyfacts ${id}`, `EDGAR offers fundamentals, not ${request.kind}`));
  const fetches: FetchRecord[] = [];
  let cik: number;
  if (/^\d{1,10}$/.test(id)) cik = Number(id);
  else {
    const www = context.baseUrl === PROVIDER_DEFAULTS.edgar.baseUrl ? SEC_WWW : context.baseUrl;
    const label = 'company_tickers';
    const map = await fetchJson(
      context,
      { url: `${www}/files/company_tickers.json`, label, parse: (json) => parseTickerMap(json, label), statusError: (s, r) => edgarStatusError(s, label, r), cacheMaxAgeMs: TICKER_MAP_MAX_AGE_MS },
      fetches,
    );
    if (!map.ok) return map;
    const entry = map.value.get(id);
    if (!entry) return err(dataError('UNKNOWN_ID', 'edgar', `company_tickers ${id}`, `${id} is not in SEC's ticker map`));
    cik = entry.cik;
  }
  const label = `companyfacts ${id} CIK${paddedCik(cik)}`;
  const facts = await fetchJson(
    context,
    {
      url: `${context.baseUrl}/api/xbrl/companyfacts/CIK${paddedCik(cik)}.json`,
      label,
      parse: (json) => parseCompanyFacts(json, id, label),
      statusError: (status, reason) => edgarStatusError(status, label, reason),
    },
    fetches,
  );
  return facts.ok ? ok({ dataset: facts.value, fetches }) : facts;
};
