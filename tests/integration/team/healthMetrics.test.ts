// The team server's probes on the real headless host: /health names what is down (503 when not ready) and reaches a
// probe that sends the pod's address as Host; /metrics counts order outcomes and denials by code, times the order path,
// and reports engine health, bus depth and connected clients in Prometheus's text format.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHeadlessHost, type HeadlessHost } from '../../../src/main/headless/headlessHost';
import { exchangeLaunchToken, httpRequest } from '../headless/headlessClient';
import { connectClient, expectClient, fakeRenderer, type ApiClient } from './teamClient';

/** The value of one sample line (`name{labels} value`), or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe('team server health and metrics', () => {
  let dir: string;
  let host: HeadlessHost;
  let client: ApiClient;
  let symbol: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nautilus-probes-'));
    host = await startHeadlessHost({ dataDir: join(dir, 'data'), host: '127.0.0.1', port: 0, rendererDir: fakeRenderer(dir), engines: ['risk'], poolSize: 1, syntheticHistory: false });
    for (let i = 0; i < 400 && host.workstation.supervisor.healthOf('risk').state !== 'up'; i++) await new Promise((r) => setTimeout(r, 50));
    const session = (await exchangeLaunchToken(host.server.port, host.token)).session!;
    client = expectClient(await connectClient(host.server.port, session));
    symbol = host.workstation.desk.equities.find((i) => i.currency === 'USD' && i.lotSize === 1)!.symbol;
  }, 60_000);
  afterAll(async () => {
    client?.close();
    await host?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (path: string, hostHeader = `127.0.0.1:${host.server.port}`) => httpRequest(host.server.port, path, { headers: { Host: hostHeader } });

  it('is live and ready with every part up, also for a probe addressing the pod by its IP', async () => {
    const reply = await get('/health', '10.42.0.17:4780');
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({
      live: true,
      ready: true,
      down: [],
      components: [
        { component: 'engines', up: true },
        { component: 'venue', up: true },
        { component: 'store', up: true },
      ],
    });
    expect((await get('/health/live')).status).toBe(200);
    expect((await get('/health/ready')).status).toBe(200);
    // Everything else keeps its Host check.
    expect((await get('/index.html', '10.42.0.17:4780')).status).toBe(403);
  });

  it('counts accepted and denied orders by code, times the order path, and reports clients, engines and the bus', async () => {
    const accepted = await client.call('orders.submit', { symbol, side: 'BUY', type: 'MARKET', quantity: 1, timeInForce: 'DAY' });
    expect(accepted).toMatchObject({ ok: true, value: { ok: true } });
    const denied = await client.call('orders.submit', { symbol, side: 'BUY', type: 'MARKET', quantity: 900_000_000, timeInForce: 'DAY' });
    expect(denied).toMatchObject({ ok: true, value: { ok: false } });
    const code = (denied.value as { error: { code: string } }).error.code;
    expect(code).toMatch(/^[A-Z_]+$/);
    const invalid = await client.call('orders.submit', { symbol, side: 'BUY', type: 'MARKET', quantity: -1, timeInForce: 'DAY' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    await client.call('system.ping');

    const reply = await get('/metrics', '10.42.0.17:4780');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = reply.body;
    expect(sample(text, 'nautilus_order_requests_total', { method: 'orders.submit', outcome: 'accepted' })).toBe(1);
    expect(sample(text, 'nautilus_order_requests_total', { method: 'orders.submit', outcome: 'denied' })).toBe(1);
    expect(sample(text, 'nautilus_order_requests_total', { method: 'orders.submit', outcome: 'invalid' })).toBe(1);
    expect(sample(text, 'nautilus_order_denials_total', { method: 'orders.submit', code })).toBe(1);
    expect(sample(text, 'nautilus_order_denials_total', { method: 'orders.submit', code: 'VALIDATION_FAILED' })).toBe(1);
    // Only the order path is timed: three submits, not the ping.
    expect(sample(text, 'nautilus_order_path_seconds_count', { method: 'orders.submit' })).toBe(3);
    expect(sample(text, 'nautilus_order_path_seconds_count', { method: 'system.ping' })).toBeUndefined();
    expect(sample(text, 'nautilus_order_path_seconds_bucket', { method: 'orders.submit', le: '+Inf' })).toBe(3);
    expect(sample(text, 'nautilus_connected_clients')).toBe(1);
    expect(sample(text, 'nautilus_engine_up', { engine: 'risk', state: 'up' })).toBe(1);
    expect(sample(text, 'nautilus_bus_depth')).toBeGreaterThanOrEqual(0);
    // Sync to PostgreSQL is off on this server: no lag to report, rather than a lag of 0.
    expect(sample(text, 'nautilus_sync_lag_seconds')).toBeUndefined();
    // No Redis fan-out on this server either.
    expect(sample(text, 'nautilus_fanout_redis_up')).toBeUndefined();
    expect(sample(text, 'nautilus_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('turns not ready when orders go to a venue that is down, naming it, while staying live', async () => {
    expect(await client.call('venues.route', { venue: 'IB' })).toMatchObject({ ok: true, value: { ok: true } });
    const ready = await get('/health/ready');
    expect(ready.status).toBe(503);
    const report = JSON.parse(ready.body);
    expect(report).toMatchObject({ live: true, ready: false, down: ['venue'] });
    expect(report.components[1]).toEqual({ component: 'venue', up: false, reason: 'orders go to IB, which is disconnected' });
    expect((await get('/health/live')).status).toBe(200);
    expect(await client.call('venues.route', { venue: 'SIM' })).toMatchObject({ ok: true });
    expect((await get('/health/ready')).status).toBe(200);
  });
});
