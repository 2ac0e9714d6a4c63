// The page's transport against the real server (Node's `ws` standing in for the browser's WebSocket): it exchanges
// the launch token once, reconnects by itself after a restart on the same data, says exactly what to do when its
// credential is refused (and stops trying), and refuses a call too large for a frame by naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startHeadlessServer, type HeadlessServer, type HeadlessServerOptions } from '../../../src/main/headless/httpServer';
import { MessageBus } from '../../../src/main/bus/messageBus';
import type { Dispatch } from '../../../src/main/api/dispatcher';
import { openBrowserSession } from '../../../src/renderer/api/browserSession';
import { createWebSocketTransport, type ConnectionState } from '../../../src/renderer/api/webSocketTransport';
import { LAUNCH_URL_SPENT, MAX_CLIENT_FRAME_BYTES, MAX_SERIES_VALUES, REOPEN_LAUNCH_URL } from '../../../src/shared/contracts/wire';

const g = globalThis as { WebSocket?: unknown };

describe('the browser transport', () => {
  let dir: string;
  let server: HeadlessServer;
  let options: HeadlessServerOptions;
  const bus = new MessageBus();
  const dispatch: Dispatch = async (method) => ({ ok: true, value: method });
  const states: Array<[ConnectionState, string | undefined]> = [];
  const storage = new Map<string, string>();
  const savedWebSocket = g.WebSocket;

  const start = async (overrides: Partial<HeadlessServerOptions> = {}) => {
    server = await startHeadlessServer({ ...options, ...overrides });
  };
  const lastState = () => states.at(-1)?.[0];

  beforeAll(async () => {
    g.WebSocket = WebSocket;
    dir = mkdtempSync(join(tmpdir(), 'nautilus-transport-'));
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(join(dir, 'renderer', 'index.html'), '<html>app</html>');
    options = { host: '127.0.0.1', port: 0, token: 'first-launch-0123456789', sessionFile: join(dir, 'sessions.json'), rendererDir: join(dir, 'renderer'), dispatch, bus };
    await start();
    options = { ...options, port: server.port }; // a restart comes back on the same port
  });
  afterAll(async () => {
    await server.close();
    g.WebSocket = savedWebSocket;
    rmSync(dir, { recursive: true, force: true });
  });

  const transport = (tab = storage, launchToken = options.token, seen = states) =>
    createWebSocketTransport(
      `ws://127.0.0.1:${options.port}/api`,
      openBrowserSession({ storage: { getItem: (k) => tab.get(k) ?? null, setItem: (k, v) => void tab.set(k, v) }, launchToken, origin: `http://127.0.0.1:${options.port}` }),
      (state, detail) => seen.push([state, detail]),
    );
  let client: ReturnType<typeof transport>;

  it('exchanges the launch token, connects and answers calls', async () => {
    client = transport();
    await expect.poll(lastState).toBe('connected');
    expect(await client.call('system.ping', {})).toEqual({ ok: true, value: 'system.ping' });
    expect([...storage.values()]).toHaveLength(1);
  });

  it('refuses a call too large for one frame by naming the field, and keeps the connection', async () => {
    const values = new Array(MAX_SERIES_VALUES + 300_000).fill(1.2345678901234567);
    expect(JSON.stringify(values).length).toBeGreaterThan(MAX_CLIENT_FRAME_BYTES);
    const reply = await client.call('features.movingAverage', { kind: 'sma', period: 2, values });
    expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', issues: [{ path: 'input.values' }] } });
    expect(lastState()).toBe('connected');
    expect(await client.call('system.ping', {})).toMatchObject({ ok: true });
  });

  it('reconnects by itself after a restart on the same data, and its subscriptions resume', async () => {
    const events: unknown[] = [];
    client.subscribe('trading.orders', (e) => events.push(e));
    await server.close();
    await expect.poll(lastState).toBe('disconnected');
    await start({ token: 'second-launch-0123456789' });
    await expect.poll(lastState, { timeout: 15_000 }).toBe('connected');
    expect(await client.call('system.ping', {})).toEqual({ ok: true, value: 'system.ping' });
    await expect.poll(() => (bus.publish('trading.orders', { n: 1 }), events.length)).toBeGreaterThan(0);
  });

  it('when its credential is refused, says to open the launch URL again and stops trying', async () => {
    await server.close();
    await start({ token: 'third-launch-0123456789', sessionFile: join(dir, 'other-data-sessions.json') });
    await expect.poll(lastState, { timeout: 15_000 }).toBe('unauthorized');
    expect(states.at(-1)).toEqual(['unauthorized', REOPEN_LAUNCH_URL]);
    const seen = states.length;
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // several retry intervals
    expect(states.length).toBe(seen);
    expect(await client.call('system.ping', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: REOPEN_LAUNCH_URL } });
  });

  it('a second tab opening the same launch URL is told the token was spent, and what to do', async () => {
    const first: typeof states = [];
    const second: typeof states = [];
    transport(new Map(), 'third-launch-0123456789', first);
    await expect.poll(() => first.at(-1)?.[0]).toBe('connected');
    transport(new Map(), 'third-launch-0123456789', second);
    await expect.poll(() => second.at(-1)).toEqual(['unauthorized', LAUNCH_URL_SPENT]);
  });
});
