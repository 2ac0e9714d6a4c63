// The order journal on SQLite: append-only commands and venue events, group-committed one transaction per flush.
import { openSqlite, type SqliteDatabase, type SqliteMigration } from '../sqlite/database';
import { parseClientOrderId } from '../../../core/model/ids';
import type { JournalRecord, JournalRecordKind, JournalWriter } from '../../../core/trading/journal';

/** Which journal rows to read, newest first; every field narrows. */
export interface JournalQuery {
  /** Only rows with a smaller sequence number (paging backwards). */
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
];

function clientOrderIdOf(record: JournalRecord): string | null {
  switch (record.kind) {
    case 'ORDER_SUBMITTED':
      return record.order.clientOrderId;
    case 'VENUE_EVENT':
      return record.event.clientOrderId;
    case 'ORDER_MODIFY_REQUESTED':
    case 'ORDER_CANCEL_REQUESTED':
    case 'ORDER_TIMED_OUT':
    case 'ORDER_NOT_FOUND_AT_VENUE':
      return record.clientOrderId;
    case 'KILL_SWITCH':
    case 'REDUCE_ONLY':
      return null;
    default: {
      const never: never = record;
      throw new Error(`unhandled journal record ${JSON.stringify(never)}`);
    }
  }
}

/** One row's stored body back to its record: the one place query() decodes (records() keeps its own loop). */
function decodeJournalBody(body: string): JournalRecord {
  return JSON.parse(body) as JournalRecord;
}

export class SqliteJournal implements JournalWriter {
  private pending: JournalRecord[] = [];
  private readonly insert;
  private readonly writeBatch: (records: readonly JournalRecord[]) => void;
  /** Rows durably written by this instance, and transactions used for them. */
  rowsWritten = 0;
  commits = 0;

  constructor(readonly db: SqliteDatabase) {
    this.insert = db.prepare('INSERT INTO journal (time, kind, client_order_id, body) VALUES (?, ?, ?, ?)');
    this.writeBatch = db.transaction((records: readonly JournalRecord[]) => {
      for (const r of records) this.insert.run(r.time, r.kind, clientOrderIdOf(r), JSON.stringify(r));
    });
  }

  static open(file: string): SqliteJournal {
    return new SqliteJournal(openSqlite(file, JOURNAL_MIGRATIONS));
  }

  append(record: JournalRecord): void {
    this.pending.push(record);
  }

  /**
   * Group commit: every record appended since the last commit in one transaction; with WAL and
   * synchronous=FULL it is on disk when this returns. Throws if the disk refuses (then nothing
   * of the batch is durable and the OMS sends none of it).
   */
  commit(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    try {
      this.writeBatch(batch);
    } catch (error) {
      this.pending = batch.concat(this.pending);
      throw error;
    }
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
  *records(): IterableIterator<JournalRecord> {
    for (const row of this.db.prepare('SELECT body FROM journal ORDER BY seq').iterate()) {
      yield JSON.parse((row as { body: string }).body) as JournalRecord;
    }
  }

  /**
   * Durable records matching `query`, newest first, streamed with their sequence numbers (the
   * audit trail). Reads only: the journal's own indexes narrow by order; the rest is a range scan.
   */
  *query(query: JournalQuery = {}): IterableIterator<{ readonly seq: number; readonly record: JournalRecord }> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    const narrow = (condition: string, ...values: (string | number)[]) => {
      where.push(condition);
      params.push(...values);
    };
    if (query.beforeSeq !== undefined) narrow('seq < ?', query.beforeSeq);
    if (query.from !== undefined) narrow('time >= ?', query.from);
    if (query.to !== undefined) narrow('time <= ?', query.to);
    if (query.clientOrderId !== undefined) narrow('client_order_id = ?', query.clientOrderId);
    if (query.kinds && query.kinds.length > 0) narrow(`kind IN (${query.kinds.map(() => '?').join(', ')})`, ...query.kinds);
    const sql = `SELECT seq, body FROM journal${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC`;
    for (const row of this.db.prepare(sql).iterate(...params)) {
      const { seq, body } = row as { seq: number; body: string };
      yield { seq, record: decodeJournalBody(body) };
    }
  }

  /** The highest client order sequence ever issued: the id source continues after it. */
  highestOrderSequence(): number {
    const row = this.db
      .prepare("SELECT MAX(client_order_id) AS id FROM journal WHERE kind = 'ORDER_SUBMITTED'")
      .get() as { id: string | null };
    return row.id === null ? 0 : (parseClientOrderId(row.id) ?? 0);
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM journal').get() as { n: number }).n;
  }

  /** Commits what is pending, then closes the database. */
  close(): void {
    this.commit();
    this.db.close();
  }
}
