// The headless host's doors: the one-time launch token exchanged for a session credential (never a cookie), the
// credential on the WebSocket (401 without it), Origin and Host checks, no files outside the renderer, validated
// API messages, and sessions that survive a restart on the same data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHeadlessServer, type HeadlessServer, type HeadlessServerOptions } from '../../../src/main/headless/httpServer';
import { MessageBus } from '../../../src/main/bus/messageBus';
import type { Dispatch } from '../../../src/main/api/dispatcher';
import { collect, exchangeLaunchToken, httpRequest, openSocket } from './headlessClient';

const TOKEN = 'test-token-0123456789';

describe('headless http + websocket server', () => {
  let server: HeadlessServer;
  let dir: string;
  let options: HeadlessServerOptions;
  let session: string;
  const bus = new MessageBus();
  const dispatch: Dispatch = async (method, input) => ({ ok: true, value: { method, input } });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nautilus-http-'));
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(join(dir, 'renderer', 'index.html'), '<html>app</html>');
    writeFileSync(join(dir, 'secret.txt'), 'outside');
    options = { host: '127.0.0.1', port: 0, token: TOKEN, sessionFile: join(dir, 'sessions.json'), rendererDir: join(dir, 'renderer'), dispatch, bus };
    server = await startHeadlessServer(options);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const host = () => `127.0.0.1:${server.port}`;

  it('prints the launch token in the URL fragment, which no request carries', () => {
    expect(server.launchUrl).toBe(`http://127.0.0.1:${server.port}/#token=${TOKEN}`);
  });

  it('exchanges the launch token once for a session credential, and never sets a cookie', async () => {
    expect(await exchangeLaunchToken(server.port, 'wrong')).toEqual({ status: 401 });
    const first = await httpRequest(server.port, '/session', { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(first.status).toBe(200);
    expect(first.headers['set-cookie']).toBeUndefined();
    session = (JSON.parse(first.body) as { session: string }).session;
    expect(session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await exchangeLaunchToken(server.port, TOKEN)).toEqual({ status: 401 }); // one-time
    // Only a hash is stored, in a file only its owner can read.
    expect(readFileSync(join(dir, 'sessions.json'), 'utf8')).not.toContain(session);
    expect(statSync(join(dir, 'sessions.json')).mode & 0o777).toBe(0o600);
  });

  it('answers whether a session credential is good', async () => {
    expect((await httpRequest(server.port, '/session', { headers: { Authorization: `Bearer ${session}` } })).status).toBe(204);
    expect((await httpRequest(server.port, '/session', { headers: { Authorization: 'Bearer nope' } })).status).toBe(401);
    expect((await httpRequest(server.port, '/session')).status).toBe(401);
  });

  it('refuses the exchange from another origin', async () => {
    const reply = await httpRequest(server.port, '/session', { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, Origin: 'http://127.0.0.1:9999' } });
    expect(reply.status).toBe(403);
  });

  it('serves the app (no data in it) without a credential, with a CSP', async () => {
    const page = await httpRequest(server.port, '/');
    expect(page.status).toBe(200);
    expect(page.body).toBe('<html>app</html>');
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(String(page.headers['content-security-policy'])).not.toContain('unsafe-eval');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await httpRequest(server.port, '/', { headers: { Host: 'evil.example' } })).status).toBe(403);
    expect(await openSocket(`ws://${host()}/api`, { session, headers: { Host: 'evil.example' } })).toEqual({ status: 403, closed: true });
  });

  it('serves nothing outside the renderer folder', async () => {
    expect((await httpRequest(server.port, '/../secret.txt')).body).not.toContain('outside');
    expect((await httpRequest(server.port, '/%2e%2e/secret.txt')).status).toBe(404);
  });

  it('closes a websocket without a session credential with 401, and one with a wrong one or the launch token', async () => {
    expect(await openSocket(`ws://${host()}/api`)).toEqual({ status: 401, closed: true });
    expect(await openSocket(`ws://${host()}/api`, { session: 'nope' })).toEqual({ status: 401, closed: true });
    expect(await openSocket(`ws://${host()}/api?token=${TOKEN}`)).toEqual({ status: 401, closed: true });
    expect(await openSocket(`ws://${host()}/api`, { headers: { Cookie: `nautilus_token=${TOKEN}` } })).toEqual({ status: 401, closed: true });
  });

  it('refuses a websocket from another origin even with the credential', async () => {
    expect(await openSocket(`ws://${host()}/api`, { session, headers: { Origin: 'https://evil.example' } })).toEqual({ status: 403, closed: true });
  });

  it('accepts the app origin with the credential, answers calls and reports malformed messages', async () => {
    const { ws } = await openSocket(`ws://${host()}/api`, { session, headers: { Origin: `http://${host()}` } });
    expect(ws).toBeDefined();
    expect(ws!.protocol).toBe('nautilus.v1');
    const replies = collect(ws!);
    ws!.send(JSON.stringify({ kind: 'call', id: 1, method: 'system.ping', input: {} }));
    ws!.send(JSON.stringify({ kind: 'call', id: 'two', method: 5 }));
    ws!.send('not json');
    ws!.send(JSON.stringify({ kind: 'subscribe', id: 3, topic: 'secret.internal' }));
    await expect.poll(() => replies.length).toBe(2);
    expect(replies).toContainEqual({ kind: 'result', id: 1, ok: true, value: { method: 'system.ping', input: {} } });
    expect(replies).toContainEqual({ kind: 'subscribed', id: 3, error: expect.objectContaining({ code: 'UNKNOWN_TOPIC' }) });
    ws!.close();
  });

  it('keeps a session across a restart on the same session file, while the old launch token stays spent', async () => {
    await server.close();
    server = await startHeadlessServer({ ...options, token: 'second-launch-token' });
    const { ws } = await openSocket(`ws://${host()}/api`, { session });
    expect(ws).toBeDefined();
    ws!.close();
    expect(await exchangeLaunchToken(server.port, TOKEN)).toEqual({ status: 401 });
    expect((await exchangeLaunchToken(server.port, 'second-launch-token')).status).toBe(200);
  });
});
