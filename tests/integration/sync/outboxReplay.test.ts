// The same outbox pushed twice leaves the shared record's row counts unchanged, and a breach's later state wins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ManualClock, SeededRandom } from '../../../src/core/model';
import { createTradingCore, SimulatedVenue } from '../../../src/core/trading';
import { SqliteJournal } from '../../../src/main/storage/journal/sqliteJournal';
import { Outbox } from '../../../src/main/storage/outbox/outbox';
import { openSqlite } from '../../../src/main/storage/sqlite/database';
import { RECORD_MIGRATIONS } from '../../../src/main/storage/recordMigrations';
import { applyPgMigrations } from '../../../src/main/sync/pgMigrations';
import { pushBatch } from '../../../src/main/sync/pushBatch';
import { buildSyncBatch } from '../../../src/main/sync/syncBatch';
import { BreachStore } from '../../../src/main/trading/breachStore';
import { LimitStore } from '../../../src/main/trading/limitStore';
import { DEFAULT_LIMITS } from '../../../src/main/trading/defaultLimits';
import { INSTRUMENTS, quote, must } from '../../unit/core/trading/fixtures';
import { PostgresServer, postgresBinDir } from '../../support/postgresServer';

const HAVE_PG = postgresBinDir() !== undefined;
let server: PostgresServer;
let dir = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'outbox-replay-'));
  if (HAVE_PG) server = await PostgresServer.start();
}, 60_000);
afterAll(async () => {
  await server?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const TABLES = ['workstations', 'order_events', 'orders', 'fills', 'limit_changes', 'risk_breaches'] as const;
async function counts(client: pg.Client): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${t}`)).rows[0]!.n);
  return out;
}

describe.skipIf(!HAVE_PG)('outbox replay', () => {
  it('pushing the same outbox twice leaves every row count unchanged', async () => {
    const file = join(dir, 'workstation.sqlite');
    const db = openSqlite(file, RECORD_MIGRATIONS);
    const journal = new SqliteJournal(db);
    const clock = new ManualClock(1_000);
    const venue = new SimulatedVenue({ instruments: INSTRUMENTS, clock, random: new SeededRandom(3) });
    const core = createTradingCore({ account: 'U1', baseCurrency: 'USD', clock, instruments: INSTRUMENTS, venues: [venue], capital: 1e6, journal });
    const q = quote('AAPL', 100, 100.01, 1_000);
    core.oms.onQuote(q);
    venue.onQuote(q);
    must(core.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: 300, timeInForce: 'DAY' }));
    must(core.oms.submit({ symbol: 'AAPL', side: 'SELL', type: 'LIMIT', quantity: 100, limitPrice: 105, timeInForce: 'GTC' }));
    core.oms.flush();
    new LimitStore(db).save(DEFAULT_LIMITS);
    const breaches = new BreachStore(db);
    const breach = { time: 10, limitId: 'gross', kind: 'MAX_GROSS_EXPOSURE' as never, value: 2, threshold: 1, scope: 'account', action: 'ALERT' as never, clearedAt: null };
    breaches.opened(breach);
    breaches.cleared({ ...breach, clearedAt: 20 });

    const rows = new Outbox(db).next(1_000);
    const batch = buildSyncBatch(db, rows);
    expect(batch.orders).toHaveLength(2);
    expect(batch.fills.length).toBeGreaterThan(0);
    expect(batch.orderEvents.map((e) => e.seq)).toEqual(Array.from({ length: journal.count() }, (_, i) => i + 1));

    const client = new pg.Client({ connectionString: server.url() });
    await client.connect();
    await applyPgMigrations(client);
    const identity = { id: 'ws-1', name: 'desk' };
    await pushBatch(client, identity, batch);
    const once = await counts(client);
    expect(once).toEqual({ workstations: 1, order_events: journal.count(), orders: 2, fills: batch.fills.length, limit_changes: 1, risk_breaches: 1 });
    // A crash after PostgreSQL committed but before the outbox forgot the entries: the worker pushes them again.
    await pushBatch(client, identity, buildSyncBatch(db, rows));
    expect(await counts(client)).toEqual(once);
    // Entry by entry, in order, gives the same record too (and the cleared breach stays cleared).
    for (const row of rows) await pushBatch(client, identity, buildSyncBatch(db, [row]));
    expect(await counts(client)).toEqual(once);
    expect((await client.query('SELECT cleared_at::int AS c FROM risk_breaches')).rows).toEqual([{ c: 20 }]);
    // Applying the migrations again changes nothing.
    expect(await applyPgMigrations(client)).toBe(0);
    await client.end();
    db.close();
  }, 60_000);
});
