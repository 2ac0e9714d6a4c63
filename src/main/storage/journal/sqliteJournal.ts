// The order journal on SQLite: append-only commands and venue events, group-committed one row and one transaction per flush.
import { openSqlite, type SqliteDatabase, type SqliteMigration } from '../sqlite/database';
import { parseClientOrderId } from '../../../core/model/ids';
import type { JournalRecord, JournalRecordKind, JournalWriter } from '../../../core/trading/journal';
import { clientOrderIdOfRecord } from '../../../core/trading/auditTrail';
import type { OrderSpec } from '../../../core/model/order';
import { decodeGroup, encodeGroup, JOURNAL_FORMAT } from './journalCodec';
import { Outbox } from '../outbox/outbox';
import { OUTBOX_MIGRATIONS } from '../outbox/outboxMigrations';

/** Which journal records to read, newest first; every field narrows. */
export interface JournalQuery {
  /** Only records with a smaller sequence number (paging backwards). */
  readonly beforeSeq?: number;
  /** Inclusive time range, epoch ms. */
  readonly from?: number;
  readonly to?: number;
  readonly clientOrderId?: string;
  readonly kinds?: readonly JournalRecordKind[];
}

/** Journal migrations are numbered from 1001 so they can share a database file with other stores' 1, 2, 3… */
export const JOURNAL_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1001,
    name: 'journal: append-only order commands and venue events',
    up: `CREATE TABLE journal (
           seq INTEGER PRIMARY KEY,
           time INTEGER NOT NULL,
           kind TEXT NOT NULL,
           client_order_id TEXT,
           body TEXT NOT NULL
         );
         CREATE INDEX journal_client_order_id ON journal (client_order_id);
         CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;
         CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;`,
  },
  {
    // Rows of `journal` (one JSON object each, format 0) stay as they are and replay first.
    version: 1002,
    name: 'journal: one row per group commit, compact versioned encoding',
    up: `CREATE TABLE journal_group (
           seq INTEGER PRIMARY KEY,
           format INTEGER NOT NULL,
           records INTEGER NOT NULL,
           highest_order_seq INTEGER NOT NULL,
           body TEXT NOT NULL
         );
         CREATE TRIGGER journal_group_no_update BEFORE UPDATE ON journal_group BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;
         CREATE TRIGGER journal_group_no_delete BEFORE DELETE ON journal_group BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;`,
  },
  {
    // Beside the journal, whose orders carry the strategy version that sent them: deployments (one per version),
    // promotions and rollbacks with the metrics the gate showed, and every paper or live run with its version.
    version: 1003,
    name: 'strategy deployments, promotions and runs',
    up: `CREATE TABLE strategy_deployments (
           id INTEGER PRIMARY KEY AUTOINCREMENT,
           strategy TEXT NOT NULL,
           version TEXT NOT NULL,
           code_hash TEXT NOT NULL,
           params TEXT NOT NULL,
           symbols TEXT NOT NULL,
           stage TEXT NOT NULL CHECK (stage IN ('BACKTEST', 'PAPER', 'LIVE')),
           state TEXT NOT NULL CHECK (state IN ('READY', 'RUNNING', 'PAUSED', 'STOPPED', 'FAILED', 'RETIRED')),
           policy TEXT NOT NULL CHECK (policy IN ('FLATTEN', 'HOLD', 'REDUCE_ONLY')),
           capital_limit REAL,
           venue TEXT,
           bar_seconds INTEGER NOT NULL,
           initial_cash REAL NOT NULL,
           last_error TEXT,
           created_at INTEGER NOT NULL,
           updated_at INTEGER NOT NULL,
           UNIQUE (strategy, version));
         CREATE UNIQUE INDEX strategy_one_version_per_stage ON strategy_deployments (strategy, stage) WHERE stage <> 'BACKTEST' AND state <> 'RETIRED';
         CREATE TABLE strategy_promotions (
           id INTEGER PRIMARY KEY AUTOINCREMENT,
           deployment_id INTEGER NOT NULL REFERENCES strategy_deployments (id),
           strategy TEXT NOT NULL,
           kind TEXT NOT NULL CHECK (kind IN ('promote', 'rollback')),
           from_stage TEXT NOT NULL,
           to_stage TEXT NOT NULL,
           superseded INTEGER REFERENCES strategy_deployments (id),
           approved_by TEXT NOT NULL,
           note TEXT,
           metrics TEXT NOT NULL,
           at INTEGER NOT NULL);
         CREATE TABLE strategy_runs (
           id INTEGER PRIMARY KEY AUTOINCREMENT,
           deployment_id INTEGER NOT NULL REFERENCES strategy_deployments (id),
           strategy TEXT NOT NULL,
           version TEXT NOT NULL,
           stage TEXT NOT NULL,
           venue TEXT NOT NULL,
           started_at INTEGER NOT NULL,
           ended_at INTEGER,
           end_reason TEXT,
           pnl TEXT);`,
  },
];

