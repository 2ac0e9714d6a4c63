// Outside data across the API: what is stored from which provider, fetching a dataset, refreshing stored ones.
import { z } from 'zod';
import { DATA_PROVIDERS, type DataError, type DataProvider } from '../../core/data/dataError';
import type { Result } from '../../core/model/result';
import type { RealInstrument, RealInstrumentError } from '../../core/data/realInstrument';
import { empty, epochMs } from './schemas';
import { TIMEFRAMES } from './market';

export const DATASET_KINDS = ['bars', 'series', 'fundamentals'] as const;
export type DatasetKindName = (typeof DATASET_KINDS)[number];

/** What each provider offers, the default first. */
export const PROVIDER_KINDS: Readonly<Record<DataProvider, readonly DatasetKindName[]>> = {
  yahoo: ['bars'],
  fred: ['series'],
  edgar: ['fundamentals'],
  alphavantage: ['bars', 'fundamentals'],
  dbnomics: ['series'],
};

const provider = z.enum(DATA_PROVIDERS as [DataProvider, ...DataProvider[]]);
/** Tickers, FRED ids, CIKs and DBnomics PROVIDER/DATASET/SERIES codes. */
const datasetId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._\-/=^:]{0,99}$/, 'must be a symbol, series id or PROVIDER/DATASET/SERIES code');

export const dataFetchInput = z
  .object({
    provider,
    id: datasetId,
    kind: z.enum(DATASET_KINDS).optional(),
    timeframe: z.enum(TIMEFRAMES).default('1D'),
    from: epochMs().optional(),
    to: epochMs().optional(),
    vintages: z.boolean().optional(),
  })
  .strict()
  .refine((r) => r.from === undefined || r.to === undefined || r.from <= r.to, { message: 'from must not be after to', path: ['from'] });
export type DataFetchInput = z.output<typeof dataFetchInput>;

export const dataRefreshInput = z.union([
  z.object({ all: z.literal(true) }).strict(),
  z.object({ provider, id: datasetId, kind: z.enum(DATASET_KINDS), timeframe: z.enum(TIMEFRAMES) }).strict(),
]);

/** A stored dataset as the Data panel lists it. */
export interface DataSourceView {
  readonly provider: DataProvider;
  readonly id: string;
  readonly kind: DatasetKindName;
  readonly timeframe: (typeof TIMEFRAMES)[number];
  /** The symbol (bars, fundamentals) or series id its rows are stored under: what the chart and watchlist accept. */
  readonly storedAs: string;
  readonly rows: number;
  /** First and last stored date, YYYY-MM-DD. */
  readonly first: string | null;
  readonly last: string | null;
  readonly refreshedAt: number;
  readonly baseUrl: string;
}

export interface DataFetchSummary {
  readonly provider: DataProvider;
  readonly id: string;
  readonly kind: DatasetKindName;
  readonly rows: number;
  readonly first: Readonly<Record<string, string | number | null>> | null;
  readonly last: Readonly<Record<string, string | number | null>> | null;
}

/** A connector failure, or bars the store refused; `message` is the one-line description. */
export type DataFetchFailure = (DataError & { readonly message: string }) | { readonly code: 'INVALID_BARS'; readonly message: string };

export const dataEnableTradingInput = z.object({ symbol: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.\-^=]{0,19}$/, 'must be a stored ticker symbol') }).strict();

/** Why a stored symbol cannot be put on the desk; `message` is the one-line description. */
export type DataEnableTradingFailure = RealInstrumentError & { readonly message: string };

export const dataContract = {
  'data.sources': { input: empty, output: z.custom<DataSourceView[]>() },
  'data.fetch': { input: dataFetchInput, output: z.custom<Result<DataFetchSummary, DataFetchFailure>>() },
  'data.refresh': { input: dataRefreshInput, output: z.custom<Result<DataFetchSummary, DataFetchFailure>[]>() },
  /** Puts a stored real symbol on the desk: quoted on the simulated exchange from its last stored close, tradable there and through IB. */
  'data.enableTrading': { input: dataEnableTradingInput, output: z.custom<Result<RealInstrument, DataEnableTradingFailure>>() },
} as const;
