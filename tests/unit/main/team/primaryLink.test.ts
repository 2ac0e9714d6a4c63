// A replica client's link to the primary, against a real headless server as the primary: opened on the first call
// only, one socket for all of a client's calls, closed with the client; the client's own credential, so the primary's
// own checks answer; nothing listening → PRIMARY_UNAVAILABLE; a change whose answer is lost is never resent; every
// answer checked as a wire response; a link the primary closes for policy closes the client's socket too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import type { Dispatch } from '../../../../src/main/api/dispatcher';
import { MessageBus } from '../../../../src/main/bus/messageBus';
import { startHeadlessServer, type HeadlessServer } from '../../../../src/main/headless/httpServer';
import { parsePrimaryUrl, type PrimaryAddress } from '../../../../src/main/team/primaryAddress';
import { createPrimaryLink, type PrimaryLinkOptions } from '../../../../src/main/team/primaryLink';
import { SqliteUserTokens } from '../../../../src/main/team/userTokens';
import { API_SUBPROTOCOL } from '../../../../src/shared/contracts/wire';
import { freePort } from '../../../support/freePort';
import { fakeRenderer } from '../../../integration/team/teamClient';

const addressOf = (url: string): PrimaryAddress => {
  const parsed = parsePrimaryUrl(url);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};

describe('primary link', () => {
  let dir: string;
  let users: SqliteUserTokens;
  let primary: HeadlessServer;
  const primaryLog: string[] = [];
  const received: Array<{ method: unknown; input: unknown }> = [];
  /** Methods the primary takes and never answers (until its sockets close). */
  const held = new Set<string>();
  const dispatch: Dispatch = async (method, input) => {
    received.push({ method, input });
    if (held.has(String(method))) return new Promise(() => undefined);
    return { ok: true, value: { echo: method, input } };
  };
  const startPrimary = () =>
    startHeadlessServer({ host: '127.0.0.1', port: 0, token: 'link-launch-token-0123456789', rendererDir: fakeRenderer(dir), dispatch, bus: new MessageBus(), users, onLog: (_l, m) => primaryLog.push(m) });
  const tokenOf = async (user: string, role: 'viewer' | 'trader') => {
    const created = await users.create(user, role);
    if (!created.ok) throw new Error(created.error.code);
    return created.value;
  };
  const linkTo = (server: { url: string }, credential: string, over: Partial<PrimaryLinkOptions> = {}) =>
    createPrimaryLink({ primary: addressOf(server.url), credential, log: () => undefined, ...over });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nautilus-primary-link-'));
    users = SqliteUserTokens.open(dir);
    primary = await startPrimary();
  });
  afterAll(async () => {
    await primary?.close();
    users?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens nothing until the first call, carries all of a client’s calls on one socket, and closes with the client', async () => {
    const { token } = await tokenOf('tina', 'trader');
    const link = linkTo(primary, token);
    expect(link.state()).toBe('idle');
    expect(primary.clientCount()).toBe(0);
    const [orders, positions] = await Promise.all([link.call('orders.list', { scope: 'all' }), link.call('positions.list', {})]);
    expect(orders).toEqual({ ok: true, value: { echo: 'orders.list', input: { scope: 'all' } } });
    expect(positions).toEqual({ ok: true, value: { echo: 'positions.list', input: {} } });
    expect(await link.call('pnl.summary', {})).toMatchObject({ ok: true });
    expect(link.state()).toBe('open');
    expect(primary.clientCount()).toBe(1);
    expect(primaryLog.filter((l) => l.startsWith('tina (trader) connected'))).toHaveLength(1);

    link.close();
    await expect.poll(() => primary.clientCount()).toBe(0);
    expect(link.state()).toBe('closed');
    expect(await link.call('orders.list', { scope: 'all' })).toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
  });

  it('presents the client’s own credential: the primary’s role check and its refusal of an unknown credential answer', async () => {
    const { token } = await tokenOf('vera', 'viewer');
    const viewer = linkTo(primary, token);
    expect(await viewer.call('orders.submit', { symbol: 'AAPL' })).toEqual({
      ok: false,
      error: { name: 'ApiError', code: 'FORBIDDEN', message: 'orders.submit needs the trader role; vera is a viewer', method: 'orders.submit', role: 'viewer', needed: 'trader' },
    });
    expect(received.some((r) => r.method === 'orders.submit')).toBe(false);
    viewer.close();

    const reached: boolean[] = [];
    const stranger = linkTo(primary, 'nat_0123456789abcdef_not-a-real-secret-of-43-characters-xxxxxxxx', { onReachability: (up) => reached.push(up) });
    expect(await stranger.call('orders.list', { scope: 'all' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED', primary: primary.url.replace(/\/$/, ''), message: expect.stringContaining('(HTTP 401)') },
    });
    expect(reached).toEqual([true]);
    stranger.close();
  });

  it('fails at once with PRIMARY_UNAVAILABLE, naming the primary, when nothing listens there', async () => {
    const port = await freePort();
    const reached: Array<[boolean, string | undefined]> = [];
    const link = linkTo({ url: `http://127.0.0.1:${port}` }, 'whatever', { onReachability: (up, reason) => reached.push([up, reason]) });
    const reply = await link.call('orders.submit', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'PRIMARY_UNAVAILABLE', primary: `http://127.0.0.1:${port}`, sent: false, method: 'orders.submit' } });
    expect(!reply.ok && reply.error.message).toContain('ECONNREFUSED');
    expect(reached).toEqual([[false, expect.stringContaining('ECONNREFUSED')]]);
    link.close();
  });

  it('never resends a change whose answer was lost (its outcome is unknown); a read whose answer was lost may be asked again', async () => {
    const second = await startPrimary();
    const { token } = await tokenOf('theo', 'trader');
    const link = linkTo(second, token);
    held.add('orders.submit').add('orders.list');
    const submitsBefore = received.filter((r) => r.method === 'orders.submit').length;
    const receivedBefore = received.length;
    const change = link.call('orders.submit', { symbol: 'AAPL', quantity: 1 });
    const read = link.call('orders.list', { scope: 'all' });
    await expect.poll(() => received.slice(receivedBefore).map((r) => r.method)).toEqual(['orders.submit', 'orders.list']);
    await second.close();
    expect(await change).toMatchObject({ ok: false, error: { code: 'PRIMARY_OUTCOME_UNKNOWN', method: 'orders.submit', sent: true, message: expect.stringContaining('orders.list') } });
    expect(await read).toMatchObject({ ok: false, error: { code: 'PRIMARY_UNAVAILABLE', method: 'orders.list', sent: true } });
    expect(received.filter((r) => r.method === 'orders.submit')).toHaveLength(submitsBefore + 1);
    // The next call opens a new link, finds nothing there, and sends nothing.
    expect(await link.call('orders.submit', { symbol: 'AAPL', quantity: 2 })).toMatchObject({ ok: false, error: { code: 'PRIMARY_UNAVAILABLE', sent: false } });
    held.clear();
    link.close();
  });

  it('closes the client’s socket as the primary closed the link when the user’s token is revoked', async () => {
    const { token, info } = await tokenOf('rita', 'trader');
    const closes: Array<[number, string]> = [];
    const link = linkTo(primary, token, { onPolicyClose: (code, reason) => closes.push([code, reason]) });
    expect(await link.call('orders.list', { scope: 'all' })).toMatchObject({ ok: true });
    await users.revoke(info.id);
    expect(await link.call('orders.list', { scope: 'all' })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: 'the token of rita has been revoked' } });
    await expect.poll(() => closes).toEqual([[1008, 'token revoked']]);
    link.close();
  });
});

