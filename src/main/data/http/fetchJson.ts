// GET → status → JSON → provider parser, with one provenance record; the body is cached only once it parsed as data.
import { createHash } from 'node:crypto';
import { dataError, type DataError } from '../../../core/data/dataError';
import { parseJsonBody } from '../../../core/data/jsonBody';
import { err, ok, type Result } from '../../../core/model/result';
import { withoutSecret, type ConnectorContext, type FetchRecord } from '../connector';

export interface JsonFetch<T> {
  readonly url: string;
  /** What is asked, e.g. `observations GDP`. */
  readonly label: string;
  /** Parses the provider's JSON (data or its error body) for this status. */
  readonly parse: (json: unknown, status: number) => Result<T, DataError>;
  /** How a non-2xx status with a non-JSON body (S3 XML, HTML) is named; default HTTP_ERROR. */
  readonly statusError?: (status: number, reason: string) => DataError;
  /** Overrides the context's cache age (e.g. the SEC ticker map, which changes rarely). */
  readonly cacheMaxAgeMs?: number;
}

export async function fetchJson<T>(context: ConnectorContext, spec: JsonFetch<T>, fetches: FetchRecord[]): Promise<Result<T, DataError>> {
  const { http } = context;
  const cacheKey = withoutSecret(spec.url, context.apiKey);
  const request = { url: spec.url, label: spec.label, cacheKey, cacheMaxAgeMs: spec.cacheMaxAgeMs ?? context.cacheMaxAgeMs };
  const got = await http.get(request);
  if (!got.ok) return got;
  const response = got.value;
  fetches.push({
    provider: http.provider,
    request: `${spec.label} ${cacheKey}`,
    fetchedAt: response.fetchedAt,
    status: response.status,
    bytes: Buffer.byteLength(response.body),
    checksum: createHash('sha256').update(response.body).digest('hex'),
    fromCache: response.fromCache,
  });
  const { status, body } = response;
  const snippet = (): string => body.replace(/\s+/g, ' ').trim().slice(0, 200);
  if (status === 429) return err(dataError('RATE_LIMITED', http.provider, spec.label, snippet() || 'Too Many Requests', status));
  if (status >= 500) return err(dataError('SERVER_ERROR', http.provider, spec.label, snippet() || `HTTP ${status}`, status));
  const json = parseJsonBody(http.provider, spec.label, body, status);
  if (!json.ok) {
    if (status >= 300 && json.error.code === 'NOT_JSON') {
      return err(spec.statusError ? spec.statusError(status, json.error.reason) : dataError('HTTP_ERROR', http.provider, spec.label, json.error.reason, status));
    }
    return json;
  }
  const parsed = spec.parse(json.value, status);
  if (!parsed.ok) return parsed;
  if (status < 200 || status >= 300) return err(dataError('HTTP_ERROR', http.provider, spec.label, snippet(), status));
  http.remember(request, response);
  return ok(parsed.value);
}
