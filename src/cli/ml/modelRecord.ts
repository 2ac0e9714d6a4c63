// The registry the `nautilus ml` model subcommands write: the data directory's SQLite record, opened (and migrated)
// as the backend opens it (its changes go to the sync outbox too), closed after the command.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultDataDir } from '../../main/dataDir';
import { openSqlite, type SqliteDatabase } from '../../main/storage/sqlite/database';
import { RECORD_MIGRATIONS } from '../../main/storage/recordMigrations';
import { MlModelRegistry } from '../../main/storage/sqlite/mlModelRegistry';
import { SQLITE_FILE } from '../../main/workstation';

export async function withRegistry<T>(dataDirFlag: string | undefined, work: (registry: MlModelRegistry, dataDir: string) => T | Promise<T>): Promise<T> {
  const dataDir = resolve(dataDirFlag ?? defaultDataDir());
  mkdirSync(dataDir, { recursive: true });
  const db: SqliteDatabase = openSqlite(join(dataDir, SQLITE_FILE), RECORD_MIGRATIONS);
  try {
    return await work(new MlModelRegistry(db, () => Date.now()), dataDir);
  } finally {
    db.close();
  }
}

/** A date flag: YYYY-MM-DD (UTC midnight) or epoch ms. */
export function dateFlag(text: string | undefined, flag: string): { ok: true; value: number | undefined } | { ok: false; error: string } {
  if (text === undefined) return { ok: true, value: undefined };
  const t = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : /^\d+$/.test(text) ? Number(text) : NaN;
  return Number.isFinite(t) ? { ok: true, value: t } : { ok: false, error: `${flag} must be YYYY-MM-DD or epoch ms, got '${text}'` };
}
