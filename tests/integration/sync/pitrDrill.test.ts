// Issue 17's restore drill for the team server's PostgreSQL, on a real server run with the settings shipped in
// deploy/postgres/archive.conf: the shared record is synced, a base backup taken, more is synced, a restore point made,
// then an operator's mistake deletes the fills. A new server restored from the base backup and the WAL archive with
// deploy/postgres/restore.conf stops at the restore point: everything synced before it is there, the mistake is not.
// Then a workstation's view of such a restore: what it pushed after the restore point, saw acknowledged and forgot,
// is found missing when the restored record comes back at the same address, and sent again from its own record.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Order } from '../../../src/core/model/order';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import { Workstation } from '../../../src/main/workstation';
import type { SyncStatus } from '../../../src/shared/contracts/sync';
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
    models: [],
    backtestRuns: [],
    riskReports: [],
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
  const open: Workstation[] = [];
  afterAll(async () => {
    for (const ws of open) await ws.stop();
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

  it('a workstation sends again what a restore to an earlier point lost, from its own record', async () => {
    const archive = PostgresServer.ownedDir('nautilus-wal-archive-');
    dirs.push(archive);
    const primary = await PostgresServer.start({ settings: readSettings('deploy/postgres/archive.conf', archive) });
    servers.push(primary);
    const dataDir = mkdtempSync(join(tmpdir(), 'nautilus-pitr-ws-'));
    dirs.push(dataDir);
    const ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), engines: [], syntheticHistory: { seed: 11, years: 1, minuteDays: 1 }, marketIntervalMs: 10, syncWorker: { intervalMs: 20, pullIntervalMs: 50, maxBackoffMs: 200 } });
    open.push(ws);
    expect(await ws.dispatch('sync.configure', { url: primary.url(), workstationName: 'desk-r' })).toMatchObject({ ok: true, value: { ok: true } });
    const symbol = ws.desk.equities.filter((i) => i.currency === 'USD' && i.lotSize === 1 && i.assetClass === 'EQUITY')[0]!.symbol;
    const status = async () => ((await ws.dispatch('sync.status', {})) as { ok: true; value: SyncStatus }).value;
    const trade = async (quantities: number[]) => {
      const orders: Order[] = [];
      for (const quantity of quantities) {
        const reply = await ws.dispatch('orders.submit', { symbol, side: 'BUY', type: 'MARKET', quantity, timeInForce: 'DAY' });
        if (!reply.ok) throw new Error(reply.error.message);
        const result = reply.value as { ok: true; value: Order } | { ok: false; error: unknown };
        if (!result.ok) throw new Error(`denied: ${JSON.stringify(result.error)}`);
        orders.push(result.value);
      }
      await expect.poll(() => orders.every((o) => ws.trading.core.oms.order(o.clientOrderId)?.status === 'Filled'), { timeout: 15_000 }).toBe(true);
      await expect.poll(async () => (await status()).pending, { timeout: 20_000 }).toBe(0);
    };
    const local = () => ws.trading.core.positions.quantity(ws.trading.core.oms.account, symbol);
    const shared = async (url: string) => Number(await scalar(url, `SELECT COALESCE(SUM(quantity), 0) FROM firm_positions WHERE symbol = '${symbol}'`));

    await trade([10, 20]);
    const restoredDir = PostgresServer.ownedDir('nautilus-pg-restored-');
    dirs.push(restoredDir);
    primary.run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'nautilus', '-D', join(restoredDir, 'data'), '-c', 'fast'], { PGPASSWORD: 'secret' });
    await trade([5]);
    await scalar(primary.url(), "SELECT pg_create_restore_point('before-upgrade')");
    const atRestorePoint = local();
    // Pushed, acknowledged and forgotten by the workstation: the restore will take these away from the shared record.
    await trade([1, 2, 3]);
    expect(await shared(primary.url())).toBe(local());
    const segment = await scalar(primary.url(), 'SELECT pg_walfile_name(pg_switch_wal())');
    await waitFor(async () => (await scalar(primary.url(), "SELECT COALESCE(last_archived_wal, '') FROM pg_stat_archiver")) >= segment, 'the WAL segment archived', 30_000);
    await primary.stop();
    await expect.poll(async () => (await status()).state, { timeout: 10_000 }).toBe('error');

    // The record restored to the restore point, at the same address; the workstation notices and sends the rest again.
    writeFileSync(join(restoredDir, 'data', 'recovery.signal'), '');
    const restored = await primary.startOn(restoredDir, { port: primary.port, settings: readSettings('deploy/postgres/restore.conf', archive) });
    servers.push(restored);
    await waitFor(async () => (await scalar(restored.url(), 'SELECT pg_is_in_recovery()')) === 'false', 'recovery finished and promoted', 60_000);
    await expect.poll(async () => (await status()).state, { timeout: 20_000 }).toBe('idle');
    expect(atRestorePoint).toBe(35);
    await expect.poll(() => shared(restored.url()), { timeout: 20_000 }).toBe(local());
    expect(local()).toBe(41);
    expect(await scalar(restored.url(), 'SELECT COUNT(*) FROM order_events')).toBe(String(ws.trading.journal.count()));
    expect(ws.log.recent().some((e) => e.message.includes('restored to an earlier point or replaced'))).toBe(true);
  }, 180_000);
});
