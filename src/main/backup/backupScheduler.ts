// Backs up the record on a schedule (default every 5 minutes while the workstation runs, only when the journal moved)
// and on demand, into the trader's chosen folder (setting `backup.dir`, default <data dir>/backups), then prunes.
import { join } from 'node:path';
import type { RetentionPolicy } from '../../core/backup/retention';
import type { SqliteDatabase } from '../storage/sqlite/database';
import type { SystemLog } from '../systemLog';
import { pruneBackups, recordSequence, takeBackup, type BackupInfo } from './recordBackup';

export const DEFAULT_BACKUP_INTERVAL_MS = 5 * 60_000;
const DIR_SETTING = 'backup.dir';

export interface BackupSchedulerOptions {
  readonly db: SqliteDatabase;
  readonly dataDir: string;
  readonly log: SystemLog;
  readonly now?: () => number;
  readonly intervalMs?: number;
  readonly retention?: RetentionPolicy;
}

/** The folder backups go to: the `backup.dir` setting, else <data dir>/backups. */
export function backupDir(db: SqliteDatabase, dataDir: string): string {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(DIR_SETTING) as { value: string } | undefined;
  return row?.value ?? join(dataDir, 'backups');
}

export function setBackupDir(db: SqliteDatabase, dir: string): void {
  db.prepare("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, datetime('now')) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at").run(DIR_SETTING, dir);
}

export class BackupScheduler {
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<BackupInfo> | undefined;
  private lastRecords = -1;
  last: BackupInfo | undefined;

  constructor(private readonly options: BackupSchedulerOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.whenChanged(), this.options.intervalMs ?? DEFAULT_BACKUP_INTERVAL_MS);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** A backup now (one at a time: a second request waits for the one in flight and takes its own). */
  async now(dir?: string): Promise<BackupInfo> {
    while (this.running) await this.running.catch(() => undefined);
    const { db, dataDir, log } = this.options;
    const now = this.options.now ?? Date.now;
    const target = dir ?? backupDir(db, dataDir);
    this.running = takeBackup(db, target, now);
    try {
      const info = await this.running;
      this.last = info;
      this.lastRecords = info.journalRecords;
      const pruned = pruneBackups(target, now(), this.options.retention);
      log.info('backup', `record backed up to ${info.file} (${info.journalRecords} journal records, verified)${pruned.length > 0 ? `; ${pruned.length} old backups pruned` : ''}`);
      return info;
    } finally {
      this.running = undefined;
    }
  }

  private async whenChanged(): Promise<void> {
    if (this.running || recordSequence(this.options.db).journalRecords === this.lastRecords) return;
    await this.now().catch((error: Error) => this.options.log.error('backup', `scheduled backup failed: ${error.message}`));
  }
}
