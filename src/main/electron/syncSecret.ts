// The sync's PostgreSQL password on the desktop: encrypted by safeStorage in the SecretStore. Without an OS keyring
// it is not stored (the sync then connects without a password and reports the refusal in the status bar).
import type { SyncSecretSource } from '../sync/syncSecret';
import type { SecretStore } from './secretStore';

export const SYNC_SECRET_NAME = 'sync.postgres.password';

export function secretStoreSyncSecret(secrets: Pick<SecretStore, 'get' | 'set' | 'delete'>): SyncSecretSource {
  return {
    async get() {
      const stored = await secrets.get(SYNC_SECRET_NAME);
      return stored.ok ? stored.value : undefined;
    },
    async set(password) {
      const done = password === undefined ? await secrets.delete(SYNC_SECRET_NAME) : await secrets.set(SYNC_SECRET_NAME, password);
      // The error names the secret and the reason, never the value.
      if (!done.ok) throw new Error(`sync password not stored: ${done.error.code}`);
    },
  };
}
