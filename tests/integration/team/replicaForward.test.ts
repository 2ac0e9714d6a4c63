// A replica that forwards to its primary (serve --role replica --primary URL): two real team servers and a real
// redis-server. A trader connected to replica B submits an order that primary A journals, and its fill comes back on
// B's stream exactly once; B's order and position lists are A's; a viewer is refused with A's own FORBIDDEN, a bad
// input with A's own words; a token revoked on A is refused through B; a client leaving B closes its link to A; A
// stopped → PRIMARY_UNAVAILABLE naming A, and B's /health names the primary as down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHeadlessHost, type HeadlessHost } from '../../../src/main/headless/headlessHost';
import { parsePrimaryUrl } from '../../../src/main/team/primaryAddress';
import { USER_TOKENS_FILE, SqliteUserTokens } from '../../../src/main/team/userTokens';
import { httpRequest } from '../headless/headlessClient';
import { connectClient, expectClient, fakeRenderer, type ApiClient } from './teamClient';
import { waitFor } from '../../support/waitFor';
import { redisUnavailable, startRedisServer, type RedisServer } from '../../support/redisServer';

if (redisUnavailable()) console.warn(`skipped: ${redisUnavailable()}`);

const STREAM = 'test:replica-forward';
type Message = Record<string, unknown>;

