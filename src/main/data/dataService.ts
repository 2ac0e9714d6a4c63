// Fetches a dataset from a provider and stores it (all or nothing), refreshes stored ones incrementally, summarizes what is stored.
import { join } from 'node:path';
import { dataError, type DataError, type DataProvider } from '../../core/data/dataError';
import { isoDate } from '../../core/data/exchangeDate';
import type { EpochMs } from '../../core/model/clock';
import type { Timeframe } from '../../core/model/marketData';
import { err, ok, type Result } from '../../core/model/result';
import type { InvalidBars, MarketStore } from '../storage/market';
import { alphaVantageConnector } from './alphavantage/alphaVantageConnector';
import type { ApiKeySource } from './apiKeyFile';
import type { Connector, ConnectorResult, DatasetRequest, FetchRecord } from './connector';
import { listSources, storeDataset, type DataSource } from './dataStore';
import { dbnomicsConnector } from './dbnomics/dbnomicsConnector';
import { edgarConnector, isDeclaredUserAgent } from './edgar/edgarConnector';
import { fredConnector } from './fred/fredConnector';
import { ProviderHttp } from './http/providerHttp';
import { RateLimiter, realTimer, type Timer } from './http/rateLimiter';
import { ResponseCache } from './http/responseCache';
import { PROVIDER_DEFAULTS, type DatasetKind } from './providers';
import { yahooConnector } from './yahoo/yahooConnector';

export const CONNECTORS: Readonly<Record<DataProvider, Connector>> = {
  yahoo: yahooConnector,
  fred: fredConnector,
  edgar: edgarConnector,
  alphavantage: alphaVantageConnector,
  dbnomics: dbnomicsConnector,
};

export interface DataServiceSettings {
  readonly dataDir: string;
  readonly baseUrls?: Partial<Record<DataProvider, string>>;
  readonly apiKeys: ApiKeySource;
  /** SEC fair access: a declared User-Agent with a contact email (required for EDGAR). */
  readonly secUserAgent?: string;
  /** How old a cached response may answer a `fetch` (refreshes always ask the provider). Default 6 h. */
  readonly cacheMaxAgeMs?: number;
  readonly timer?: Timer;
  readonly retries?: number;
  readonly backoffMs?: number;
  readonly timeoutMs?: number;
  /** Overrides each provider's request spacing (tests). */
  readonly intervalMs?: Partial<Record<DataProvider, number>>;
}

/** A stored record as `data fetch --json` prints it. */
export type StoredRecord =
  | { readonly date: string; readonly time?: string; readonly open: number; readonly high: number; readonly low: number; readonly close: number; readonly volume: number }
  | { readonly date: string; readonly value: number | null }
  | { readonly date: string; readonly concept: string; readonly value: number };

export interface FetchSummary {
  readonly provider: DataProvider;
  readonly id: string;
  readonly kind: DatasetKind;
  /** Rows written by this fetch. */
  readonly rows: number;
  readonly first: StoredRecord | null;
  readonly last: StoredRecord | null;
}

export type DataFetchError = DataError | InvalidBars;

const USER_AGENT = 'Nautilus Workstation (market data)';

export class DataService {
  private readonly http = new Map<DataProvider, ProviderHttp>();
  private readonly timer: Timer;

  constructor(
    private readonly store: MarketStore,
    private readonly settings: DataServiceSettings,
  ) {
    this.timer = settings.timer ?? realTimer;
  }

  baseUrlOf(provider: DataProvider): string {
    return this.settings.baseUrls?.[provider] ?? PROVIDER_DEFAULTS[provider].baseUrl;
  }

  private httpFor(provider: DataProvider): ProviderHttp {
    let http = this.http.get(provider);
    if (!http) {
      const headers: Record<string, string> = { accept: 'application/json', 'user-agent': provider === 'edgar' ? this.settings.secUserAgent! : USER_AGENT };
      http = new ProviderHttp({
        provider,
        headers,
        limiter: new RateLimiter(this.settings.intervalMs?.[provider] ?? PROVIDER_DEFAULTS[provider].intervalMs, this.timer),
        cache: new ResponseCache(join(this.settings.dataDir, 'cache', 'http', provider)),
        timer: this.timer,
        ...(this.settings.retries === undefined ? {} : { retries: this.settings.retries }),
        ...(this.settings.backoffMs === undefined ? {} : { backoffMs: this.settings.backoffMs }),
        ...(this.settings.timeoutMs === undefined ? {} : { timeoutMs: this.settings.timeoutMs }),
      });
      this.http.set(provider, http);
    }
    return http;
  }

  /** Fetches and stores one dataset; on any error nothing is stored and the cache holds nothing new. */
  async fetch(request: DatasetRequest, options: { readonly cacheMaxAgeMs?: number } = {}): Promise<Result<FetchSummary, DataFetchError>> {
    const fetched = await this.connect(request, options.cacheMaxAgeMs ?? this.settings.cacheMaxAgeMs ?? 6 * 3600_000);
    return fetched.ok ? this.store_(request, fetched.value) : fetched;
  }

  /**
   * Fetches only what is new since the last fetch (see refreshRequest) and stores it. Bars are quoted adjusted to
   * today's terms, so a split or dividend among the new bars changes every older bar and factor: then the whole
   * history is fetched again instead.
   */
  async refresh(source: DataSource): Promise<Result<FetchSummary, DataFetchError>> {
    const request = refreshRequest(source);
    const fetched = await this.connect(request, 0);
    if (!fetched.ok) return fetched;
    const { dataset } = fetched.value;
    const since = source.lastTime ?? -Infinity;
    if (dataset.kind === 'bars' && request.from !== undefined && [...dataset.splits, ...dataset.dividends].some((e) => e.time > since)) {
      const { from: _from, ...whole } = request;
      const again = await this.connect(whole, 0);
      return again.ok ? this.store_(whole, again.value, fetched.value.fetches) : again;
    }
    return this.store_(request, fetched.value);
  }

