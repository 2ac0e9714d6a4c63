// The configuration schema: the shipped defaults pass, every bad field is named, and the defaults agree with the code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appConfigSchema, appConfigOverridesSchema, applyConfigOverrides } from '../../../../src/shared/contracts/config';
import { formatPath } from '../../../../src/shared/contracts/errors';
import { DEFAULT_PORT } from '../../../../src/cli/commands/serve';

const shipped = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'resources', 'config', 'default-config.json'), 'utf8')) as unknown;
const paths = (input: unknown) => {
  const parsed = appConfigSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => formatPath(i.path, 'config'));
};

describe('appConfigSchema', () => {
  it('accepts the shipped default configuration, which starts the app safe and local', () => {
    const config = appConfigSchema.parse(shipped);
    expect(config).toEqual({
      version: 1,
      dataDir: null,
      headless: { host: '127.0.0.1', port: DEFAULT_PORT },
      trading: { defaultVenue: 'SIM' },
      updates: { feedUrl: null },
      crashReporter: { mode: 'local' },
      ui: { scale: 1, timeZone: 'local' },
    });
  });

  it('names each bad field', () => {
    const base = appConfigSchema.parse(shipped);
    expect(paths({ ...base, headless: { host: '127.0.0.1', port: 70_000 } })).toEqual(['config.headless.port']);
    expect(paths({ ...base, headless: { host: '127.0.0.1', port: 47.5 } })).toEqual(['config.headless.port']);
    expect(paths({ ...base, trading: { defaultVenue: 'NYSE' } })).toEqual(['config.trading.defaultVenue']);
    expect(paths({ ...base, updates: { feedUrl: 'http://plain.example.com/' } })).toEqual(['config.updates.feedUrl']);
    expect(paths({ ...base, updates: { feedUrl: 'not a url' } })).toEqual(['config.updates.feedUrl']);
    expect(paths({ ...base, crashReporter: { mode: 'upload' } })).toEqual(['config.crashReporter.mode']);
    expect(paths({ ...base, ui: { scale: Number.POSITIVE_INFINITY, timeZone: 'local' } })).toEqual(['config.ui.scale']);
    expect(paths({ ...base, ui: { scale: Number.NaN, timeZone: 'local' } })).toEqual(['config.ui.scale']);
    expect(paths({ ...base, ui: { scale: 1, timeZone: 'Mars/Olympus_Mons' } })).toEqual(['config.ui.timeZone']);
    expect(paths({ ...base, dataDir: '' })).toEqual(['config.dataDir']);
    expect(paths({ ...base, version: 2 })).toEqual(['config.version']);
    expect(paths({ ...base, telemetry: true })).toEqual(['config']);
  });

  it('accepts IANA time zones and https feeds', () => {
    const base = appConfigSchema.parse(shipped);
    expect(paths({ ...base, ui: { scale: 1.5, timeZone: 'America/New_York' } })).toEqual([]);
    expect(paths({ ...base, ui: { scale: 1, timeZone: 'UTC' } })).toEqual([]);
    expect(paths({ ...base, updates: { feedUrl: 'https://updates.example.com/nautilus/' } })).toEqual([]);
  });
});

describe('applyConfigOverrides', () => {
  it('replaces only the fields given', () => {
    const base = appConfigSchema.parse(shipped);
    const overrides = appConfigOverridesSchema.parse({ headless: { port: 5000 }, crashReporter: { mode: 'off' } });
    expect(applyConfigOverrides(base, overrides)).toEqual({ ...base, headless: { host: '127.0.0.1', port: 5000 }, crashReporter: { mode: 'off' } });
  });
});
