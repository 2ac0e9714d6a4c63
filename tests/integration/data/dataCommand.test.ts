import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MarketStore } from '../../../src/main/storage/market';
import { useDataCli } from '../../support/dataCli';

describe('nautilus data', () => {
  const cli = useDataCli('nautilus-data-cli-');
  const run = cli.run;

  it('fetch --json prints exactly { provider, id, kind, rows, first, last }', async () => {
    const r = await run('fetch', 'yahoo', 'AAPL', '--from', '2020-08-31', '--to', '2020-11-06', '--base-url', cli.server.baseUrl, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['provider', 'id', 'kind', 'rows', 'first', 'last']);
    expect(out).toEqual({
      provider: 'yahoo',
      id: 'AAPL',
      kind: 'bars',
      rows: 49,
      first: { date: '2020-08-31', open: 127.58000183105469, high: 131, low: 126, close: 129.0399932861328, volume: 225702700 },
      last: { date: '2020-11-06', open: 118.31999969482422, high: 119.19999694824219, low: 116.12999725341797, close: 118.69000244140625, volume: 114457900 },
    });
    const store = await MarketStore.open(join(cli.dir, 'market.duckdb'));
    try {
      expect((await store.readBars('AAPL', '1D')).time.length).toBe(49);
    } finally {
      store.close();
    }
  });

  it('fetches a FRED series with --api-key without ever printing or storing the key', async () => {
    const r = await run('fetch', 'fred', 'GDP', '--api-key', 'test-fred-key', '--base-url', cli.server.baseUrl, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ provider: 'fred', id: 'GDP', kind: 'series', rows: 315, first: { date: '1946-01-01', value: null }, last: { date: '2024-07-01', value: 29374.914 } });
    const list = await run('list', '--json');
    expect(list.stdout).not.toContain('test-fred-key');
    // --no-cache: the cache is keyed by request, not by credential, so it would answer with the good key's body.
    const bad = await run('fetch', 'fred', 'GDP', '--api-key', 'not-registered-key', '--no-cache', '--base-url', cli.server.baseUrl, '--json');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('fred series GDP: the API key was refused (HTTP 400)');
    expect(bad.stderr + bad.stdout).not.toContain('not-registered-key');
  });

  it('stores an API key in a 0600 file and uses it', async () => {
    const set = await run('key', 'set', 'fred', 'test-fred-key');
    expect(set.code).toBe(0);
    expect(set.stdout).not.toContain('test-fred-key');
    expect(statSync(join(cli.dir, 'data-api-keys.json')).mode & 0o777).toBe(0o600);
    expect(await run('set', 'fred', 'base-url', cli.server.baseUrl)).toMatchObject({ code: 0 });
    const r = await run('fetch', 'fred', 'WGS10YR', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 3289 });
    expect(JSON.parse(readFileSync(join(cli.dir, 'data-settings.json'), 'utf8'))).toEqual({ baseUrls: { fred: cli.server.baseUrl } });
  });

  it('fetches EDGAR fundamentals with a declared User-Agent and refuses without one', async () => {
    const without = await run('fetch', 'edgar', 'AAPL', '--base-url', cli.server.baseUrl);
    expect(without.code).toBe(1);
    expect(without.stderr).toContain('SEC requires a User-Agent with a contact email');
    const r = await run('fetch', 'edgar', 'AAPL', '--base-url', cli.server.baseUrl, '--user-agent', 'Desk ops@example.com', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ provider: 'edgar', id: 'AAPL', kind: 'fundamentals', rows: 12601 });
  });

  it('lists what is stored and refreshes everything incrementally', async () => {
    await run('set', 'yahoo', 'base-url', cli.server.baseUrl);
    expect((await run('fetch', 'yahoo', 'AAPL', '--from', '2020-08-31', '--to', '2020-10-01')).code).toBe(0);
    expect((await run('fetch', 'yahoo', 'BTC-USD', '--to', '2020-12-01')).code).toBe(0);
    const list = await run('list');
    expect(list.stdout).toMatch(/yahoo\s+AAPL 1D\s+bars\s+23 rows 2020-08-31…2020-10-01/);
    const refresh = await run('refresh', '--all', '--json');
    expect(refresh.code).toBe(0);
    const results = JSON.parse(refresh.stdout) as { id: string; rows: number }[];
    expect(results.map((x) => x.id)).toEqual(['AAPL', 'BTC-USD']);
    const periods = cli.server.requests.filter((q) => q.path.includes('/chart/BTC-USD')).map((q) => Number(q.query.get('period1')));
    expect(periods).toEqual([0, Date.UTC(2020, 11, 1) / 1000]);
    const after = JSON.parse((await run('list', '--json')).stdout) as { id: string; rows: number; last: string }[];
    expect(after.find((s) => s.id === 'AAPL')).toMatchObject({ rows: 49, last: '2020-11-06' });
  });

  it('exits 1 naming provider, request and reason, and stores nothing, on an unknown symbol', async () => {
    const r = await run('fetch', 'yahoo', 'MDLY', '--base-url', cli.server.baseUrl, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ provider: 'yahoo', id: 'MDLY', error: { code: 'UNKNOWN_ID', provider: 'yahoo', reason: 'No data found, symbol may be delisted' } });
    expect(JSON.parse((await run('list', '--json')).stdout)).toEqual([]);
  });

  it('refuses bad usage with exit 2', async () => {
    expect((await run('fetch', 'bloomberg', 'AAPL')).code).toBe(2);
    expect((await run('fetch', 'yahoo', 'AAPL', '--from', '2020-02-30')).code).toBe(2);
    expect((await run('fetch', 'yahoo', 'AAPL', '--base-url', 'http://127.0.0.1:1/v8')).code).toBe(2);
    expect((await run('fetch', 'fred', 'GDP', '--kind', 'bars')).code).toBe(2);
    expect((await run('refresh')).code).toBe(2);
  });
});
