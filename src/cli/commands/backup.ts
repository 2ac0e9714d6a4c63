// `nautilus backup` and `nautilus restore`: a verified online copy of the data directory's record, and putting one back.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { backupDir } from '../../main/backup/backupScheduler';
import { pruneBackups, takeBackup } from '../../main/backup/recordBackup';
import { restoreErrorText, restoreRecord } from '../../main/backup/restoreRecord';
import { defaultDataDir } from '../../main/dataDir';
import { openSqliteReadOnly } from '../../main/storage/sqlite/database';
import { SQLITE_FILE } from '../../main/workstation';
import { parseCommandArgs } from '../args';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand } from '../command';

const backupUsage = `nautilus backup [--to DIR] [--data-dir DIR] [--json]

Copies the record (journal, limits, settings, registries: ${SQLITE_FILE}) with SQLite's online backup
API, safe beside a running workstation, verifies the copy (page check and journal sequence) and
writes it with a manifest to DIR (default: the backup.dir setting, else <data dir>/backups). Old
backups there are pruned: every one of the last 2 days, then one a day for 90 days, then one a month
for 7 years. DuckDB (market.duckdb) is not copied: it holds nothing that cannot be rebuilt.`;

const restoreUsage = `nautilus restore <backup.sqlite> [--data-dir DIR] [--force] [--json]

Verifies the backup and makes it the data directory's record. Refuses when the current record's
journal holds more records than the backup (it is newer) unless --force; a replaced record is kept
beside it as ${SQLITE_FILE}.replaced-<time>. Stop the workstation on that directory first.`;

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'back up the record (verified online copy) and prune old backups',
  usage: backupUsage,
  async run(argv, io) {
    const parsed = parseCommandArgs(argv, { to: { type: 'string' }, 'data-dir': { type: 'string' }, json: { type: 'boolean' } });
    if (!parsed.ok) return io.err(`nautilus backup: ${parsed.error}\n\n${backupUsage}\n`), EXIT_USAGE;
    const v = parsed.value.values;
    const dataDir = resolve((v['data-dir'] as string | undefined) ?? defaultDataDir());
    const file = join(dataDir, SQLITE_FILE);
    if (!existsSync(file)) return io.err(`nautilus backup: no record at ${file}\n`), EXIT_FAILURE;
    const db = openSqliteReadOnly(file);
    try {
      const dir = v.to !== undefined ? resolve(v.to as string) : backupDir(db, dataDir);
      const info = await takeBackup(db, dir);
      const pruned = pruneBackups(dir, Date.now());
      if (v.json) io.out(`${JSON.stringify({ ...info, pruned: pruned.map((p) => p.file) })}\n`);
      else io.out(`${info.file}\n  ${info.journalRecords} journal records, ${info.bytes} bytes, sha256 ${info.sha256}, verified${pruned.length > 0 ? `; pruned ${pruned.length}` : ''}\n`);
      return EXIT_OK;
    } catch (error) {
      io.err(`nautilus backup: ${(error as Error).message}\n`);
      return EXIT_FAILURE;
    } finally {
      db.close();
    }
  },
};

export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'restore a backup as the record (refuses a newer record without --force)',
  usage: restoreUsage,
  async run(argv, io) {
    const parsed = parseCommandArgs(argv, { 'data-dir': { type: 'string' }, force: { type: 'boolean' }, json: { type: 'boolean' } }, true);
    if (!parsed.ok) return io.err(`nautilus restore: ${parsed.error}\n\n${restoreUsage}\n`), EXIT_USAGE;
    const [backup, ...extra] = parsed.value.positionals;
    if (backup === undefined || extra.length > 0) return io.err(`nautilus restore: name one backup file\n\n${restoreUsage}\n`), EXIT_USAGE;
    const v = parsed.value.values;
    const dataDir = resolve((v['data-dir'] as string | undefined) ?? defaultDataDir());
    const restored = restoreRecord(resolve(backup), dataDir, SQLITE_FILE, { force: v.force === true });
    if (!restored.ok) {
      if (v.json) io.out(`${JSON.stringify(restored)}\n`);
      io.err(`nautilus restore: ${restoreErrorText(restored.error)}\n`);
      return EXIT_FAILURE;
    }
    const r = restored.value;
    if (v.json) io.out(`${JSON.stringify(restored)}\n`);
    else io.out(`restored ${r.target} (${r.restored.journalRecords} journal records)${r.replacedKeptAt ? `; the replaced record is at ${r.replacedKeptAt}` : ''}\n`);
    return EXIT_OK;
  },
};
