import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseFredObservations } from '../../../src/core/data/fred';
import type { ConnectorContext, FetchRecord } from '../../../src/main/data/connector';
import { fetchJson } from '../../../src/main/data/http/fetchJson';
import { ProviderHttp } from '../../../src/main/data/http/providerHttp';
import { RateLimiter, realTimer } from '../../../src/main/data/http/rateLimiter';
import { ResponseCache } from '../../../src/main/data/http/responseCache';
import { startDataFixtureServer, type DataFixtureServer } from '../../support/dataFixtureServer';

describe('provider HTTP layer against a local fixture server', () => {
  let server: DataFixtureServer;
  let dir: string;
  beforeEach(async () => {
    server = await startDataFixtureServer();
    dir = mkdtempSync(join(tmpdir(), 'nautilus-http-'));
  });
  afterEach(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const context = (options: { retries?: number; timeoutMs?: number } = {}): ConnectorContext => ({
    http: new ProviderHttp({
      provider: 'fred',
      headers: { 'user-agent': 'test' },
      limiter: new RateLimiter(0),
      cache: new ResponseCache(join(dir, 'cache')),
      backoffMs: 1,
      timer: realTimer,
      ...options,
    }),
    baseUrl: server.baseUrl,
    apiKey: 'test-fred-key',
    cacheMaxAgeMs: 3600_000,
  });
  const observations = (ctx: ConnectorContext, id = 'GDP', fetches: FetchRecord[] = []) =>
    fetchJson(
      ctx,
      {
        url: `${server.baseUrl}/fred/series/observations?series_id=${id}&api_key=test-fred-key&file_type=json`,
        label: `observations ${id}`,
        parse: (json) => parseFredObservations(json, `observations ${id}`),
      },
      fetches,
    );
  const served = (): number => server.requests.filter((r) => r.path === '/fred/series/observations').length;
  const cacheFiles = (): string[] => {
    try {
      return readdirSync(join(dir, 'cache'));
    } catch {
      return [];
    }
  };

  it('retries a server that fails twice (503) and then answers', async () => {
    server.faults.set('/fred/series/observations', { failTimes: 2 });
    const fetches: FetchRecord[] = [];
    const r = await observations(context(), 'GDP', fetches);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.observations).toHaveLength(315);
    expect(served()).toBe(3);
    expect(fetches).toHaveLength(1);
    expect(fetches[0]).toMatchObject({ status: 200, fromCache: false, checksum: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('gives up after its retries with SERVER_ERROR, and caches nothing', async () => {
    server.faults.set('/fred/series/observations', { failTimes: 10 });
    const r = await observations(context({ retries: 2 }));
    expect(r).toMatchObject({ ok: false, error: { code: 'SERVER_ERROR', provider: 'fred', request: 'observations GDP', status: 503, reason: expect.stringContaining('Service Unavailable') } });
    expect(served()).toBe(3);
    expect(cacheFiles()).toEqual([]);
  });

  it('detects a body cut mid-way, retries it, and reports TRUNCATED_BODY when it keeps happening', async () => {
    server.faults.set('/fred/series/observations', { truncateTimes: 1 });
    const once = await observations(context());
    expect(once.ok).toBe(true);
    expect(served()).toBe(2);

    server.faults.set('/fred/series/observations', { truncateTimes: 10 });
    const always = await observations(context({ retries: 1 }), 'WGS10YR');
    expect(always).toMatchObject({ ok: false, error: { code: 'TRUNCATED_BODY', provider: 'fred', request: 'observations WGS10YR' } });
  });

  it('times out a server that never answers, then succeeds on the retry', async () => {
    server.faults.set('/fred/series/observations', { hangTimes: 1 });
    const r = await observations(context({ timeoutMs: 300 }));
    expect(r.ok).toBe(true);
    expect(served()).toBe(2);
    server.faults.set('/fred/series/observations', { hangTimes: 5 });
    const never = await observations(context({ timeoutMs: 200, retries: 1 }), 'WGS10YR');
    expect(never).toMatchObject({ ok: false, error: { code: 'TIMEOUT', request: 'observations WGS10YR' } });
  });

  it('answers a repeated request from the on-disk cache, keyed without the API key', async () => {
    const ctx = context();
    expect((await observations(ctx)).ok).toBe(true);
    const fetches: FetchRecord[] = [];
    const again = await observations(ctx, 'GDP', fetches);
    expect(again.ok).toBe(true);
    expect(served()).toBe(1);
    expect(fetches[0]?.fromCache).toBe(true);
    const files = cacheFiles();
    expect(files).toHaveLength(1);
    const stored = readFileSync(join(dir, 'cache', files[0]!), 'utf8');
    expect(stored).not.toContain('test-fred-key');
    expect(fetches[0]?.request).not.toContain('test-fred-key');
  });

  it('never caches an error body, an HTML page or a cut body', async () => {
    const unknown = await observations(context(), 'NOPE');
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ID', status: 400, reason: 'Bad Request.  The series does not exist.' } });
    server.faults.set('/fred/series/observations', { html: true });
    const html = await observations(context());
    expect(html).toMatchObject({ ok: false, error: { code: 'NOT_JSON', reason: expect.stringContaining('temporarily unavailable') } });
    expect(cacheFiles()).toEqual([]);
  });
});
