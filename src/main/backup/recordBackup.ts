// Backups of the SQLite record (journal, limits, settings, registries) with SQLite's online backup API: taken beside
// the running writer, verified by opening the copy and checking its journal sequence, listed, and pruned by retention.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { backupsToPrune, DEFAULT_RETENTION, type RetentionPolicy } from '../../core/backup/retention';
import { openSqliteReadOnly, type SqliteDatabase } from '../storage/sqlite/database';

/** What a record holds, read from the record itself: how far its journal goes. */
export interface RecordSequence {
  /** Journal records (format-0 rows plus the records of every group row). */
  readonly journalRecords: number;
  readonly journalGroups: number;
  /** The newest record's group time is not stored; the newest group's row id orders records instead. */
  readonly lastGroup: number;
}

export interface BackupInfo extends RecordSequence {
  readonly file: string;
  /** When the copy was taken (epoch ms). */
  readonly time: number;
  readonly bytes: number;
  readonly sha256: string;
}

const manifestSchema = z
  .object({
    version: z.literal(1),
    time: z.number().int().nonnegative(),
    journalRecords: z.number().int().nonnegative(),
    journalGroups: z.number().int().nonnegative(),
    lastGroup: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

export const BACKUP_PREFIX = 'workstation-';
export const BACKUP_SUFFIX = '.sqlite';
const MANIFEST_SUFFIX = '.json';

const tableExists = (db: SqliteDatabase, name: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

/** The journal's extent in an open record; throws when the journal is not whole (a group row missing). */
export function recordSequence(db: SqliteDatabase): RecordSequence {
  const legacy = tableExists(db, 'journal') ? (db.prepare('SELECT COUNT(*) AS n FROM journal').get() as { n: number }).n : 0;
  if (!tableExists(db, 'journal_group')) return { journalRecords: legacy, journalGroups: 0, lastGroup: 0 };
  const g = db.prepare('SELECT COUNT(*) AS n, COALESCE(MAX(seq), 0) AS last, TOTAL(records) AS records FROM journal_group').get() as { n: number; last: number; records: number };
  // Group rows are append-only (triggers refuse deletes), so their ids run 1..n without a gap.
  if (g.n !== g.last) throw new Error(`journal is not whole: ${g.n} group rows but the last is number ${g.last}`);
  return { journalRecords: legacy + g.records, journalGroups: g.n, lastGroup: g.last };
}

/** Opens a copy read-only, checks its pages and its journal, and returns its sequence. */
export function verifyRecordFile(file: string): RecordSequence {
  const db = openSqliteReadOnly(file);
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`${file}: SQLite quick_check failed: ${String(check)}`);
    return recordSequence(db);
  } finally {
    db.close();
  }
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const stamp = (time: number) => new Date(time).toISOString().replace(/[-:]/g, '').replace('.', '');

/**
 * Copies the record into `dir` with the online backup API (the writer keeps going; the copy is one consistent
 * snapshot), verifies the copy, then renames it into place with its manifest. A copy that fails verification is deleted.
 */
export async function takeBackup(db: SqliteDatabase, dir: string, now: () => number = Date.now): Promise<BackupInfo> {
  mkdirSync(dir, { recursive: true });
  const time = now();
  const before = recordSequence(db);
  const name = `${BACKUP_PREFIX}${stamp(time)}`;
  const partial = join(dir, `${name}${BACKUP_SUFFIX}.partial`);
  const file = join(dir, `${name}${BACKUP_SUFFIX}`);
  try {
    await db.backup(partial);
    const copy = verifyRecordFile(partial);
    // The snapshot is taken during the call: it holds at least what was durable when the backup started.
    if (copy.journalRecords < before.journalRecords) throw new Error(`backup holds ${copy.journalRecords} journal records, the record held ${before.journalRecords} when it started`);
    const info: BackupInfo = { file, time, ...copy, bytes: statSync(partial).size, sha256: await sha256Of(partial) };
    renameSync(partial, file);
    writeFileSync(join(dir, `${name}${MANIFEST_SUFFIX}`), `${JSON.stringify({ version: 1, ...info, file: undefined }, null, 2)}\n`);
    return info;
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** The verified backups in a folder (those with a valid manifest), oldest first. */
export function listBackups(dir: string): BackupInfo[] {
  if (!existsSync(dir)) return [];
  const out: BackupInfo[] = [];
  for (const entry of readdirSync(dir)) {
    if (!entry.startsWith(BACKUP_PREFIX) || !entry.endsWith(BACKUP_SUFFIX)) continue;
    const file = join(dir, entry);
    const manifestFile = file.slice(0, -BACKUP_SUFFIX.length) + MANIFEST_SUFFIX;
    if (!existsSync(manifestFile)) continue;
    const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(manifestFile, 'utf8')));
    if (!parsed.success) continue;
    const { version: _version, ...manifest } = parsed.data;
    out.push({ ...manifest, file });
  }
  return out.sort((a, b) => a.time - b.time);
}

/** Deletes the backups (and manifests) the retention policy lets go; returns them. */
export function pruneBackups(dir: string, now: number, policy: RetentionPolicy = DEFAULT_RETENTION): BackupInfo[] {
  const prune = backupsToPrune(listBackups(dir), now, policy);
  for (const backup of prune) {
    rmSync(backup.file, { force: true });
    rmSync(backup.file.slice(0, -BACKUP_SUFFIX.length) + MANIFEST_SUFFIX, { force: true });
  }
  return prune;
}
