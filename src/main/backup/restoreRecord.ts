// Restores a verified backup as a data directory's record; refuses to overwrite a record whose journal goes further
// unless forced, and then keeps the replaced record beside it instead of deleting it.
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from '../../core/model/result';
import { openSqliteReadOnly } from '../storage/sqlite/database';
import { recordSequence, verifyRecordFile, type RecordSequence } from './recordBackup';

export type RestoreError =
  | { readonly code: 'BACKUP_NOT_FOUND'; readonly file: string }
  | { readonly code: 'BACKUP_INVALID'; readonly file: string; readonly reason: string }
  | { readonly code: 'RECORD_NEWER'; readonly target: string; readonly targetRecords: number; readonly backupRecords: number }
  | { readonly code: 'RECORD_UNREADABLE'; readonly target: string; readonly reason: string };

export interface RestoreOutcome {
  readonly target: string;
  readonly restored: RecordSequence;
  /** Where the record that was replaced now lies (undefined when there was none). */
  readonly replacedKeptAt: string | undefined;
}

export function restoreErrorText(error: RestoreError): string {
  switch (error.code) {
    case 'BACKUP_NOT_FOUND':
      return `no backup at ${error.file}`;
    case 'BACKUP_INVALID':
      return `${error.file} is not a usable backup: ${error.reason}`;
    case 'RECORD_NEWER':
      return `${error.target} holds ${error.targetRecords} journal records, the backup ${error.backupRecords}: restoring would lose the newer ones (use --force to replace it; the current record is kept beside it)`;
    case 'RECORD_UNREADABLE':
      return `cannot read the current record ${error.target}: ${error.reason} (use --force to replace it)`;
    default:
      return error satisfies never;
  }
}

const SIDE_FILES = ['', '-wal', '-shm'] as const;

/** Restores `backupFile` as `<dataDir>/<recordFile>`. The workstation must not be running on that directory. */
export function restoreRecord(backupFile: string, dataDir: string, recordFile: string, options: { force?: boolean; now?: () => number } = {}): Result<RestoreOutcome, RestoreError> {
  if (!existsSync(backupFile)) return err({ code: 'BACKUP_NOT_FOUND', file: backupFile });
  let restored: RecordSequence;
  try {
    restored = verifyRecordFile(backupFile);
  } catch (error) {
    return err({ code: 'BACKUP_INVALID', file: backupFile, reason: (error as Error).message });
  }
  const target = join(dataDir, recordFile);
  let replacedKeptAt: string | undefined;
  if (existsSync(target)) {
    if (!options.force) {
      let current: RecordSequence;
      try {
        const db = openSqliteReadOnly(target);
        try {
          current = recordSequence(db);
        } finally {
          db.close();
        }
      } catch (error) {
        return err({ code: 'RECORD_UNREADABLE', target, reason: (error as Error).message });
      }
      if (current.journalRecords > restored.journalRecords) {
        return err({ code: 'RECORD_NEWER', target, targetRecords: current.journalRecords, backupRecords: restored.journalRecords });
      }
    }
    // Never deleted: the record being replaced (with its WAL) moves aside.
    replacedKeptAt = `${target}.replaced-${new Date((options.now ?? Date.now)()).toISOString().replace(/[-:.]/g, '')}`;
    for (const side of SIDE_FILES) if (existsSync(target + side)) renameSync(target + side, replacedKeptAt + side);
  }
  mkdirSync(dataDir, { recursive: true });
  const partial = `${target}.restoring`;
  copyFileSync(backupFile, partial);
  for (const side of ['-wal', '-shm']) rmSync(target + side, { force: true });
  renameSync(partial, target);
  return ok({ target, restored, replacedKeptAt });
}
