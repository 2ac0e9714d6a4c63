// Secrets (broker and database credentials, API keys) at rest: encrypted with Electron's safeStorage, or not stored at all.
import type { SafeStorage } from 'electron';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { err, ok, type Result } from '../../core/model/result';

/** The part of Electron's `safeStorage` the store uses (the asynchronous API; the synchronous one is deprecated). */
export type SafeStorageApi = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'>;

export type SecretStoreError =
  | { readonly code: 'ENCRYPTION_UNAVAILABLE'; readonly reason: string }
  | { readonly code: 'INVALID_SECRET_NAME'; readonly name: string }
  | { readonly code: 'INVALID_SECRET_VALUE'; readonly name: string; readonly reason: string }
  | { readonly code: 'SECRET_FILE_UNREADABLE'; readonly file: string; readonly reason: string }
  | { readonly code: 'DECRYPT_FAILED'; readonly name: string; readonly reason: string };

/** Names like `ib.password` or `postgres.team-db`: they appear in the file in clear, so they must not carry secrets. */
const SECRET_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const MAX_SECRET_LENGTH = 16_384;

const secretFileSchema = z.object({ version: z.literal(1), secrets: z.record(z.string(), z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/)) }).strict();
type SecretFile = z.infer<typeof secretFileSchema>;

export interface SecretStoreOptions {
  /** The encrypted secrets file, e.g. `<data dir>/secrets.json`. */
  file: string;
  safeStorage: SafeStorageApi;
  platform?: NodeJS.Platform;
}

export class SecretStore {
  private readonly file: string;
  private readonly safeStorage: SafeStorageApi;
  private readonly platform: NodeJS.Platform;
  /** Writes are serialized so two `set` calls never lose one another's secret. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: SecretStoreOptions) {
    this.file = options.file;
    this.safeStorage = options.safeStorage;
    this.platform = options.platform ?? process.platform;
  }

  /** OK only when the OS keeps the key: Keychain, DPAPI, or a real Linux keyring (never `basic_text`, a hard-coded key). */
  async availability(): Promise<Result<void, Extract<SecretStoreError, { code: 'ENCRYPTION_UNAVAILABLE' }>>> {
    if (this.platform === 'linux') {
      const backend = this.safeStorage.getSelectedStorageBackend();
      if (backend === 'basic_text' || backend === 'unknown') {
        return err({ code: 'ENCRYPTION_UNAVAILABLE', reason: `no OS keyring (safeStorage backend is ${backend})` });
      }
    }
    if (!(await this.safeStorage.isAsyncEncryptionAvailable())) {
      return err({ code: 'ENCRYPTION_UNAVAILABLE', reason: 'the OS reports that encryption is unavailable' });
    }
    return ok(undefined);
  }

  async set(name: string, value: string): Promise<Result<void, SecretStoreError>> {
    if (!SECRET_NAME.test(name)) return err({ code: 'INVALID_SECRET_NAME', name });
    if (value.length === 0 || value.length > MAX_SECRET_LENGTH) {
      return err({ code: 'INVALID_SECRET_VALUE', name, reason: `must be 1 to ${MAX_SECRET_LENGTH} characters` });
    }
    const available = await this.availability();
    if (!available.ok) return available;
    const encrypted = await this.safeStorage.encryptStringAsync(value);
    return this.update((secrets) => ({ ...secrets, [name]: encrypted.toString('base64') }));
  }

  /** The secret, or undefined when none is stored under that name. */
  async get(name: string): Promise<Result<string | undefined, SecretStoreError>> {
    if (!SECRET_NAME.test(name)) return err({ code: 'INVALID_SECRET_NAME', name });
    const available = await this.availability();
    if (!available.ok) return available;
    const read = await this.read();
    if (!read.ok) return read;
    const stored = read.value.secrets[name];
    if (stored === undefined) return ok(undefined);
    try {
      const { result, shouldReEncrypt } = await this.safeStorage.decryptStringAsync(Buffer.from(stored, 'base64'));
      if (shouldReEncrypt) await this.set(name, result);
      return ok(result);
    } catch (error) {
      return err({ code: 'DECRYPT_FAILED', name, reason: (error as Error).message });
    }
  }

  async delete(name: string): Promise<Result<boolean, SecretStoreError>> {
    if (!SECRET_NAME.test(name)) return err({ code: 'INVALID_SECRET_NAME', name });
    let existed = false;
    const done = await this.update((secrets) => {
      existed = name in secrets;
      const { [name]: _removed, ...rest } = secrets;
      return rest;
    });
    return done.ok ? ok(existed) : done;
  }

  /** The names stored (never the values). */
  async names(): Promise<Result<string[], SecretStoreError>> {
    const read = await this.read();
    return read.ok ? ok(Object.keys(read.value.secrets).sort()) : read;
  }

  private async read(): Promise<Result<SecretFile, SecretStoreError>> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok({ version: 1, secrets: {} });
      return err({ code: 'SECRET_FILE_UNREADABLE', file: this.file, reason: (error as Error).message });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return err({ code: 'SECRET_FILE_UNREADABLE', file: this.file, reason: `not JSON: ${(error as Error).message}` });
    }
    const parsed = secretFileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return err({ code: 'SECRET_FILE_UNREADABLE', file: this.file, reason: `${issue?.path.join('.') || '(root)'}: ${issue?.message}` });
    }
    return ok(parsed.data);
  }

  /** Read, change, write to a temporary file (owner-only) and rename over the old one: a crash leaves either file whole. */
  private update(change: (secrets: Record<string, string>) => Record<string, string>): Promise<Result<void, SecretStoreError>> {
    const run = async (): Promise<Result<void, SecretStoreError>> => {
      const read = await this.read();
      if (!read.ok) return read;
      const next: SecretFile = { version: 1, secrets: change(read.value.secrets) };
      await mkdir(dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
      await rename(temporary, this.file);
      return ok(undefined);
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