  private async connect(request: DatasetRequest, cacheMaxAgeMs: number): Promise<Result<ConnectorResult, DataError>> {
    const { provider } = request;
    if (provider === 'edgar' && !isDeclaredUserAgent(this.settings.secUserAgent)) {
      return err(dataError('BAD_REQUEST', 'edgar', `${request.kind} ${request.id}`, 'SEC requires a User-Agent with a contact email: pass --user-agent "Your Name you@example.com" or set NAUTILUS_SEC_USER_AGENT'));
    }
    const apiKey = PROVIDER_DEFAULTS[provider].apiKeySetting === undefined ? undefined : await this.settings.apiKeys.get(provider);
    return CONNECTORS[provider](request, {
      http: this.httpFor(provider),
      baseUrl: this.baseUrlOf(provider),
      ...(apiKey === undefined ? {} : { apiKey }),
      cacheMaxAgeMs,
    });
  }

  private async store_(request: DatasetRequest, fetched: ConnectorResult, earlier: readonly FetchRecord[] = []): Promise<Result<FetchSummary, DataFetchError>> {
    const { dataset } = fetched;
    const versionTag = dataset.kind === 'series' ? dataset.metadata.lastUpdated : undefined;
    const stored = await storeDataset(this.store, request, dataset, [...earlier, ...fetched.fetches], {
      baseUrl: this.baseUrlOf(request.provider),
      now: this.timer.now(),
      ...(versionTag === undefined ? {} : { versionTag }),
    });
    if (!stored.ok) return stored;
    const [first, last] = await this.endRecords(request.provider, request.kind, stored.value.storedAs, request.timeframe);
    return ok({ provider: request.provider, id: request.id, kind: request.kind, rows: stored.value.rows, first, last });
  }

  async sources(provider?: DataProvider): Promise<DataSource[]> {
    return listSources(this.store, provider);
  }

  private async endRecords(provider: DataProvider, kind: DatasetKind, storedAs: string, timeframe: Timeframe): Promise<[StoredRecord | null, StoredRecord | null]> {
    const daily = timeframe === '1D';
    const sql =
      kind === 'bars'
        ? `(SELECT time::DOUBLE, open, high, low, close, volume FROM bars WHERE symbol = $1 AND timeframe = $2 ORDER BY time LIMIT 1)
           UNION ALL (SELECT time::DOUBLE, open, high, low, close, volume FROM bars WHERE symbol = $1 AND timeframe = $2 ORDER BY time DESC LIMIT 1)`
        : kind === 'series'
          ? // The value as currently known: the latest vintage of the first and last dates.
            `(SELECT date::DOUBLE, value FROM macro_observations WHERE series_id = $1 AND provider = $2 ORDER BY date, known_from DESC LIMIT 1)
             UNION ALL (SELECT date::DOUBLE, value FROM macro_observations WHERE series_id = $1 AND provider = $2 ORDER BY date DESC, known_from DESC LIMIT 1)`
          : `(SELECT filed::DOUBLE, concept, value FROM fundamental_facts WHERE symbol = $1 AND provider = $2 ORDER BY filed, concept LIMIT 1)
             UNION ALL (SELECT filed::DOUBLE, concept, value FROM fundamental_facts WHERE symbol = $1 AND provider = $2 ORDER BY filed DESC, concept LIMIT 1)`;
    const rows = (await this.store.exclusive((c) => c.runAndReadAll(sql, [storedAs, kind === 'bars' ? timeframe : provider]))).getRows();
    const record = (r: readonly unknown[] | undefined): StoredRecord | null => {
      if (!r) return null;
      const t = Number(r[0]);
      if (kind === 'bars') {
        const bar = { open: Number(r[1]), high: Number(r[2]), low: Number(r[3]), close: Number(r[4]), volume: Number(r[5]) };
        return daily ? { date: isoDate(t), ...bar } : { date: isoDate(t), time: new Date(t).toISOString(), ...bar };
      }
      if (kind === 'series') return { date: isoDate(t), value: r[1] === null ? null : Number(r[1]) };
      return { date: isoDate(t), concept: String(r[1]), value: Number(r[2]) };
    };
    return [record(rows[0]), record(rows[1])];
  }
}

const YEAR = 365 * 86_400_000;

/**
 * What a refresh asks for. Bars: from the last stored bar (it may have been a partial session), upserted. Series:
 * the last year again, so recent revisions are picked up; with vintages, everything (ALFRED vintages can change any
 * date). Fundamentals: the whole company facts document (SEC serves it only whole).
 */
export function refreshRequest(source: DataSource): DatasetRequest {
  const base = { provider: source.provider, id: source.id, kind: source.kind, timeframe: source.timeframe, ...(source.options.vintages ? { vintages: true } : {}) };
  const from = (t: EpochMs | null): { from?: EpochMs } => (t === null ? {} : { from: t });
  switch (source.kind) {
    case 'bars':
      return { ...base, ...from(source.lastTime) };
    case 'series':
      return source.options.vintages ? base : { ...base, ...from(source.lastTime === null ? null : source.lastTime - YEAR) };
    case 'fundamentals':
      return base;
    default: {
      const unhandled: never = source.kind;
      throw new Error(`unhandled dataset kind ${String(unhandled)}`);
    }
  }
}
