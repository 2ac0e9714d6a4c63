// The headless host's doors: token on HTTP and WebSocket (401 and the socket closes), Origin and Host checks,
// no files outside the renderer, and validated API messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startHeadlessServer, type HeadlessServer } from '../../../src/main/headless/httpServer';
import { MessageBus } from '../../../src/main/bus/messageBus';
import type { Dispatch } from '../../../src/main/api/dispatcher';

const TOKEN = 'test-token-0123456789';

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a socket and reports how the server answered the upgrade. */
function openSocket(url: string, headers: Record<string, string> = {}): Promise<{ ws?: WebSocket; status?: number; closed?: boolean }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      res.socket.once('close', () => resolve({ status: res.statusCode, closed: true }));
      res.resume();
    });
    ws.once('error', () => undefined);
  });
}

describe('headless http + websocket server', () => {
  let server: HeadlessServer;
  let dir: string;
  const bus = new MessageBus();
  const dispatch: Dispatch = async (method, input) => ({ ok: true, value: { method, input } });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nautilus-http-'));
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(join(dir, 'renderer', 'index.html'), '<html>app</html>');
    writeFileSync(join(dir, 'secret.txt'), 'outside');
    server = await startHeadlessServer({ host: '127.0.0.1', port: 0, token: TOKEN, rendererDir: join(dir, 'renderer'), dispatch, bus });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const host = () => `127.0.0.1:${server.port}`;

  it('answers 401 without the token, or with a wrong one', async () => {
    expect((await get(server.port, '/')).status).toBe(401);
    expect((await get(server.port, '/?token=wrong')).status).toBe(401);
    expect((await get(server.port, '/', { Cookie: 'nautilus_token=wrong' })).status).toBe(401);
  });

  it('trades the token in the URL for an HttpOnly cookie and serves the app with a CSP', async () => {
    const first = await get(server.port, `/?token=${TOKEN}`);
    expect(first.status).toBe(302);
    expect(first.headers.location).toBe('/');
    expect(String(first.headers['set-cookie'])).toMatch(/nautilus_token=test-token-0123456789; HttpOnly; SameSite=Strict/);
    const page = await get(server.port, '/', { Cookie: `nautilus_token=${TOKEN}` });
    expect(page.status).toBe(200);
    expect(page.body).toBe('<html>app</html>');
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(String(page.headers['content-security-policy'])).not.toContain('unsafe-eval');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await get(server.port, '/', { Cookie: `nautilus_token=${TOKEN}`, Host: 'evil.example' })).status).toBe(403);
  });

  it('serves nothing outside the renderer folder', async () => {
    const cookie = { Cookie: `nautilus_token=${TOKEN}` };
    expect((await get(server.port, '/../secret.txt', cookie)).body).not.toContain('outside');
    expect((await get(server.port, '/%2e%2e/secret.txt', cookie)).status).toBe(404);
  });

  it('closes a websocket without the token with 401, and one with a wrong token', async () => {
    expect(await openSocket(`ws://${host()}/api`)).toEqual({ status: 401, closed: true });
    expect(await openSocket(`ws://${host()}/api?token=nope`)).toEqual({ status: 401, closed: true });
  });

  it('refuses a websocket from another origin even with the token', async () => {
    expect(await openSocket(`ws://${host()}/api?token=${TOKEN}`, { Origin: 'https://evil.example' })).toEqual({ status: 403, closed: true });
  });

  it('accepts the app origin with the cookie, answers calls and reports malformed messages', async () => {
    const { ws } = await openSocket(`ws://${host()}/api`, { Origin: `http://${host()}`, Cookie: `nautilus_token=${TOKEN}` });
    expect(ws).toBeDefined();
    const replies: unknown[] = [];
    // Messages sent in one turn share a frame (an array).
    ws!.on('message', (data) => replies.push(...[JSON.parse(String(data))].flat()));
    ws!.send(JSON.stringify({ kind: 'call', id: 1, method: 'system.ping', input: {} }));
    ws!.send(JSON.stringify({ kind: 'call', id: 'two', method: 5 }));
    ws!.send('not json');
    ws!.send(JSON.stringify({ kind: 'subscribe', id: 3, topic: 'secret.internal' }));
    await expect.poll(() => replies.length).toBe(2);
    expect(replies).toContainEqual({ kind: 'result', id: 1, ok: true, value: { method: 'system.ping', input: {} } });
    expect(replies).toContainEqual({ kind: 'subscribed', id: 3, error: expect.objectContaining({ code: 'UNKNOWN_TOPIC' }) });
    ws!.close();
  });
});
