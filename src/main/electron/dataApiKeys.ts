// Data connector API keys on the desktop: from the safeStorage SecretStore first, then the 0600 file `nautilus data key set` writes.
import type { DataProvider } from '../../core/data/dataError';
import type { ApiKeySource } from '../data/apiKeyFile';
import { PROVIDER_DEFAULTS } from '../data/providers';
import type { SecretStore } from './secretStore';

export function secretStoreApiKeys(secrets: Pick<SecretStore, 'get'>, fallback: ApiKeySource): ApiKeySource {
  return {
    async get(provider: DataProvider) {
      const name = PROVIDER_DEFAULTS[provider].apiKeySetting;
      if (name === undefined) return undefined;
      const stored = await secrets.get(name);
      return (stored.ok ? stored.value : undefined) ?? fallback.get(provider);
    },
  };
}
