// The team's users in a real PostgreSQL, shared by two real servers (primary A and replica B, fanning out through a
// real redis-server): a token created once with the CLI works on both; a viewer is refused orders on both; a token
// revoked once is refused on both, their open sockets closed; only a salted hash is in the table; with PostgreSQL
// down, logins are refused with 503 naming it, open team sockets are refused (not closed) and /health names postgres;
// a replica given --primary forwards a trader's order to the primary with the same shared token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import WebSocket from 'ws';
import { startHeadlessHost, type HeadlessHost } from '../../../src/main/headless/headlessHost';
import { runToken } from '../../../src/cli/commands/token';
import { parsePrimaryUrl } from '../../../src/main/team/primaryAddress';
import { httpRequest, sessionProtocols } from '../headless/headlessClient';
import { connectClient, expectClient, fakeRenderer, type ApiClient } from './teamClient';
import { postgresBinDir, POSTGRES_SKIP_REASON, PostgresServer } from '../../support/postgresServer';
import { redisUnavailable, startRedisServer, type RedisServer } from '../../support/redisServer';

const skip = postgresBinDir() === undefined ? POSTGRES_SKIP_REASON : redisUnavailable();
if (skip) console.warn(`skipped: ${skip}`);

async function tokenCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runToken(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

/** The refusal of a socket's upgrade: status and body (the reason in words). */
function refusedUpgrade(port: number, credential: string): Promise<{ status: number; body: string } | 'opened'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, sessionProtocols(credential));
    ws.once('open', () => (ws.close(), resolve('opened')));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.once('error', () => undefined);
  });
}

type Made = { token: string; info: { id: string } };