describe('primary link against a primary that misbehaves', () => {
  let server: WebSocketServer;
  let url: string;
  const log: string[] = [];

  beforeAll(async () => {
    // A socket server speaking the API's subprotocol whose answers are wrong on purpose (no real primary sends them).
    server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/api', autoPong: false, handleProtocols: (offered) => (offered.has(API_SUBPROTOCOL) ? API_SUBPROTOCOL : false) });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    server.on('connection', (ws) => {
      ws.on('message', (data) => {
        const call = JSON.parse(String(data)) as { id: number; method: string };
        if (call.method === 'orders.submit') ws.send(JSON.stringify({ kind: 'result', id: call.id, ok: 'yes' }));
        else if (call.method === 'orders.list') ws.send(JSON.stringify([{ kind: 'event', id: 7, topic: 'trading.orders', data: {} }, { kind: 'result', id: call.id, ok: true, value: [] }]));
        else if (call.method === 'positions.list') ws.send('{not json');
        // pnl.summary: never answered, and pings are not answered either (autoPong off).
      });
    });
  });
  afterAll(async () => {
    for (const client of server?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  it('fails a call whose answer is not a wire response (PRIMARY_BAD_REPLY), and relays a good one beside a stray message', async () => {
    const link = createPrimaryLink({ primary: addressOf(url), credential: 'c', log: (_l, m) => log.push(m) });
    expect(await link.call('orders.submit', {})).toMatchObject({ ok: false, error: { code: 'PRIMARY_BAD_REPLY', method: 'orders.submit', message: expect.stringContaining('may or may not have been carried out') } });
    expect(await link.call('orders.list', { scope: 'all' })).toEqual({ ok: true, value: [] });
    expect(log.some((l) => l.includes('not a call\'s answer'))).toBe(true);
    link.close();
  });

  it('drops a link whose frame is not JSON, failing its calls', async () => {
    const link = createPrimaryLink({ primary: addressOf(url), credential: 'c', log: (_l, m) => log.push(m) });
    expect(await link.call('positions.list', {})).toMatchObject({ ok: false, error: { code: 'PRIMARY_UNAVAILABLE', sent: true } });
    expect(log.some((l) => l.includes('not JSON text: link dropped'))).toBe(true);
    link.close();
  });

  it('drops a link whose primary stops answering pings, failing the call it held', async () => {
    const link = createPrimaryLink({ primary: addressOf(url), credential: 'c', heartbeatMs: 100, log: (_l, m) => log.push(m) });
    expect(await link.call('pnl.summary', {})).toMatchObject({ ok: false, error: { code: 'PRIMARY_UNAVAILABLE', sent: true, method: 'pnl.summary' } });
    expect(log.some((l) => l.includes('did not answer a ping within 100 ms'))).toBe(true);
    link.close();
  });
});
