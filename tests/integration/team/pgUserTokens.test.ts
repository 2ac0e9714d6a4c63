// The PostgreSQL user store alone, on a real PostgreSQL, with a clock the test moves: a confirmation is trusted for at
// most STALE_AFTER_MS (the documented bound on a revocation reaching a server), the refresh renews it and learns a
// revocation made by another process, two processes revoking at once cannot both succeed, and the same token format
// as the SQLite file's is accepted and refused the same way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgUserTokens, REFRESH_MS, STALE_AFTER_MS } from '../../../src/main/team/pgUserTokens';
import { postgresBinDir, POSTGRES_SKIP_REASON, PostgresServer } from '../../support/postgresServer';

if (!postgresBinDir()) console.warn(`skipped: ${POSTGRES_SKIP_REASON}`);

describe.skipIf(!postgresBinDir())('PgUserTokens', () => {
  let postgres: PostgresServer;
  let admin: PgUserTokens;
  const stores: PgUserTokens[] = [];
  /** A store whose monotonic clock reads `clock.at`. */
  const storeAt = (clock: { at: number }, watch: boolean) => {
    const store = new PgUserTokens(postgres.url(), { watch, clock: () => clock.at });
    stores.push(store);
    return store;
  };
  const mint = async (user: string) => {
    const made = await admin.create(user, 'trader');
    if (!made.ok) throw new Error(JSON.stringify(made.error));
    return made.value;
  };

  beforeAll(async () => {
    postgres = await PostgresServer.start();
    admin = new PgUserTokens(postgres.url());
    stores.push(admin);
  }, 60_000);
  afterAll(async () => {
    for (const store of stores) await store.close();
    await postgres?.destroy();
  });

  it('trusts a confirmation for at most STALE_AFTER_MS when nothing renews it', async () => {
    const made = await mint('stale');
    const clock = { at: 1_000 };
    const server = storeAt(clock, false);
    expect(await server.verify(made.token)).toEqual({ ok: true, value: { user: 'stale', role: 'trader', tokenId: made.info.id } });
    expect(server.standing(made.info.id)).toEqual({ state: 'active' });
    clock.at += STALE_AFTER_MS;
    expect(server.standing(made.info.id)).toEqual({ state: 'active' });
    clock.at += 1;
    expect(server.standing(made.info.id)).toMatchObject({ state: 'unconfirmed', reason: expect.stringContaining(`not confirmed this token for ${STALE_AFTER_MS + 1} ms`) });
    // An id this server never verified stands nowhere.
    expect(server.standing('0123456789abcdef')).toEqual({ state: 'revoked' });
  });

  it('renews confirmations every REFRESH_MS and learns a revocation made by another process', async () => {
    expect(REFRESH_MS).toBeLessThan(STALE_AFTER_MS);
    const made = await mint('watched');
    const clock = { at: 0 };
    const server = storeAt(clock, true);
    expect((await server.verify(made.token)).ok).toBe(true);
    // Time moves past the bound: only a refresh asked after that keeps the token standing.
    clock.at += 10 * STALE_AFTER_MS;
    await expect.poll(() => server.standing(made.info.id), { timeout: 15_000, interval: 20 }).toEqual({ state: 'active' });
    expect(server.health()).toEqual({ up: true });
    expect(await admin.revoke(made.info.id)).toMatchObject({ ok: true, value: { id: made.info.id, revokedAt: expect.any(Number) } });
    await expect.poll(() => server.standing(made.info.id), { timeout: 15_000, interval: 20 }).toEqual({ state: 'revoked' });
    expect(await server.verify(made.token)).toEqual({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('lets only one of two processes revoking at once succeed', async () => {
    const made = await mint('twice');
    const other = storeAt({ at: 0 }, false);
    const results = await Promise.all([admin.revoke(made.info.id), other.revoke(made.info.id)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['ALREADY_REVOKED']);
    expect(await admin.revoke('ffffffffffffffff')).toEqual({ ok: false, error: { code: 'UNKNOWN_TOKEN', id: 'ffffffffffffffff' } });
  });

  it('refuses a wrong secret, a malformed token, a bad user or role, like the SQLite file', async () => {
    const made = await mint('format');
    const wrong = `${made.token.slice(0, -4)}${made.token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    expect(await admin.verify(wrong)).toEqual({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await admin.verify('not-a-token')).toEqual({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await admin.verify(undefined)).toEqual({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await admin.create('a b', 'viewer')).toEqual({ ok: false, error: { code: 'INVALID_USER', user: 'a b' } });
    expect(await admin.create('x', 'root')).toEqual({ ok: false, error: { code: 'INVALID_ROLE', role: 'root' } });
    expect((await admin.list()).map((t) => t.user)).not.toContain('x');
  });
});
