// The outbox's and the limit audit's schema in the SQLite record, numbered from 2001 (journal 1001…, other stores 1, 2, 3…).
import type { SqliteDatabase, SqliteMigration } from '../sqlite/database';

const tableExists = (db: SqliteDatabase, name: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

export const OUTBOX_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 2001,
    name: 'outbox: what the sync worker still has to push to the shared record',
    up: (db) => {
      // AUTOINCREMENT: an id is never reused after its row is pushed and deleted, so it keys the shared copy.
      db.exec(`CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        topic TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL)`);
      // A record that predates the outbox is still pushed: one entry for the format-0 rows, one per group row.
      if (!tableExists(db, 'journal_group')) return;
      const now = Date.now();
      const legacy = tableExists(db, 'journal') ? (db.prepare('SELECT COUNT(*) AS n FROM journal').get() as { n: number }).n : 0;
      if (legacy > 0) {
        db.prepare('INSERT INTO outbox (topic, body, created_at) VALUES (?, ?, ?)').run('journal', JSON.stringify({ topic: 'journal', legacy: true, firstSeq: 1, records: legacy }), now);
      }
      db.prepare(
        `INSERT INTO outbox (topic, body, created_at)
         SELECT 'journal', json_object('topic', 'journal', 'group', seq, 'firstSeq', ? + SUM(records) OVER (ORDER BY seq) - records + 1, 'records', records), ?
         FROM journal_group ORDER BY seq`,
      ).run(legacy, now);
    },
  },
  {
    version: 2002,
    name: 'risk limit changes: the audit of every limit set applied, by whom and from where',
    up: `CREATE TABLE limit_changes (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      time INTEGER NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('trader', 'team')),
      by_whom TEXT NOT NULL,
      team_version INTEGER,
      limits TEXT NOT NULL);
    CREATE TRIGGER limit_changes_no_update BEFORE UPDATE ON limit_changes BEGIN SELECT RAISE(ABORT, 'limit audit is append-only'); END;
    CREATE TRIGGER limit_changes_no_delete BEFORE DELETE ON limit_changes BEGIN SELECT RAISE(ABORT, 'limit audit is append-only'); END;`,
  },
  {
    version: 2003,
    name: 'team strategies: the audit of every strategy version the team published, applied or refused here',
    up: `CREATE TABLE team_strategy_changes (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      team_version INTEGER NOT NULL,
      name TEXT NOT NULL,
      content_hash TEXT NOT NULL,
      by_whom TEXT NOT NULL,
      applied_at INTEGER NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('applied', 'refused')),
      reason TEXT);
    CREATE TRIGGER team_strategy_changes_no_update BEFORE UPDATE ON team_strategy_changes BEGIN SELECT RAISE(ABORT, 'team strategy audit is append-only'); END;
    CREATE TRIGGER team_strategy_changes_no_delete BEFORE DELETE ON team_strategy_changes BEGIN SELECT RAISE(ABORT, 'team strategy audit is append-only'); END;`,
  },
];
