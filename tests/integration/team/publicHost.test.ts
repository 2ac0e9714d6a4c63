// Behind an Ingress the team server is reached by its public name over TLS: that Host and its https:// Origin are
// accepted (API socket included), while other names and plain-http look-alikes stay refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHeadlessServer, type HeadlessServer } from '../../../src/main/headless/httpServer';
import { MessageBus } from '../../../src/main/bus/messageBus';
import { exchangeLaunchToken, httpRequest, openSocket } from '../headless/headlessClient';
import { fakeRenderer } from './teamClient';

describe('the team server behind a TLS proxy', () => {
  let dir: string;
  let server: HeadlessServer;
  let session: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nautilus-public-'));
    server = await startHeadlessServer({ host: '127.0.0.1', port: 0, token: 'public-token-0123456789', rendererDir: fakeRenderer(dir), dispatch: async () => ({ ok: true, value: null }), bus: new MessageBus(), publicHost: 'Nautilus.Example.com' });
    session = (await exchangeLaunchToken(server.port, 'public-token-0123456789')).session!;
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the app under its public name, with the secure socket allowed by the CSP', async () => {
    const page = await httpRequest(server.port, '/', { headers: { Host: 'nautilus.example.com' } });
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain('wss://nautilus.example.com');
    expect((await httpRequest(server.port, '/', { headers: { Host: 'evil.example.com' } })).status).toBe(403);
  });

  it('accepts the API socket from the https origin of that name only', async () => {
    const url = `ws://127.0.0.1:${server.port}/api`;
    const good = await openSocket(url, { session, headers: { Host: 'nautilus.example.com', Origin: 'https://nautilus.example.com' } });
    expect(good.ws).toBeDefined();
    good.ws!.close();
    expect((await openSocket(url, { session, headers: { Host: 'nautilus.example.com', Origin: 'https://evil.example.com' } })).status).toBe(403);
    expect((await openSocket(url, { session, headers: { Origin: `https://127.0.0.1:${server.port}` } })).status).toBe(403);
  });
});
