// The secret store over a safeStorage stand-in that really encrypts (AES-256-GCM): nothing in clear on disk, and nothing
// stored at all when the OS offers no keyring.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretStore, type SafeStorageApi } from '../../../../src/main/electron/secretStore';
import { secretStoreSyncSecret } from '../../../../src/main/electron/syncSecret';

type Backend = ReturnType<SafeStorageApi['getSelectedStorageBackend']>;

function fakeSafeStorage(options: { available?: boolean; backend?: Backend; reEncrypt?: boolean } = {}) {
  const key = randomBytes(32);
  const calls = { encrypt: 0, decrypt: 0 };
  const api: SafeStorageApi = {
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptStringAsync: async (plain) => {
      calls.encrypt++;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptStringAsync: async (encrypted) => {
      calls.decrypt++;
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12));
      decipher.setAuthTag(encrypted.subarray(12, 28));
      const result = Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
      return { result, shouldReEncrypt: options.reEncrypt ?? false };
    },
  };
  return { api, calls };
}

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nautilus-secrets-'));
  file = join(dir, 'data', 'secrets.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SecretStore', () => {
  it('stores encrypted, reads back, lists names, deletes', async () => {
    const store = new SecretStore({ file, safeStorage: fakeSafeStorage().api, platform: 'linux' });
    expect(await store.set('ib.password', 'hunter2-correct-horse')).toEqual({ ok: true, value: undefined });
    expect(await store.set('postgres.team-db', 'pg-secret')).toEqual({ ok: true, value: undefined });
    const onDisk = readFileSync(file, 'utf8');
    expect(onDisk).not.toContain('hunter2');
    expect(onDisk).not.toContain('pg-secret');
    expect(Buffer.from(onDisk).toString('base64')).not.toContain(Buffer.from('hunter2').toString('base64'));
    expect(await store.get('ib.password')).toEqual({ ok: true, value: 'hunter2-correct-horse' });
    expect(await store.get('not.there')).toEqual({ ok: true, value: undefined });
    expect(await store.names()).toEqual({ ok: true, value: ['ib.password', 'postgres.team-db'] });
    expect(await store.delete('ib.password')).toEqual({ ok: true, value: true });
    expect(await store.delete('ib.password')).toEqual({ ok: true, value: false });
    expect(await store.get('ib.password')).toEqual({ ok: true, value: undefined });
  });

  it('writes the file readable by its owner only', async () => {
    if (process.platform === 'win32') return;
    await new SecretStore({ file, safeStorage: fakeSafeStorage().api, platform: 'linux' }).set('api.key', 'k');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it.each([
    ['no OS keyring on Linux (basic_text)', { backend: 'basic_text' as const }, 'no OS keyring (safeStorage backend is basic_text)'],
    ['backend not known yet (before ready)', { backend: 'unknown' as const }, 'no OS keyring (safeStorage backend is unknown)'],
    ['encryption unavailable', { available: false }, 'the OS reports that encryption is unavailable'],
  ])('refuses to store when %s, and writes nothing', async (_label, options, reason) => {
    const { api, calls } = fakeSafeStorage(options);
    const store = new SecretStore({ file, safeStorage: api, platform: 'linux' });
    expect(await store.set('ib.password', 'secret')).toEqual({ ok: false, error: { code: 'ENCRYPTION_UNAVAILABLE', reason } });
    expect(await store.get('ib.password')).toEqual({ ok: false, error: { code: 'ENCRYPTION_UNAVAILABLE', reason } });
    expect(calls.encrypt).toBe(0);
    expect(() => statSync(file)).toThrow(/ENOENT/);
  });

  it('does not ask for a Linux backend on macOS or Windows', async () => {
    const { api } = fakeSafeStorage({ backend: 'basic_text' });
    expect((await new SecretStore({ file, safeStorage: api, platform: 'darwin' }).availability()).ok).toBe(true);
  });

  it('refuses bad names and values before touching anything', async () => {
    const { api, calls } = fakeSafeStorage();
    const store = new SecretStore({ file, safeStorage: api, platform: 'linux' });
    for (const name of ['', '../etc', 'IB.Password', 'a b', 'x'.repeat(65), '.hidden']) {
      expect(await store.set(name, 'v')).toEqual({ ok: false, error: { code: 'INVALID_SECRET_NAME', name } });
    }
    expect(await store.set('ib.password', '')).toMatchObject({ ok: false, error: { code: 'INVALID_SECRET_VALUE', name: 'ib.password' } });
    expect(await store.set('ib.password', 'x'.repeat(16_385))).toMatchObject({ ok: false, error: { code: 'INVALID_SECRET_VALUE' } });
    expect(calls.encrypt).toBe(0);
  });

  it('reports a damaged file and leaves it as it is', async () => {
    const { api } = fakeSafeStorage();
    const store = new SecretStore({ file: join(dir, 'secrets.json'), safeStorage: api, platform: 'linux' });
    writeFileSync(join(dir, 'secrets.json'), '{"version":1,"secrets":{"ib.password":"not base64!"}}');
    const result = await store.set('api.key', 'k');
    expect(result).toMatchObject({ ok: false, error: { code: 'SECRET_FILE_UNREADABLE', reason: expect.stringContaining('secrets.ib.password') } });
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).toContain('not base64!');
    writeFileSync(join(dir, 'secrets.json'), '{oops');
    expect(await store.names()).toMatchObject({ ok: false, error: { code: 'SECRET_FILE_UNREADABLE', reason: expect.stringContaining('not JSON') } });
  });

  it('reports a secret it cannot decrypt (another machine, another key)', async () => {
    await new SecretStore({ file, safeStorage: fakeSafeStorage().api, platform: 'linux' }).set('ib.password', 'p');
    const otherKey = new SecretStore({ file, safeStorage: fakeSafeStorage().api, platform: 'linux' });
    expect(await otherKey.get('ib.password')).toMatchObject({ ok: false, error: { code: 'DECRYPT_FAILED', name: 'ib.password' } });
  });

  it('keeps every secret when several are set at once', async () => {
    const store = new SecretStore({ file, safeStorage: fakeSafeStorage().api, platform: 'linux' });
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`key-${i}`, `value-${i}`)));
    const names = await store.names();
    expect(names.ok && names.value.length).toBe(20);
    expect(await store.get('key-13')).toEqual({ ok: true, value: 'value-13' });
  });

  it('re-encrypts a secret when the OS asks (rotated key)', async () => {
    const { api, calls } = fakeSafeStorage({ reEncrypt: true });
    const store = new SecretStore({ file, safeStorage: api, platform: 'linux' });
    await store.set('ib.password', 'p');
    const before = readFileSync(file, 'utf8');
    expect(await store.get('ib.password')).toEqual({ ok: true, value: 'p' });
    expect(calls.encrypt).toBe(2);
    expect(readFileSync(file, 'utf8')).not.toBe(before);
  });

  it('keeps the sync password encrypted (never in clear on disk), and refuses to keep it without a keyring', async () => {
    const sync = secretStoreSyncSecret(new SecretStore({ file, safeStorage: fakeSafeStorage().api, platform: 'linux' }));
    await sync.set('pg-pass-123');
    expect(await sync.get()).toBe('pg-pass-123');
    expect(readFileSync(file, 'utf8')).not.toContain('pg-pass-123');
    await sync.set(undefined);
    expect(await sync.get()).toBeUndefined();
    const plain = secretStoreSyncSecret(new SecretStore({ file, safeStorage: fakeSafeStorage({ backend: 'basic_text' }).api, platform: 'linux' }));
    await expect(plain.set('pg-pass-123')).rejects.toThrow(/^sync password not stored: ENCRYPTION_UNAVAILABLE$/);
  });
});
