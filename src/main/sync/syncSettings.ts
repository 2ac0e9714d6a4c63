// Where the sync goes: the PostgreSQL URL (never its password) and this workstation's identity, in the SQLite settings;
// the password through a SyncSecretSource (a 0600 file in the Node host, safeStorage on the desktop).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import { err, ok, type Result } from '../../core/model/result';
import type { SqliteDatabase } from '../storage/sqlite/database';

const SETTINGS_KEY = 'sync.postgres';
const IDENTITY_KEY = 'sync.workstationId';

export interface SyncSettings {
  /** postgres://user@host:port/database, without a password. */
  readonly url: string;
  /** How this workstation is named in the firm's views. */
  readonly workstationName: string;
}

export type SyncSettingsError = { readonly code: 'INVALID_SYNC_URL'; readonly reason: string };

const storedSettings = z.object({ url: z.string().min(1).max(2_000), workstationName: z.string().min(1).max(100) }).strict();

/** Splits a connection string into the URL kept in settings and the password kept as a secret. */
export function splitConnectionString(text: string): Result<{ url: string; password: string | undefined }, SyncSettingsError> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return err({ code: 'INVALID_SYNC_URL', reason: 'not a URL (postgres://user@host:5432/database)' });
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') return err({ code: 'INVALID_SYNC_URL', reason: `scheme must be postgres:, got ${url.protocol}` });
  if (!url.hostname || url.pathname.length <= 1) return err({ code: 'INVALID_SYNC_URL', reason: 'a host and a database name are required' });
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  url.password = '';
  return ok({ url: url.toString(), password });
}

export function loadSyncSettings(db: SqliteDatabase): SyncSettings | undefined {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(SETTINGS_KEY) as { value: string } | undefined;
  if (!row) return undefined;
  const parsed = storedSettings.safeParse(JSON.parse(row.value));
  if (!parsed.success) throw new Error(`stored sync settings are invalid: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

/** Stores the settings (undefined: sync off). */
export function saveSyncSettings(db: SqliteDatabase, settings: SyncSettings | undefined): void {
  if (settings === undefined) {
    db.prepare('DELETE FROM settings WHERE key = ?').run(SETTINGS_KEY);
    return;
  }
  db.prepare("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, datetime('now')) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at").run(
    SETTINGS_KEY,
    JSON.stringify(storedSettings.parse(settings)),
  );
}

/** This record's id in the shared record: made once, kept with the record (a restored backup keeps it). */
export function workstationId(db: SqliteDatabase): string {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(IDENTITY_KEY) as { value: string } | undefined;
  if (row) return row.value;
  const id = randomUUID();
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(IDENTITY_KEY, id);
  return id;
}

export const defaultWorkstationName = (): string => hostname();
