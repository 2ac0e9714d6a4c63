// What every provider connector takes and returns: a request, the fetched dataset, and one provenance record per HTTP fetch.
import type { FetchedBars } from '../../core/data/barSeries';
import type { DataError, DataProvider } from '../../core/data/dataError';
import type { FetchedFundamentals } from '../../core/data/fundamentals';
import type { FetchedSeries } from '../../core/data/macroSeries';
import type { EpochMs } from '../../core/model/clock';
import type { Timeframe } from '../../core/model/marketData';
import type { Result } from '../../core/model/result';
import type { HttpRequest, HttpResponse, ProviderHttp } from './http/providerHttp';
import type { DatasetKind } from './providers';

export type FetchedDataset = FetchedBars | FetchedSeries | FetchedFundamentals;

export interface DatasetRequest {
  readonly provider: DataProvider;
  /** Symbol, series id, or PROVIDER/DATASET/SERIES. */
  readonly id: string;
  readonly kind: DatasetKind;
  readonly timeframe: Timeframe;
  /** Inclusive, 00:00 UTC of a date (or an instant for intraday). */
  readonly from?: EpochMs;
  readonly to?: EpochMs;
  /** FRED: fetch every ALFRED vintage, so the series can be read as known on any date. */
  readonly vintages?: boolean;
}

/** One HTTP fetch behind a stored dataset (provider, request, time, rows, checksum). */
export interface FetchRecord {
  readonly provider: DataProvider;
  readonly request: string;
  readonly fetchedAt: EpochMs;
  readonly status: number;
  readonly bytes: number;
  /** SHA-256 of the body. */
  readonly checksum: string;
  readonly fromCache: boolean;
}

export interface ConnectorContext {
  readonly http: ProviderHttp;
  readonly baseUrl: string;
  readonly apiKey?: string;
  /** How old a cached response may be and still be used (0: always fetch). */
  readonly cacheMaxAgeMs: number;
}

export interface ConnectorResult {
  readonly dataset: FetchedDataset;
  readonly fetches: readonly FetchRecord[];
}

export type Connector = (request: DatasetRequest, context: ConnectorContext) => Promise<Result<ConnectorResult, DataError>>;

/** The cache key and error label must never carry the key: it is replaced before either is built. */
export const withoutSecret = (url: string, apiKey: string | undefined): string => (apiKey ? url.split(encodeURIComponent(apiKey)).join('***') : url);

export type { HttpRequest, HttpResponse };
