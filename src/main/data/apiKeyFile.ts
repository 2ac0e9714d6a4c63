// API keys (FRED, Alpha Vantage) for the Node host: a 0600 JSON file in the data directory; never logged, never echoed.
// The desktop keeps the same names in SecretStore (safeStorage); both satisfy ApiKeySource.
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { DataProvider } from '../../core/data/dataError';
import { PROVIDER_DEFAULTS } from './providers';

export interface ApiKeySource {
  get(provider: DataProvider): Promise<string | undefined>;
}

export const API_KEY_FILE = 'data-api-keys.json';
const fileSchema = z.object({ version: z.literal(1), keys: z.record(z.string(), z.string().min(1).max(256)) }).strict();
const KEY_TEXT = /^[\x21-\x7e]{1,256}$/;

export class ApiKeyFile implements ApiKeySource {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, API_KEY_FILE);
  }

  private read(): Record<string, string> {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    const parsed = fileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${this.file}: not an API key file (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''})`);
    return parsed.data.keys;
  }

  async get(provider: DataProvider): Promise<string | undefined> {
    const name = PROVIDER_DEFAULTS[provider].apiKeySetting;
    return name === undefined ? undefined : this.read()[name];
  }

  /** Stores (or with undefined removes) a provider's key; the file is created owner-only and renamed into place. */
  async set(provider: DataProvider, key: string | undefined): Promise<{ ok: true } | { ok: false; reason: string }> {
    const name = PROVIDER_DEFAULTS[provider].apiKeySetting;
    if (name === undefined) return { ok: false, reason: `${provider} needs no API key` };
    if (key !== undefined && !KEY_TEXT.test(key)) return { ok: false, reason: 'an API key is 1 to 256 printable characters without spaces' };
    const keys = this.read();
    if (key === undefined) delete keys[name];
    else keys[name] = key;
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ version: 1, keys }, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, this.file);
    return { ok: true };
  }
}
