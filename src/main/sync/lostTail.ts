// What the shared record lost of this workstation after it was restored to an earlier point (or replaced by a new
// database): entries this workstation pushed, saw acknowledged and forgot. Found by comparing the record's high-water
// marks for this workstation with the local record, and queued in the outbox again; the upserts make a re-send harmless.
import type pg from 'pg';
import { Outbox, type OutboxEntry } from '../storage/outbox/outbox';
import type { SqliteDatabase } from '../storage/sqlite/database';
import { BreachStore } from '../trading/breachStore';
import { LimitStore } from '../trading/limitStore';
import { MlModelRegistry } from '../storage/sqlite/mlModelRegistry';

export interface LostTail {
  /** The outbox id the shared record says it holds for this workstation, and the one acknowledged here. */
  readonly recordHolds: number;
  readonly acknowledged: number;
  /** Entries queued again, by kind. */
  readonly journalEntries: number;
  readonly limitChanges: number;
  readonly breaches: number;
  readonly models: number;
}

interface SharedMarks {
  readonly outboxId: number;
  readonly journalSeq: number;
  readonly limitChangeId: number;
  readonly breaches: ReadonlyMap<number, number | null>;
}

async function sharedMarks(client: pg.ClientBase, workstationId: string): Promise<SharedMarks> {
  const one = async (sql: string) => Number((await client.query<{ v: string | null }>(sql, [workstationId])).rows[0]?.v ?? 0);
  const breaches = await client.query<{ id: string; cleared_at: string | null }>('SELECT id, cleared_at FROM risk_breaches WHERE workstation_id = $1', [workstationId]);
  return {
    outboxId: await one('SELECT last_outbox_id AS v FROM workstations WHERE id = $1'),
    journalSeq: await one('SELECT MAX(seq) AS v FROM order_events WHERE workstation_id = $1'),
    limitChangeId: await one('SELECT MAX(id) AS v FROM limit_changes WHERE workstation_id = $1'),
    breaches: new Map(breaches.rows.map((r) => [Number(r.id), r.cleared_at === null ? null : Number(r.cleared_at)])),
  };
}

const tableExists = (db: SqliteDatabase, name: string): boolean => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

/** The local entries the shared record lacks, oldest first within each kind. */
function missingEntries(db: SqliteDatabase, marks: SharedMarks): OutboxEntry[] {
  const entries: OutboxEntry[] = [];
  // Journal records are numbered as the journal's own sequence: the format-0 rows first, then each group's records.
  const legacy = tableExists(db, 'journal') ? (db.prepare('SELECT COUNT(*) AS n FROM journal').get() as { n: number }).n : 0;
  if (legacy > marks.journalSeq) entries.push({ topic: 'journal', legacy: true, firstSeq: 1, records: legacy });
  if (tableExists(db, 'journal_group')) {
    const groups = db
      .prepare('SELECT seq, records, ? + SUM(records) OVER (ORDER BY seq) - records + 1 AS first FROM journal_group ORDER BY seq')
      .all(legacy) as { seq: number; records: number; first: number }[];
    for (const g of groups) if (g.first + g.records - 1 > marks.journalSeq) entries.push({ topic: 'journal', group: g.seq, firstSeq: g.first, records: g.records });
  }
  for (const change of new LimitStore(db).changesAfter(marks.limitChangeId)) entries.push({ topic: 'limits', change });
  if (tableExists(db, 'risk_breaches')) {
    for (const breach of new BreachStore(db).all()) {
      // Missing there, or there in an older state (cleared here after the point the record went back to).
      if (marks.breaches.has(breach.id) && marks.breaches.get(breach.id) === breach.clearedAt) continue;
      entries.push({ topic: 'breach', breach });
    }
  }
  // A handful of rows, each sent in its current state: simpler than comparing them one by one.
  if (tableExists(db, 'ml_models')) for (const model of new MlModelRegistry(db, Date.now).list()) entries.push({ topic: 'model', model });
  return entries;
}

/**
 * Compares the shared record with what was acknowledged here; when the record holds less, queues the missing entries
 * again (one SQLite transaction) and says what. Null when nothing is missing.
 */
export async function requeueLostTail(client: pg.ClientBase, db: SqliteDatabase, workstationId: string): Promise<LostTail | null> {
  const outbox = new Outbox(db);
  const acknowledged = outbox.acknowledgedThrough();
  if (acknowledged === 0) return null;
  const marks = await sharedMarks(client, workstationId);
  if (marks.outboxId >= acknowledged) return null;
  const entries = missingEntries(db, marks);
  db.transaction(() => {
    for (const entry of entries) outbox.add(entry);
  })();
  return {
    recordHolds: marks.outboxId,
    acknowledged,
    journalEntries: entries.filter((e) => e.topic === 'journal').length,
    limitChanges: entries.filter((e) => e.topic === 'limits').length,
    breaches: entries.filter((e) => e.topic === 'breach').length,
    models: entries.filter((e) => e.topic === 'model').length,
  };
}
