// Opens the SQLite record (orders, fills, limits, settings): WAL, synchronous=FULL, numbered migrations, one writer.
import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

/** A numbered, forward-only schema change. Numbers are never reused or edited once released. */
export interface SqliteMigration {
  readonly version: number;
  readonly name: string;
  readonly up: string | ((db: SqliteDatabase) => void);
}

export function openSqlite(file: string, migrations: readonly SqliteMigration[]): SqliteDatabase {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL: a committed order survives power loss, not just a process crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  applySqliteMigrations(db, migrations);
  return db;
}

/** Opens an existing record for reading only (the CLI beside a running backend): never creates, migrates or writes. */
export function openSqliteReadOnly(file: string): SqliteDatabase {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

export function applySqliteMigrations(db: SqliteDatabase, migrations: readonly SqliteMigration[]): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT (datetime('now')))`);
  const applied = new Set(
    db.prepare('SELECT version FROM schema_migrations').all().map((row) => (row as { version: number }).version),
  );
  const pending = [...migrations].sort((a, b) => a.version - b.version).filter((m) => !applied.has(m.version));
  const record = db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)');
  for (const migration of pending) {
    db.transaction(() => {
      if (typeof migration.up === 'string') db.exec(migration.up);
      else migration.up(db);
      record.run(migration.version, migration.name);
    })();
  }
  return pending.length;
}
