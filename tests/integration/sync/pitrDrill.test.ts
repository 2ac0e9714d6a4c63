// Issue 17's restore drill for the team server's PostgreSQL, on a real server run with the settings shipped in
// deploy/postgres/archive.conf: the shared record is synced, a base backup taken, more is synced, a restore point made,
// then an operator's mistake deletes the fills. A new server restored from the base backup and the WAL archive with
// deploy/postgres/restore.conf stops at the restore point: everything synced before it is there, the mistake is not.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { applyPgMigrations } from '../../../src/main/sync/pgMigrations';
import { pushBatch } from '../../../src/main/sync/pushBatch';
import type { SyncBatch } from '../../../src/main/sync/syncBatch';
import { ROOT } from '../../support/builtApp';
import { PostgresServer, POSTGRES_SKIP_REASON, postgresBinDir } from '../../support/postgresServer';
import { waitFor } from '../../support/waitFor';

const HAVE_PG = postgresBinDir() !== undefined;
if (!HAVE_PG) console.warn(`skipping the PostgreSQL restore drill: ${POSTGRES_SKIP_REASON}`);

/** The directory the shipped settings archive to; the drill puts its own in its place. */
const SHIPPED_ARCHIVE = '/var/lib/postgresql/wal-archive';

/** `name = value` lines of a shipped settings file (comments dropped, one level of single quotes removed). */
function readSettings(file: string, archive: string): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const raw of readFileSync(join(ROOT, file), 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-z_]+)\s*=\s*(.+)$/.exec(line);
    if (!match) throw new Error(`${file}: cannot read "${line}"`);
    const value = match[2]!.replace(/^'(.*)'$/, '$1');
    settings[match[1]!] = value.split(SHIPPED_ARCHIVE).join(archive);
  }
  return settings;
}

const WORKSTATION = { id: 'ws-drill', name: 'drill' };

/** `n` filled market orders from `first` on, as the sync pushes them. */
function batch(first: number, n: number, lastOutboxId: number): SyncBatch {
  const ids = Array.from({ length: n }, (_, i) => first + i);
  return {
    lastOutboxId,
    entries: n,
    orderEvents: [],
    orders: ids.map((i) => ({ clientOrderId: `C${i}`, account: 'SIM-PAPER', symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: 10, limitPrice: null, stopPrice: null, venue: 'SIM', submittedAt: 1_000 * i })),
    fills: ids.map((i) => ({ executionId: `E${i}`, clientOrderId: `C${i}`, venueOrderId: `V${i}`, time: 1_000 * i + 5, quantity: 10, price: 100 + i, commission: 1, commissionCurrency: 'USD', liquidity: 'TAKER' })),
    commissions: [],
    limitChanges: [],
    breaches: [],
  };
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
const scalar = async (url: string, sql: string): Promise<string> => withClient(url, async (c) => String(Object.values((await c.query(sql)).rows[0] as object)[0]));

describe.skipIf(!HAVE_PG)('point-in-time recovery of the team database', () => {
  const servers: PostgresServer[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const s of servers) await s.destroy();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('restores the shared record to a restore point from a base backup and the WAL archive, before a mistake', async () => {
    const archive = PostgresServer.ownedDir('nautilus-wal-archive-');
    dirs.push(archive);
    const primary = await PostgresServer.start({ settings: readSettings('deploy/postgres/archive.conf', archive) });
    servers.push(primary);
    const url = primary.url();
    expect(await scalar(url, 'SHOW archive_mode')).toBe('on');

    // Synced before the base backup, and after it (that part comes back only from the archived WAL).
    await withClient(url, async (c) => {
      await applyPgMigrations(c);
      await pushBatch(c, WORKSTATION, batch(1, 5, 5));
    });
    const restoredDir = PostgresServer.ownedDir('nautilus-pg-restored-');
    dirs.push(restoredDir);
    primary.run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'nautilus', '-D', join(restoredDir, 'data'), '-c', 'fast'], { PGPASSWORD: 'secret' });
    await withClient(url, (c) => pushBatch(c, WORKSTATION, batch(6, 4, 9)));
    await scalar(url, "SELECT pg_create_restore_point('before-upgrade')");

    // The mistake, then its WAL segment closed and archived as the server would within archive_timeout.
    await withClient(url, (c) => c.query('DELETE FROM fills'));
    expect(await scalar(url, 'SELECT COUNT(*) FROM fills')).toBe('0');
    const segment = await scalar(url, 'SELECT pg_walfile_name(pg_switch_wal())');
    await waitFor(async () => (await scalar(url, 'SELECT COALESCE(last_archived_wal, \'\') FROM pg_stat_archiver')) >= segment, 'the WAL segment archived', 30_000);
    await primary.stop();

    // The restore, as the runbook says: the base backup, recovery.signal, the restore settings.
    writeFileSync(join(restoredDir, 'data', 'recovery.signal'), '');
    const restored = await primary.startOn(restoredDir, { settings: readSettings('deploy/postgres/restore.conf', archive) });
    servers.push(restored);
    const back = restored.url();
    await waitFor(async () => (await scalar(back, 'SELECT pg_is_in_recovery()')) === 'false', 'recovery finished and promoted', 60_000);

    expect(await scalar(back, 'SELECT COUNT(*) FROM fills')).toBe('9');
    expect(await scalar(back, 'SELECT COUNT(*) FROM orders')).toBe('9');
    expect(await scalar(back, `SELECT last_outbox_id FROM workstations WHERE id = '${WORKSTATION.id}'`)).toBe('9');
    const firm = await withClient(back, async (c) => (await c.query<{ quantity: number }>("SELECT quantity FROM firm_positions WHERE symbol = 'AAPL'")).rows);
    expect(firm).toEqual([{ quantity: 90 }]);
    // Promoted: it takes writes again, and the sync's upserts resume on it.
    await withClient(back, (c) => pushBatch(c, WORKSTATION, batch(10, 1, 10)));
    expect(await scalar(back, 'SELECT COUNT(*) FROM fills')).toBe('10');
  }, 180_000);
});
