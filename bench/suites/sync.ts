// Sync throughput to PostgreSQL: rows/s from the SQLite outbox through the sync worker (decode, batch, upsert in
// order) vs a raw server-side COPY of the very same rows into tables of the same shape, in the same run.
// Needs PostgreSQL binaries (Debian `postgresql`); starts its own server in a temp dir.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { JournalRecord } from '../../src/core/trading/journal';
import { SqliteJournal } from '../../src/main/storage/journal/sqliteJournal';
import { openSqlite } from '../../src/main/storage/sqlite/database';
import { RECORD_MIGRATIONS } from '../../src/main/storage/recordMigrations';
import { SyncWorker } from '../../src/main/sync/syncWorker';
import { PostgresServer } from '../../tests/support/postgresServer';
import type { BenchFigure, BenchOptions, BenchSuite } from '../harness';

const ORDERS_PER_GROUP = 5;

/** Per order: submitted, accepted, filled; group-committed ORDERS_PER_GROUP at a time, like a busy session. */
function writeSession(journal: SqliteJournal, orders: number): void {
  for (let i = 1; i <= orders; i++) {
    const id = `N${String(i).padStart(9, '0')}`;
    const time = 1_767_225_600_000 + i;
    const records: JournalRecord[] = [
      {
        kind: 'ORDER_SUBMITTED',
        time,
        venue: 'SIM',
        order: { clientOrderId: id, account: 'SIM-PAPER', symbol: `S${i % 50}`, side: i % 2 ? 'BUY' : 'SELL', type: 'MARKET', timeInForce: 'DAY', quantity: 100, limitPrice: null, stopPrice: null, reduceOnly: false, tag: null, createdAt: time, parentId: null, bracketRole: null, bracket: null },
      } as JournalRecord,
      { kind: 'VENUE_EVENT', time, event: { kind: 'ACCEPTED', clientOrderId: id, time, venueOrderId: `V${i}` } } as JournalRecord,
      {
        kind: 'VENUE_EVENT',
        time,
        event: { kind: 'FILL', clientOrderId: id, time, venueOrderId: `V${i}`, executionId: `E${i}`, quantity: 100, price: 100 + (i % 7) / 100, commission: 1, commissionCurrency: 'USD', liquidity: 'TAKER' },
      } as JournalRecord,
    ];
    for (const r of records) journal.append(r);
    if (i % ORDERS_PER_GROUP === 0 || i === orders) journal.commit();
  }
}

const csvCell = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const text = typeof v === 'string' ? v : String(v);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

async function rawCopy(client: pg.Client, dir: string): Promise<{ rows: number; ms: number }> {
  // The rows the sync wrote, exported and loaded again by COPY into empty twins: the same rows, no outbox, no upsert.
  const tables = ['order_events', 'orders', 'fills'];
  const files: string[] = [];
  let rows = 0;
  for (const table of tables) {
    const result = await client.query(`SELECT * FROM ${table}`);
    const text = result.rows.map((r) => Object.values(r).map((v) => csvCell(typeof v === 'object' && v !== null ? JSON.stringify(v) : v)).join(',')).join('\n');
    const file = join(dir, `${table}.csv`);
    writeFileSync(file, `${text}\n`);
    chmodSync(file, 0o644);
    files.push(file);
    rows += result.rowCount ?? 0;
    await client.query(`CREATE TABLE copy_${table} (LIKE ${table} INCLUDING ALL)`);
  }
  const start = performance.now();
  await client.query('BEGIN');
  for (const [i, table] of tables.entries()) await client.query(`COPY copy_${table} FROM '${files[i]}' WITH (FORMAT csv)`);
  await client.query('COMMIT');
  return { rows, ms: performance.now() - start };
}

export const syncSuite: BenchSuite = {
  name: 'sync',
  summary: 'rows/s from the SQLite outbox to PostgreSQL through the sync worker vs a raw COPY of the same rows',
  async run(options: BenchOptions): Promise<BenchFigure[]> {
    const orders = options.quick ? 1_000 : 30_000;
    const dir = mkdtempSync(join(tmpdir(), 'nautilus-bench-sync-'));
    chmodSync(dir, 0o755);
    const server = await PostgresServer.start();
    const db = openSqlite(join(dir, 'workstation.sqlite'), RECORD_MIGRATIONS);
    try {
      options.progress(`journaling ${orders} orders (3 records each) in groups of ${ORDERS_PER_GROUP}…`);
      writeSession(new SqliteJournal(db), orders);
      const worker = new SyncWorker({ db, url: server.url(), identity: { id: 'bench', name: 'bench' }, batchSize: 1_000 });
      // Migrations first, outside the timing.
      const client = new pg.Client({ connectionString: server.url() });
      await client.connect();
      const { applyPgMigrations } = await import('../../src/main/sync/pgMigrations');
      await applyPgMigrations(client);
      options.progress('pushing the outbox…');
      const start = performance.now();
      await worker.drain();
      const syncMs = performance.now() - start;
      await worker.stop();
      const counts = await client.query<{ n: string }>('SELECT (SELECT COUNT(*) FROM order_events) + (SELECT COUNT(*) FROM orders) + (SELECT COUNT(*) FROM fills) AS n');
      const syncedRows = Number(counts.rows[0]?.n);
      if (syncedRows !== orders * 5) throw new Error(`the sync wrote ${syncedRows} rows, expected ${orders * 5}`);
      options.progress('raw COPY of the same rows…');
      const copy = await rawCopy(client, dir);
      await client.end();
      const ours = syncedRows / (syncMs / 1_000);
      const peer = copy.rows / (copy.ms / 1_000);
      return [
        { suite: 'sync', name: 'outbox → PostgreSQL (order events, orders, fills)', value: Math.round(ours), unit: 'rows/s', peer: 'COPY FROM csv (same rows, no outbox, no upsert)', peerValue: Math.round(peer), ratio: ours / peer },
        { suite: 'sync', name: 'orders synced per second (5 rows each)', value: Math.round(orders / (syncMs / 1_000)), unit: 'orders/s' },
      ];
    } finally {
      db.close();
      await server.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
