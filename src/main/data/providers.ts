// Each data provider's defaults: base URL (scheme, host, port; the provider's paths are kept), request spacing, kinds offered.
import type { DataProvider } from '../../core/data/dataError';
import { PROVIDER_KINDS, type DatasetKindName } from '../../shared/contracts/data';

export type DatasetKind = DatasetKindName;

export interface ProviderDefaults {
  readonly baseUrl: string;
  /** Minimum spacing of request starts. */
  readonly intervalMs: number;
  /** What `data fetch <provider> <id>` stores, first one the default. */
  readonly kinds: readonly DatasetKind[];
  /** Setting name of its API key, when it needs one. */
  readonly apiKeySetting?: string;
}

export const PROVIDER_DEFAULTS: Readonly<Record<DataProvider, ProviderDefaults>> = {
  yahoo: { baseUrl: 'https://query1.finance.yahoo.com', intervalMs: 500, kinds: PROVIDER_KINDS.yahoo },
  // FRED allows 120 requests a minute per key.
  fred: { baseUrl: 'https://api.stlouisfed.org', intervalMs: 500, kinds: PROVIDER_KINDS.fred, apiKeySetting: 'fred.api-key' },
  // SEC fair access: at most 10 requests per second, with a declared User-Agent (see edgarConnector).
  edgar: { baseUrl: 'https://data.sec.gov', intervalMs: 100, kinds: PROVIDER_KINDS.edgar },
  // Free keys: 5 a minute (and 25 a day).
  alphavantage: { baseUrl: 'https://www.alphavantage.co', intervalMs: 12_000, kinds: PROVIDER_KINDS.alphavantage, apiKeySetting: 'alphavantage.api-key' },
  dbnomics: { baseUrl: 'https://api.db.nomics.world', intervalMs: 200, kinds: PROVIDER_KINDS.dbnomics },
};

/** `http://127.0.0.1:8080/` → `http://127.0.0.1:8080`; anything but an http(s) origin is refused (no path, query or credentials). */
export function parseBaseUrl(text: string): { ok: true; value: string } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: `"${text}" is not a URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: `${url.protocol} is not http or https` };
  if (url.username || url.password) return { ok: false, reason: 'a base URL must not carry credentials' };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return { ok: false, reason: 'give scheme, host and port only; the provider paths are added' };
  return { ok: true, value: url.origin };
}
