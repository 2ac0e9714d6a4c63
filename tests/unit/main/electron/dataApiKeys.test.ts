// Desktop API keys: the encrypted SecretStore wins; the CLI's 0600 file is the fallback; providers without keys ask nothing.
import { describe, expect, it } from 'vitest';
import { ok } from '../../../../src/core/model/result';
import { secretStoreApiKeys } from '../../../../src/main/electron/dataApiKeys';

describe('secretStoreApiKeys', () => {
  const secrets = (values: Record<string, string>) => {
    const asked: string[] = [];
    return { asked, store: { get: async (name: string) => (asked.push(name), ok(values[name])) } };
  };
  const fallback = { get: async (p: string) => (p === 'alphavantage' ? 'from-file' : undefined) };

  it('reads the provider key by its setting name, falling back to the key file', async () => {
    const s = secrets({ 'fred.api-key': 'from-keyring' });
    const keys = secretStoreApiKeys(s.store, fallback);
    expect(await keys.get('fred')).toBe('from-keyring');
    expect(await keys.get('alphavantage')).toBe('from-file');
    expect(await keys.get('yahoo')).toBeUndefined();
    expect(s.asked).toEqual(['fred.api-key', 'alphavantage.api-key']);
  });

  it('falls back when the keyring is unavailable', async () => {
    const keys = secretStoreApiKeys({ get: async () => ({ ok: false, error: { code: 'ENCRYPTION_UNAVAILABLE', reason: 'no keyring' } }) }, fallback);
    expect(await keys.get('alphavantage')).toBe('from-file');
    expect(await keys.get('fred')).toBeUndefined();
  });
});
