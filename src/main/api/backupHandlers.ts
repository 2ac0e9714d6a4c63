// backup.* methods: a verified backup now, and the list of backups kept.
import { err, ok } from '../../core/model/result';
import type { WorkstationApi } from '../../shared/contracts/api';
import type { BackupSummary } from '../../shared/contracts/backup';
import { backupDir, type BackupScheduler } from '../backup/backupScheduler';
import { listBackups, type BackupInfo } from '../backup/recordBackup';
import type { SqliteDatabase } from '../storage/sqlite/database';

const summary = (b: BackupInfo): BackupSummary => ({ file: b.file, time: b.time, journalRecords: b.journalRecords, bytes: b.bytes, sha256: b.sha256 });

export function backupHandlers(backups: BackupScheduler, db: SqliteDatabase, dataDir: string): Pick<WorkstationApi, 'backup.now' | 'backup.list'> {
  return {
    'backup.now': async () => {
      try {
        return ok(summary(await backups.now()));
      } catch (error) {
        return err({ code: 'BACKUP_FAILED', message: (error as Error).message });
      }
    },
    'backup.list': async () => listBackups(backupDir(db, dataDir)).map(summary),
  };
}
