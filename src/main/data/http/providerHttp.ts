// One provider's HTTP access: rate limit, timeout, retries with backoff on 429/5xx/timeouts/cut bodies, and its response cache.
import { dataError, type DataError, type DataProvider } from '../../../core/data/dataError';
import { err, ok, type Result } from '../../../core/model/result';
import { realTimer, type RateLimiter, type Timer } from './rateLimiter';
import type { ResponseCache } from './responseCache';

export interface HttpRequest {
  /** Full URL, possibly carrying an API key: never logged, never put in an error or a cache key. */
  readonly url: string;
  /** What is asked, without secrets (errors and provenance name it). */
  readonly label: string;
  /** Cache key: the URL without secrets. */
  readonly cacheKey: string;
  /** How old a cached body may be and still answer this request; 0 = always ask the provider. */
  readonly cacheMaxAgeMs: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly body: string;
  readonly fromCache: boolean;
  readonly fetchedAt: number;
  /** The Retry-After header of a 429/503, when sent. */
  readonly retryAfter?: string;
}

export interface ProviderHttpOptions {
  readonly provider: DataProvider;
  readonly headers: Readonly<Record<string, string>>;
  readonly limiter: RateLimiter;
  readonly cache?: ResponseCache;
  readonly timeoutMs?: number;
  /** Attempts after the first. */
  readonly retries?: number;
  readonly backoffMs?: number;
  readonly timer?: Timer;
}

const RETRY_STATUS = (status: number): boolean => status === 429 || status >= 500;
/** A Retry-After longer than this is not waited for: the caller gets RATE_LIMITED instead. */
const MAX_RETRY_AFTER_MS = 30_000;

export class ProviderHttp {
  readonly provider: DataProvider;
  private readonly timer: Timer;

  constructor(private readonly options: ProviderHttpOptions) {
    this.provider = options.provider;
    this.timer = options.timer ?? realTimer;
  }

  now(): number {
    return this.timer.now();
  }

  /**
   * The provider's final answer (any status; the connector reads provider error bodies), or TIMEOUT / NETWORK_ERROR /
   * TRUNCATED_BODY once retries are spent. 429 and 5xx are retried with exponential backoff (Retry-After honoured).
   */
  async get(request: HttpRequest): Promise<Result<HttpResponse, DataError>> {
    const cached = request.cacheMaxAgeMs > 0 ? this.options.cache?.get(request.cacheKey, this.timer.now(), request.cacheMaxAgeMs) : undefined;
    if (cached) return ok({ status: 200, body: cached.body, fromCache: true, fetchedAt: cached.storedAt });
    const retries = this.options.retries ?? 3;
    const backoff = this.options.backoffMs ?? 500;
    let last: Result<HttpResponse, DataError> | undefined;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) {
        const retryAfter = last?.ok ? retryAfterMs(last.value) : undefined;
        await this.timer.sleep(retryAfter ?? backoff * 2 ** (attempt - 1));
      }
      await this.options.limiter.acquire();
      last = await this.once(request);
      if (last.ok && !RETRY_STATUS(last.value.status)) return last;
      if (!last.ok && last.error.code !== 'TIMEOUT' && last.error.code !== 'NETWORK_ERROR' && last.error.code !== 'TRUNCATED_BODY') return last;
      if (last.ok && (retryAfterMs(last.value) ?? 0) > MAX_RETRY_AFTER_MS) return last;
    }
    return last!;
  }

  /** Stores a body that parsed as data (never an error page, never a rate-limit body). */
  remember(request: HttpRequest, response: HttpResponse): void {
    if (!response.fromCache && response.status >= 200 && response.status < 300) this.options.cache?.put(request.cacheKey, response.body, this.timer.now());
  }

  private async once(request: HttpRequest): Promise<Result<HttpResponse, DataError>> {
    const controller = new AbortController();
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    const timeout = setTimeout(() => controller.abort(), timeoutMs);
    const fail = (code: 'TIMEOUT' | 'NETWORK_ERROR' | 'TRUNCATED_BODY', reason: string, status?: number) =>
      err(dataError(code, this.provider, request.label, reason, status));
    try {
      let response: Response;
      try {
        response = await fetch(request.url, { headers: this.options.headers, signal: controller.signal, redirect: 'follow' });
      } catch (error) {
        if (controller.signal.aborted) return fail('TIMEOUT', `no response within ${timeoutMs} ms`);
        return fail('NETWORK_ERROR', causeOf(error));
      }
      let body: string;
      try {
        body = await response.text();
      } catch (error) {
        if (controller.signal.aborted) return fail('TIMEOUT', `body not complete within ${timeoutMs} ms`, response.status);
        return fail('TRUNCATED_BODY', `connection closed mid-body: ${causeOf(error)}`, response.status);
      }
      const declared = Number(response.headers.get('content-length'));
      const encoded = response.headers.get('content-encoding');
      if (!encoded && Number.isFinite(declared) && declared > 0 && Buffer.byteLength(body) < declared) {
        return fail('TRUNCATED_BODY', `${Buffer.byteLength(body)} of ${declared} bytes received`, response.status);
      }
      const retryAfter = response.headers.get('retry-after');
      return ok({ status: response.status, body, fromCache: false, fetchedAt: this.timer.now(), ...(retryAfter ? { retryAfter } : {}) });
    } finally {
      clearTimeout(timeout);
    }
  }
}

function retryAfterMs(response: HttpResponse): number | undefined {
  const header = response.retryAfter;
  if (!header || !RETRY_STATUS(response.status)) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** undici wraps the socket error in `cause`; its message names what happened (ECONNREFUSED, other side closed, …). */
function causeOf(error: unknown): string {
  const e = error as { message?: string; cause?: { message?: string; code?: string } };
  return [e.message, e.cause?.code ?? e.cause?.message].filter(Boolean).join(': ');
}
