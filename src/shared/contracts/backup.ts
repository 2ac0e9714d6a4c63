// Backups of the record across the API: take one now (verified), list the verified ones in the backup folder.
import { z } from 'zod';
import type { Result } from '../../core/model/result';
import { empty } from './schemas';

export interface BackupSummary {
  readonly file: string;
  readonly time: number;
  readonly journalRecords: number;
  readonly bytes: number;
  readonly sha256: string;
}

export type BackupError = { readonly code: 'BACKUP_FAILED'; readonly message: string };

export const backupContract = {
  /** Backs the record up now into the backup folder, verifies the copy, prunes by retention. */
  'backup.now': { input: empty, output: z.custom<Result<BackupSummary, BackupError>>() },
  /** Verified backups in the backup folder, oldest first. */
  'backup.list': { input: empty, output: z.custom<BackupSummary[]>() },
} as const;
