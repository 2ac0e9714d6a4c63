// Per-user tokens with roles on the real headless host, over the real WebSocket API: tokens made with the CLI, a viewer
// who cannot place orders, a trader who cannot change limits or routing, an admin who can, a revoked token refused at
// once (open socket included), and nothing but a salted hash at rest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHeadlessHost, type HeadlessHost } from '../../../src/main/headless/headlessHost';
import { runToken } from '../../../src/cli/commands/token';
import { USER_TOKENS_FILE } from '../../../src/main/team/userTokens';
import { connectClient, expectClient, fakeRenderer } from './teamClient';

async function tokenCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runToken(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

describe('team server tokens and roles', () => {
  let dir: string;
  let dataDir: string;
  let host: HeadlessHost;
  let symbol: string;
  const tokens: Record<string, { token: string; info: { id: string } }> = {};
  const order = () => ({ symbol, side: 'BUY', type: 'MARKET', quantity: 1, timeInForce: 'DAY' });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nautilus-tokens-'));
    dataDir = join(dir, 'data');
    for (const [user, role] of [['vera', 'viewer'], ['tom', 'trader'], ['ada', 'admin']] as const) {
      const made = await tokenCli('create', '--user', user, '--role', role, '--data-dir', dataDir, '--json');
      expect(made.code).toBe(0);
      tokens[role] = JSON.parse(made.out);
    }
    host = await startHeadlessHost({ dataDir, host: '127.0.0.1', port: 0, rendererDir: fakeRenderer(dir), engines: [], syntheticHistory: false });
    symbol = host.workstation.desk.equities.find((i) => i.currency === 'USD' && i.lotSize === 1)!.symbol;
  }, 60_000);
  afterAll(async () => {
    await host?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets a viewer read but not place, cancel or flatten orders', async () => {
    const viewer = expectClient(await connectClient(host.server.port, tokens.viewer!.token));
    expect(await viewer.call('positions.list')).toMatchObject({ ok: true });
    expect(await viewer.call('orders.list', { scope: 'all' })).toMatchObject({ ok: true, value: [] });
    const refused = await viewer.call('orders.submit', order());
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', method: 'orders.submit', role: 'viewer', needed: 'trader' } });
    expect((refused.error as { message: string }).message).toBe('orders.submit needs the trader role; vera is a viewer');
    expect(await viewer.call('positions.flatten', { symbol })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await viewer.call('orders.cancelAll', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Nothing reached the order book.
    expect(await viewer.call('orders.list', { scope: 'all' })).toMatchObject({ ok: true, value: [] });
    viewer.close();
  });

  it('lets a trader trade but not route the desk orders to another venue; an admin may', async () => {
    const trader = expectClient(await connectClient(host.server.port, tokens.trader!.token));
    expect(await trader.call('orders.submit', order())).toMatchObject({ ok: true, value: { ok: true, value: { symbol, status: expect.any(String) } } });
    expect(await trader.call('venues.route', { venue: 'SIM' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', needed: 'admin' } });
    const admin = expectClient(await connectClient(host.server.port, tokens.admin!.token));
    expect(await admin.call('venues.route', { venue: 'SIM' })).toMatchObject({ ok: true, value: { ok: true } });
    expect(await admin.call('orders.list', { scope: 'all' })).toMatchObject({ ok: true, value: [{ symbol }] });
    trader.close();
    admin.close();
  });

  it('refuses a wrong, malformed or unknown token at the door', async () => {
    const good = tokens.trader!.token;
    const wrongSecret = `${good.slice(0, -4)}${good.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    expect(await connectClient(host.server.port, wrongSecret)).toEqual({ status: 401 });
    expect(await connectClient(host.server.port, 'nat_0000000000000000_' + 'x'.repeat(43))).toEqual({ status: 401 });
    expect(await connectClient(host.server.port, 'not-a-token')).toEqual({ status: 401 });
  });

  it('revokes a token at once: the open socket is refused at its next call and closed, a new one refused at the door', async () => {
    const viewer = expectClient(await connectClient(host.server.port, tokens.viewer!.token));
    expect(await viewer.call('system.ping')).toMatchObject({ ok: true });
    const closed = new Promise<number>((resolve) => viewer.ws.once('close', resolve));
    const revoked = await tokenCli('revoke', tokens.viewer!.info.id, '--data-dir', dataDir);
    expect(revoked.code).toBe(0);
    expect(await viewer.call('system.ping')).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await closed).toBe(1008);
    expect(await connectClient(host.server.port, tokens.viewer!.token)).toEqual({ status: 401 });
    expect(await tokenCli('revoke', tokens.viewer!.info.id, '--data-dir', dataDir)).toMatchObject({ code: 1, err: expect.stringContaining('already revoked') });
  });

  it('accepts a token created while the server runs, and keeps only hashes at rest', async () => {
    const made = JSON.parse((await tokenCli('create', '--user', 'late', '--role', 'viewer', '--data-dir', dataDir, '--json')).out);
    const late = expectClient(await connectClient(host.server.port, made.token));
    expect(await late.call('system.ping')).toMatchObject({ ok: true });
    late.close();
    const listed = await tokenCli('list', '--data-dir', dataDir, '--json');
    const all = JSON.parse(listed.out) as Array<Record<string, unknown>>;
    expect(all.map((t) => [t.user, t.role, t.revokedAt !== null])).toEqual([
      ['vera', 'viewer', true],
      ['tom', 'trader', false],
      ['ada', 'admin', false],
      ['late', 'viewer', false],
    ]);
    expect(listed.out).not.toMatch(/hash|salt/);
    const stored = [USER_TOKENS_FILE, `${USER_TOKENS_FILE}-wal`].map((f) => join(dataDir, f)).filter((f) => existsSync(f));
    const file = stored.map((f) => readFileSync(f).toString('latin1')).join('');
    // The secret is everything after `nat_<id>_`: base64url, which has underscores of its own.
    const secretOf = (token: string) => token.split('_').slice(2).join('_');
    for (const t of [...Object.values(tokens).map((t) => t.token), made.token]) expect(file).not.toContain(secretOf(t));
  });

  it('refuses a bad role or user on the command line', async () => {
    expect(await tokenCli('create', '--user', 'x', '--role', 'root', '--data-dir', dataDir)).toMatchObject({ code: 2, err: expect.stringContaining('"root" is not one of viewer, trader, admin') });
    expect(await tokenCli('create', '--user', 'a b', '--role', 'viewer', '--data-dir', dataDir)).toMatchObject({ code: 2 });
    expect(await tokenCli('revoke', 'ffffffffffffffff', '--data-dir', dataDir)).toMatchObject({ code: 1, err: expect.stringContaining('no token with id') });
  });
});