describe.skipIf(skip)('team users in PostgreSQL, shared by a primary and a replica', () => {
  let dir: string;
  let postgres: PostgresServer;
  let redis: RedisServer;
  let primary: HeadlessHost;
  let replica: HeadlessHost;
  let symbol: string;
  const tokens: Record<string, Made> = {};
  const order = () => ({ symbol, side: 'BUY', type: 'MARKET', quantity: 1, timeInForce: 'DAY' });
  const start = (name: string, role: 'primary' | 'replica') =>
    startHeadlessHost({
      dataDir: join(dir, name),
      host: '127.0.0.1',
      port: 0,
      rendererDir: fakeRenderer(dir),
      engines: [],
      poolSize: 1,
      syntheticHistory: false,
      fanout: { url: redis.url, role, stream: 'test:shared-users' },
      postgresUrl: postgres.url(),
    });
  const health = async (host: HeadlessHost) => {
    const reply = await httpRequest(host.server.port, '/health', { headers: { Host: `127.0.0.1:${host.server.port}` } });
    return { status: reply.status, report: JSON.parse(reply.body) as { ready: boolean; down: string[]; components: Array<{ component: string; up: boolean; reason?: string }> } };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nautilus-shared-users-'));
    [postgres, redis] = await Promise.all([PostgresServer.start(), startRedisServer()]);
    // Made before any server runs: the CLI applies the schema itself.
    for (const [user, role] of [['vera', 'viewer'], ['tom', 'trader'], ['ada', 'admin']] as const) {
      const made = await tokenCli('create', '--user', user, '--role', role, '--postgres', postgres.url(), '--json');
      expect(made.code, made.err).toBe(0);
      tokens[role] = JSON.parse(made.out) as Made;
    }
    primary = await start('a', 'primary');
    replica = await start('b', 'replica');
    symbol = primary.workstation.desk.equities.find((i) => i.currency === 'USD' && i.lotSize === 1)!.symbol;
  }, 120_000);
  afterAll(async () => {
    await replica?.stop();
    await primary?.stop();
    await redis?.stop();
    await postgres?.destroy();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('accepts one token on the primary and on the replica; the replica still refuses desk changes, naming the primary', async () => {
    const onA = expectClient(await connectClient(primary.server.port, tokens.trader!.token));
    const onB = expectClient(await connectClient(replica.server.port, tokens.trader!.token));
    expect(await onA.call('system.ping')).toMatchObject({ ok: true });
    expect(await onB.call('system.ping')).toMatchObject({ ok: true });
    expect(await onA.call('orders.submit', order())).toMatchObject({ ok: true, value: { ok: true, value: { symbol } } });
    const refused = await onB.call('orders.submit', order());
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', replica: true } });
    expect((refused.error as { message: string }).message).toMatch(/primary/);
    onA.close();
    onB.close();
  });

  it('refuses a viewer orders on both servers for the role, before anything else', async () => {
    for (const host of [primary, replica]) {
      const viewer = expectClient(await connectClient(host.server.port, tokens.viewer!.token));
      const refused = await viewer.call('orders.submit', order());
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', method: 'orders.submit', role: 'viewer', needed: 'trader' } });
      expect((refused.error as { message: string }).message).toBe('orders.submit needs the trader role; vera is a viewer');
      viewer.close();
    }
    expect(await primary.workstation.dispatch('orders.list', { scope: 'all' })).toMatchObject({ ok: true, value: [{ quantity: 1 }] });
  });

  it('keeps only a salted hash of each token in the table', async () => {
    const client = new pg.Client({ connectionString: postgres.url() });
    await client.connect();
    try {
      const rows = (await client.query('SELECT * FROM team_user_tokens ORDER BY created_at, id')).rows as Array<Record<string, unknown>>;
      expect(rows.map((r) => [r.user_name, r.role])).toEqual([
        ['vera', 'viewer'],
        ['tom', 'trader'],
        ['ada', 'admin'],
      ]);
      expect(Object.keys(rows[0]!).sort()).toEqual(['created_at', 'hash', 'id', 'revoked_at', 'role', 'salt', 'user_name']);
      for (const row of rows) expect([(row.salt as Buffer).length, (row.hash as Buffer).length]).toEqual([16, 32]);
      // Every byte of the table, as text and as hex: no secret in it, in either form.
      const dump = JSON.stringify(rows.map((r) => Object.values(r).map((v) => (Buffer.isBuffer(v) ? `${v.toString('latin1')}|${v.toString('hex')}` : String(v)))));
      const secretOf = (token: string) => token.split('_').slice(2).join('_');
      for (const t of Object.values(tokens)) {
        expect(dump).not.toContain(secretOf(t.token));
        expect(dump).not.toContain(Buffer.from(secretOf(t.token)).toString('hex'));
      }
      const salts = new Set(rows.map((r) => (r.salt as Buffer).toString('hex')));
      expect(salts.size).toBe(rows.length);
    } finally {
      await client.end();
    }
  });

  it('forwards a trader\'s order from a replica given --primary to the primary, the shared token accepted by both', async () => {
    const address = parsePrimaryUrl(`http://127.0.0.1:${primary.server.port}`);
    if (!address.ok) throw new Error(address.error);
    const forwarding = await startHeadlessHost({
      dataDir: join(dir, 'c'), host: '127.0.0.1', port: 0, rendererDir: fakeRenderer(dir), engines: [], poolSize: 1, syntheticHistory: false,
      fanout: { url: redis.url, role: 'replica', stream: 'test:shared-users', primary: address.value },
      postgresUrl: postgres.url(),
    });
    try {
      const before = ((await primary.workstation.dispatch('orders.list', { scope: 'all' })) as { value: unknown[] }).value.length;
      const trader = expectClient(await connectClient(forwarding.server.port, tokens.trader!.token));
      const placed = await trader.call('orders.submit', order());
      expect(placed).toMatchObject({ ok: true, value: { ok: true, value: { symbol } } });
      const onPrimary = (await primary.workstation.dispatch('orders.list', { scope: 'all' })) as { value: Array<{ id: string }> };
      expect(onPrimary.value).toHaveLength(before + 1);
      // The replica's list is the primary's (ids: a fill may move a status between the two reads).
      const listed = await trader.call('orders.list', { scope: 'all' });
      expect(listed).toMatchObject({ ok: true });
      expect((listed.value as Array<{ id: string }>).map((o) => o.id)).toEqual(onPrimary.value.map((o) => o.id));
      trader.close();
      // The viewer's refusal is the replica's own, identical to the primary's.
      const viewer = expectClient(await connectClient(forwarding.server.port, tokens.viewer!.token));
      expect(await viewer.call('orders.submit', order())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', role: 'viewer', needed: 'trader' } });
      viewer.close();
    } finally {
      await forwarding.stop();
    }
  });

  it('refuses a token revoked once on every server: open sockets refused and closed, new ones refused at the door', async () => {
    const sockets: ApiClient[] = [];
    for (const host of [primary, replica]) sockets.push(expectClient(await connectClient(host.server.port, tokens.trader!.token)));
    for (const s of sockets) expect(await s.call('system.ping')).toMatchObject({ ok: true });
    const closed = sockets.map((s) => new Promise<number>((resolve) => s.ws.once('close', resolve)));

    const revoked = await tokenCli('revoke', tokens.trader!.info.id, '--postgres', postgres.url());
    expect(revoked, revoked.err).toMatchObject({ code: 0, out: expect.stringContaining('revoked') });
    // Each server learns it from its next confirmation (every 250 ms, trusted for at most 1 s): polled, not timed.
    for (const s of sockets) {
      await expect.poll(async () => (await s.call('system.ping')).error, { timeout: 15_000, interval: 50 }).toMatchObject({ code: 'UNAUTHORIZED' });
    }
    expect(await Promise.all(closed)).toEqual([1008, 1008]);
    for (const host of [primary, replica]) expect(await connectClient(host.server.port, tokens.trader!.token)).toEqual({ status: 401 });
    expect(await tokenCli('revoke', tokens.trader!.info.id, '--postgres', postgres.url())).toMatchObject({ code: 1, err: expect.stringContaining('already revoked') });
    const listed = JSON.parse((await tokenCli('list', '--postgres', postgres.url(), '--json')).out) as Array<{ user: string; revokedAt: number | null }>;
    expect(listed.map((t) => [t.user, t.revokedAt !== null])).toEqual([
      ['vera', false],
      ['tom', true],
      ['ada', false],
    ]);
  });

  it('with PostgreSQL down: refuses logins with 503 naming it, refuses open team sockets without closing them, /health names postgres; back when it is', async () => {
    const open = expectClient(await connectClient(replica.server.port, tokens.admin!.token));
    expect(await open.call('system.ping')).toMatchObject({ ok: true });
    let closedWith: number | undefined;
    open.ws.once('close', (code) => (closedWith = code));
    for (const host of [primary, replica]) expect((await health(host)).report.down).not.toContain('postgres');

    await postgres.stop();
    for (const host of [primary, replica]) {
      const refusal = await refusedUpgrade(host.server.port, tokens.viewer!.token);
      expect(refusal).toMatchObject({ status: 503, body: expect.stringMatching(/^login refused: the user store \(PostgreSQL at postgres:\/\/nautilus:\*\*\*@127\.0\.0\.1:\d+\/nautilus\) cannot be reached/) });
      expect(JSON.stringify(refusal)).not.toContain('secret');
      await expect.poll(async () => (await health(host)).status, { timeout: 15_000 }).toBe(503);
      const { report } = await health(host);
      expect(report.down).toContain('postgres');
      expect(report.components.find((c) => c.component === 'postgres')?.reason).toMatch(/^user store postgres:\/\/nautilus:\*\*\*@.* unreachable \(.+\): team users cannot log in/);
    }
    await expect.poll(async () => (await open.call('system.ping')).error, { timeout: 15_000, interval: 50 }).toMatchObject({ code: 'USER_STORE_UNAVAILABLE', component: 'postgres' });
    expect(closedWith).toBeUndefined();
    const cli = await tokenCli('list', '--postgres', postgres.url());
    expect(cli.code).toBe(1);
    expect(cli.err).toMatch(/^nautilus token: postgres:\/\/nautilus:\*\*\*@127\.0\.0\.1:\d+\/nautilus: /);

    await postgres.restart();
    await expect.poll(async () => (await open.call('system.ping')).ok, { timeout: 15_000, interval: 50 }).toBe(true);
    for (const host of [primary, replica]) {
      await expect.poll(async () => (await health(host)).report.down, { timeout: 15_000 }).not.toContain('postgres');
      const back = expectClient(await connectClient(host.server.port, tokens.viewer!.token));
      expect(await back.call('system.ping')).toMatchObject({ ok: true });
      back.close();
    }
    open.close();
  });
});