describe.skipIf(redisUnavailable())('a replica forwarding desk calls to its primary', () => {
  let dir: string;
  let redis: RedisServer;
  let primary: HeadlessHost;
  let replica: HeadlessHost;
  let primaryUrl: string;
  let primaryStopped = false;
  const tokens: Record<'trader' | 'viewer' | 'doomed', { token: string; id: string }> = {} as never;
  const clients: ApiClient[] = [];
  let symbol: string;

  const connect = async (host: HeadlessHost, token: string) => {
    const client = expectClient(await connectClient(host.server.port, token));
    clients.push(client);
    return client;
  };
  const probe = async (host: HeadlessHost, path: string) => {
    const reply = await httpRequest(host.server.port, path, { headers: { Host: `127.0.0.1:${host.server.port}` } });
    return { status: reply.status, body: reply.body };
  };
  /** A's answer to a call of its own dispatcher (as one of its own clients would get it), as JSON travels. */
  const onPrimary = async (method: string, input: unknown) => JSON.parse(JSON.stringify(await primary.workstation.dispatch(method, input))) as Message;
  const fillsOf = (client: ApiClient, orderId: string) =>
    client.messages.filter((m) => m.kind === 'event' && m.topic === 'trading.fills' && ((m.data as Message).fill as Message).clientOrderId === orderId);
  let size = 0;
  // Each order differs in size: the duplicate-order guard refuses the same order twice within its window.
  const orderInput = () => ({ symbol, side: 'BUY', type: 'MARKET', quantity: ++size, timeInForce: 'DAY' });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nautilus-forward-'));
    redis = await startRedisServer();
    // The team's users, the same on both servers: A's token file copied to B (a shared user store is another matter).
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    const users = SqliteUserTokens.open(join(dir, 'a'));
    for (const [key, user, role] of [['trader', 'tess', 'trader'], ['viewer', 'vic', 'viewer'], ['doomed', 'rex', 'trader']] as const) {
      const created = await users.create(user, role);
      if (!created.ok) throw new Error(created.error.code);
      tokens[key] = { token: created.value.token, id: created.value.info.id };
    }
    await users.close();
    copyFileSync(join(dir, 'a', USER_TOKENS_FILE), join(dir, 'b', USER_TOKENS_FILE));

    const common = { host: '127.0.0.1', port: 0, rendererDir: fakeRenderer(dir), engines: [], poolSize: 1, syntheticHistory: false } as const;
    primary = await startHeadlessHost({ ...common, dataDir: join(dir, 'a'), fanout: { url: redis.url, role: 'primary', stream: STREAM } });
    const address = parsePrimaryUrl(primary.server.url);
    if (!address.ok) throw new Error(address.error);
    primaryUrl = address.value.url;
    replica = await startHeadlessHost({
      ...common,
      dataDir: join(dir, 'b'),
      fanout: { url: redis.url, role: 'replica', stream: STREAM, primary: address.value, forwarding: { probeIntervalMs: 100 } },
    });
    symbol = primary.workstation.desk.equities.find((i) => i.currency === 'USD' && i.lotSize === 1)!.symbol;
    await waitFor(() => (replica.fanout?.status().position ?? null) !== null, 'B reading the stream');
  }, 90_000);
  afterAll(async () => {
    for (const client of clients) client.close();
    await replica?.stop();
    if (!primaryStopped) await primary?.stop();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it("takes a trader's order on B to A, whose journal holds it, and its fill back on B's stream exactly once", async () => {
    const tess = await connect(replica, tokens.trader.token);
    tess.ws.send(JSON.stringify({ kind: 'subscribe', id: 1000, topic: 'trading.fills' }));
    await expect.poll(() => tess.messages.some((m) => m.kind === 'subscribed' && m.id === 1000 && m.error === undefined)).toBe(true);
    const reply = await tess.call('orders.submit', orderInput());
    expect(reply, JSON.stringify(reply)).toMatchObject({ ok: true, value: { ok: true, value: { symbol, side: 'BUY' } } });
    const orderId = ((reply.value as Message).value as Message).clientOrderId as string;

    const journal = (await onPrimary('journal.events', { clientOrderId: orderId })) as { ok: boolean; value: { entries: Message[] } };
    expect(journal.value.entries.map((e) => e.kind)).toContain('NEW');
    await expect.poll(() => fillsOf(tess, orderId).length, { timeout: 30_000 }).toBe(1);
    // A later order's fill arriving means the stream has passed the first one's place: it came once.
    const later = await tess.call('orders.submit', orderInput());
    const laterId = ((later.value as Message).value as Message).clientOrderId as string;
    await expect.poll(() => fillsOf(tess, laterId).length, { timeout: 30_000 }).toBe(1);
    expect(fillsOf(tess, orderId)).toHaveLength(1);
    const journalAfter = (await onPrimary('journal.events', { clientOrderId: orderId })) as { value: { entries: Message[] } };
    expect(journalAfter.value.entries.filter((e) => e.kind === 'FILL')).toHaveLength(1);
  }, 90_000);

  it("answers orders.list and positions.list on B with A's", async () => {
    const tess = await connect(replica, tokens.trader.token);
    const ordersOnB = await tess.call('orders.list', { scope: 'all' });
    expect(ordersOnB.ok).toBe(true);
    expect((ordersOnB.value as unknown[]).length).toBeGreaterThanOrEqual(2);
    expect({ ok: true, value: ordersOnB.value }).toEqual(await onPrimary('orders.list', { scope: 'all' }));
    // Marks move with every quote, so what both must agree on is the book itself.
    const book = (positions: unknown) =>
      (positions as Message[]).map(({ account, symbol: s, currency, quantity, averageCost, realizedPnl, commissions }) => ({ account, symbol: s, currency, quantity, averageCost, realizedPnl, commissions }));
    const positionsOnB = await tess.call('positions.list', {});
    expect(positionsOnB.ok).toBe(true);
    expect(book(positionsOnB.value)).toEqual(book((await onPrimary('positions.list', {})).value));
    expect(book(positionsOnB.value).find((p) => p.symbol === symbol)?.quantity).toBe(size * (size + 1) / 2);
  }, 60_000);

  it("refuses a viewer's order and a bad input with A's own answers, before sending anything", async () => {
    const forwardedBefore = replica.fanout!.forwarding!.status().forwarded;
    const vicOnB = await connect(replica, tokens.viewer.token);
    const vicOnA = await connect(primary, tokens.viewer.token);
    const order = orderInput();
    const refusedOnB = await vicOnB.call('orders.submit', order);
    expect(refusedOnB).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'orders.submit needs the trader role; vic is a viewer' } });
    expect(refusedOnB).toEqual({ ...(await vicOnA.call('orders.submit', order)), id: refusedOnB.id });

    const tess = await connect(replica, tokens.trader.token);
    const bad = { ...orderInput(), quantity: -1, side: 'SIDEWAYS' };
    const invalidOnB = await tess.call('orders.submit', bad);
    expect(invalidOnB).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect({ ok: false, error: invalidOnB.error }).toEqual(await onPrimary('orders.submit', bad));
    expect(replica.fanout!.forwarding!.status().forwarded).toBe(forwardedBefore);
  }, 60_000);

  it('refuses through B a token revoked on A, and closes its socket on B as A closed the link', async () => {
    const rex = await connect(replica, tokens.doomed.token);
    const closed = new Promise<number>((resolve) => rex.ws.once('close', (code) => resolve(code)));
    expect(await rex.call('orders.list', { scope: 'working' })).toMatchObject({ ok: true });
    const usersOnA = SqliteUserTokens.open(join(dir, 'a'));
    expect((await usersOnA.revoke(tokens.doomed.id)).ok).toBe(true);
    await usersOnA.close();
    // B's copy of the token file still holds the token: A's own check refuses it.
    expect(await rex.call('orders.list', { scope: 'working' })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: 'the token of rex has been revoked' } });
    expect(await closed).toBe(1008);
    // A new socket on B: B lets it in, A refuses the credential at once.
    const again = await connect(replica, tokens.doomed.token);
    expect(await again.call('positions.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', primary: primaryUrl, message: expect.stringContaining('(HTTP 401)') } });
  }, 60_000);

  it("opens a client's link to A on its first forwarded call only, and closes it when the client leaves B", async () => {
    for (const client of clients.splice(0)) client.close();
    await expect.poll(() => primary.server.clientCount()).toBe(0);
    const tess = await connect(replica, tokens.trader.token);
    expect(await tess.call('system.ping', {})).toMatchObject({ ok: true });
    expect(primary.server.clientCount()).toBe(0);
    expect(await tess.call('pnl.summary', {})).toMatchObject({ ok: true });
    expect(primary.server.clientCount()).toBe(1);
    tess.close();
    await expect.poll(() => primary.server.clientCount()).toBe(0);
  }, 60_000);

  it('says PRIMARY_UNAVAILABLE, naming A, once A is stopped; /health names the primary and /metrics counts it', async () => {
    await expect.poll(async () => JSON.parse((await probe(replica, '/health')).body).components).toContainEqual({ component: 'primary', up: true });
    const tess = await connect(replica, tokens.trader.token);
    primaryStopped = true;
    await primary.stop();
    const reply = await tess.call('orders.submit', orderInput());
    expect(reply).toMatchObject({ ok: false, error: { code: 'PRIMARY_UNAVAILABLE', primary: primaryUrl, sent: false, method: 'orders.submit' } });
    expect((reply.error as Message).message).toContain(primaryUrl);
    const health = await probe(replica, '/health');
    const report = JSON.parse(health.body) as { ready: boolean; down: string[]; components: Message[] };
    expect(report.down).toContain('primary');
    expect(report.components.find((c) => c.component === 'primary')).toMatchObject({ up: false, reason: expect.stringContaining(primaryUrl) });
    // Its clients still watch the desk: B stays in service.
    expect(health.status).toBe(200);
    const metrics = (await probe(replica, '/metrics')).body;
    expect(metrics).toMatch(/nautilus_forwarded_calls_total [1-9]/);
    expect(metrics).toContain('nautilus_forward_failures_total{code="PRIMARY_UNAVAILABLE"} 1');
    expect(metrics).toContain('nautilus_primary_up 0');
  }, 60_000);
});