/**
 * The highest client order sequence submitted in a group (0 when none), so the id seed is one MAX away
 * without decoding. Not indexed: an index would add a page to every commit's write for a query run once at start.
 */
function highestOrderSequenceIn(records: readonly JournalRecord[]): number {
  let highest = 0;
  for (const r of records) {
    if (r.kind !== 'ORDER_SUBMITTED') continue;
    const seq = parseClientOrderId(r.order.clientOrderId) ?? 0;
    if (seq > highest) highest = seq;
  }
  return highest;
}

/** Every durable record of a journal database in append order: format-0 rows first (they predate groups), then groups. */
export function* readJournal(db: SqliteDatabase): IterableIterator<JournalRecord> {
  for (const row of db.prepare('SELECT body FROM journal ORDER BY seq').iterate()) {
    yield JSON.parse((row as { body: string }).body) as JournalRecord;
  }
  for (const row of db.prepare('SELECT format, body FROM journal_group ORDER BY seq').iterate()) {
    const { format, body } = row as { format: number; body: string };
    yield* decodeGroup(format, body);
  }
}

export class SqliteJournal implements JournalWriter {
  private pending: JournalRecord[] = [];
  private readonly insert;
  /** Each group row's outbox entry is written in the group's own transaction. */
  private readonly outbox: Outbox;
  private readonly writeGroup: (batch: JournalRecord[]) => void;
  /** Durable records before this instance's next group (its first record's sequence minus one); read on first commit. */
  private durableRecords: number | undefined;
  /** The audit trail's decoded copy of the durable records, extended as groups are committed (see durable()). */
  private readonly decoded: JournalRecord[] = [];
  private readonly specs = new Map<string, OrderSpec>();
  private legacyDecoded = false;
  private lastGroupDecoded = 0;
  /** Records durably written by this instance, and transactions (= rows) used for them. */
  rowsWritten = 0;
  commits = 0;

  constructor(readonly db: SqliteDatabase) {
    // One row per group commit; its outbox entry goes in the same transaction (writeGroup).
    this.insert = db.prepare(`INSERT INTO journal_group (format, records, highest_order_seq, body) VALUES (${JOURNAL_FORMAT.JSON_TUPLES}, ?, ?, ?)`);
    this.outbox = new Outbox(db);
    this.writeGroup = db.transaction((batch: JournalRecord[]) => {
      const firstSeq = (this.durableRecords ??= this.count()) + 1;
      const group = Number(this.insert.run(batch.length, highestOrderSequenceIn(batch), encodeGroup(batch)).lastInsertRowid);
      this.outbox.add({ topic: 'journal', group, firstSeq, records: batch.length });
    });
  }

  static open(file: string): SqliteJournal {
    return new SqliteJournal(openSqlite(file, [...JOURNAL_MIGRATIONS, ...OUTBOX_MIGRATIONS]));
  }

  append(record: JournalRecord): void {
    this.pending.push(record);
  }

