// The sync's PostgreSQL password in the Node host: a 0600 file in the data directory, written by rename; never logged.
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

/** Where the password comes from: this file in the Node host, the safeStorage SecretStore on the desktop. */
export interface SyncSecretSource {
  get(): Promise<string | undefined>;
  set(password: string | undefined): Promise<void>;
}

export const SYNC_SECRET_FILE = 'sync-secret.json';
const fileSchema = z.object({ version: z.literal(1), password: z.string().min(1).max(1_024) }).strict();

export class SyncSecretFile implements SyncSecretSource {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, SYNC_SECRET_FILE);
  }

  async get(): Promise<string | undefined> {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const parsed = fileSchema.safeParse(JSON.parse(text));
    // The message names the field, never the value.
    if (!parsed.success) throw new Error(`${this.file}: not a sync secret file (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''})`);
    return parsed.data.password;
  }

  async set(password: string | undefined): Promise<void> {
    if (password === undefined) {
      rmSync(this.file, { force: true });
      return;
    }
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(fileSchema.parse({ version: 1, password }))}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, this.file);
  }
}
