// The closed union of data-connector failures (provider, request, reason) and their one-line descriptions.

export type DataProvider = 'yahoo' | 'fred' | 'edgar' | 'alphavantage' | 'dbnomics';

export const DATA_PROVIDERS: readonly DataProvider[] = ['yahoo', 'fred', 'edgar', 'alphavantage', 'dbnomics'];

export type DataErrorCode =
  /** The provider has no such symbol, series or company. */
  | 'UNKNOWN_ID'
  /** The id exists but the provider has nothing in the requested range. */
  | 'NO_DATA'
  /** The API key is missing, wrong or not registered. */
  | 'BAD_API_KEY'
  /** The provider throttled us (HTTP 429, or Alpha Vantage's HTTP 200 "Note"/"Information" bodies). */
  | 'RATE_LIMITED'
  /** The provider refused the request's parameters. */
  | 'BAD_REQUEST'
  /** The provider answered 5xx (after retries). */
  | 'SERVER_ERROR'
  /** Any other HTTP status. */
  | 'HTTP_ERROR'
  /** No answer in time (after retries). */
  | 'TIMEOUT'
  /** The connection failed or was cut (after retries). */
  | 'NETWORK_ERROR'
  /** An HTML or XML page where JSON was expected. */
  | 'NOT_JSON'
  /** The body ends mid-way (JSON cut off, or fewer bytes than Content-Length). */
  | 'TRUNCATED_BODY'
  /** JSON, but not the shape the provider documents. */
  | 'MALFORMED_BODY';

export interface DataError {
  readonly code: DataErrorCode;
  readonly provider: DataProvider;
  /** What was asked, without secrets: e.g. `chart AAPL 1D 2020-01-01..2020-12-31`. */
  readonly request: string;
  readonly reason: string;
  /** HTTP status when there was one. */
  readonly status?: number;
}

export const dataError = (code: DataErrorCode, provider: DataProvider, request: string, reason: string, status?: number): DataError =>
  status === undefined ? { code, provider, request, reason } : { code, provider, request, reason, status };

/** Errors worth another attempt: the same request may succeed a moment later. */
export function isRetryable(code: DataErrorCode): boolean {
  switch (code) {
    case 'SERVER_ERROR':
    case 'TIMEOUT':
    case 'NETWORK_ERROR':
    case 'TRUNCATED_BODY':
      return true;
    // A 429 is retried by the HTTP layer from its status; a rate-limit *body* (Alpha Vantage's daily quota) is not.
    case 'RATE_LIMITED':
    case 'UNKNOWN_ID':
    case 'NO_DATA':
    case 'BAD_API_KEY':
    case 'BAD_REQUEST':
    case 'HTTP_ERROR':
    case 'NOT_JSON':
    case 'MALFORMED_BODY':
      return false;
    default: {
      const unhandled: never = code;
      throw new Error(`unhandled data error code ${String(unhandled)}`);
    }
  }
}

const HEADLINE: Readonly<Record<DataErrorCode, string>> = {
  UNKNOWN_ID: 'unknown symbol or series',
  NO_DATA: 'no data in the requested range',
  BAD_API_KEY: 'the API key was refused',
  RATE_LIMITED: 'rate limited',
  BAD_REQUEST: 'the request was refused',
  SERVER_ERROR: 'the server failed',
  HTTP_ERROR: 'unexpected HTTP status',
  TIMEOUT: 'no answer in time',
  NETWORK_ERROR: 'the connection failed',
  NOT_JSON: 'an HTML/XML page where JSON was expected',
  TRUNCATED_BODY: 'the response was cut off',
  MALFORMED_BODY: 'the response has an unexpected shape',
};

/** `fred series_observations GDP: unknown symbol or series (HTTP 400): Bad Request.  The series does not exist.` */
export function describeDataError(error: DataError): string {
  const status = error.status === undefined ? '' : ` (HTTP ${error.status})`;
  return `${error.provider} ${error.request}: ${HEADLINE[error.code]}${status}: ${error.reason}`;
}