  /**
   * Group commit: every record appended since the last commit in one transaction, with the outbox entry that
   * tells the sync worker about it; with WAL and
   * synchronous=FULL it is on disk when this returns. Throws if the disk refuses: then nothing of
   * the batch is durable, and it is dropped, not retried, because the OMS has answered it with
   * errors and sent none of it (a later retry would make refused orders appear after a restart).
   */
  commit(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    // One transaction: the group row and its outbox entry are durable together or not at all.
    this.writeGroup(batch);
    this.durableRecords = (this.durableRecords as number) + batch.length;
    this.rowsWritten += batch.length;
    this.commits += 1;
  }

  /** Same as commit(): the name the storage layer uses elsewhere. */
  flush(): void {
    this.commit();
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** Every durable record in append order, streamed (start-up replay). */
  records(): IterableIterator<JournalRecord> {
    return readJournal(this.db);
  }

  /**
   * Durable records matching `query`, newest first, with their sequence numbers: a record's 1-based position in
   * the journal's append order (format-0 rows, then the records of each group row). The audit trail reads this.
   */
  *query(query: JournalQuery = {}): IterableIterator<{ readonly seq: number; readonly record: JournalRecord }> {
    const kinds = query.kinds && query.kinds.length > 0 ? new Set<JournalRecordKind>(query.kinds) : null;
    const all = this.durable();
    const newest = query.beforeSeq === undefined ? all.length : Math.min(all.length, query.beforeSeq - 1);
    for (let seq = newest; seq >= 1; seq--) {
      const record = all[seq - 1] as JournalRecord;
      if (query.from !== undefined && record.time < query.from) continue;
      if (query.to !== undefined && record.time > query.to) continue;
      if (kinds && !kinds.has(record.kind)) continue;
      if (query.clientOrderId !== undefined && clientOrderIdOfRecord(record) !== query.clientOrderId) continue;
      yield { seq, record };
    }
  }

  /** Every order's definition as submitted, by id (read-only: the journal's own index). */
  orderSpecs(): ReadonlyMap<string, OrderSpec> {
    this.durable();
    return this.specs;
  }

  /**
   * The durable records, decoded once: the journal is append-only (triggers refuse updates and deletes) and new
   * records only ever arrive as group rows, so each read decodes just the groups committed since the last one.
   */
  private durable(): readonly JournalRecord[] {
    const add = (record: JournalRecord) => {
      this.decoded.push(record);
      if (record.kind === 'ORDER_SUBMITTED') this.specs.set(record.order.clientOrderId, record.order);
    };
    if (!this.legacyDecoded) {
      for (const row of this.db.prepare('SELECT body FROM journal ORDER BY seq').iterate()) add(JSON.parse((row as { body: string }).body) as JournalRecord);
      this.legacyDecoded = true;
    }
    for (const row of this.db.prepare('SELECT seq, format, body FROM journal_group WHERE seq > ? ORDER BY seq').iterate(this.lastGroupDecoded)) {
      const { seq, format, body } = row as { seq: number; format: number; body: string };
      for (const record of decodeGroup(format, body)) add(record);
      this.lastGroupDecoded = seq;
    }
    return this.decoded;
  }

  /** The highest client order sequence ever made durable: the id source continues after it. */
  highestOrderSequence(): number {
    const legacy = this.db
      .prepare("SELECT MAX(client_order_id) AS id FROM journal WHERE kind = 'ORDER_SUBMITTED'")
      .get() as { id: string | null };
    const grouped = this.db.prepare('SELECT MAX(highest_order_seq) AS seq FROM journal_group').get() as { seq: number | null };
    return Math.max(legacy.id === null ? 0 : (parseClientOrderId(legacy.id) ?? 0), grouped.seq ?? 0);
  }

  /** Durable records. */
  count(): number {
    const legacy = (this.db.prepare('SELECT COUNT(*) AS n FROM journal').get() as { n: number }).n;
    const grouped = (this.db.prepare('SELECT TOTAL(records) AS n FROM journal_group').get() as { n: number }).n;
    return legacy + grouped;
  }

  /** Commits what is pending, then closes the database. */
  close(): void {
    this.commit();
    this.db.close();
  }
}
