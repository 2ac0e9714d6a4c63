// The configuration the desktop app starts with: shipped defaults, the trader's overrides, and where its files go.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { App } from 'electron';
import { applyOverridesFile, defaultConfigFile, describeConfigError, loadDefaultConfig } from '../../../../src/main/electron/appConfig';
import { applyDesktopPaths, desktopPaths } from '../../../../src/main/electron/desktopPaths';
import type { AppConfig } from '../../../../src/shared/contracts/config';

const REPO = join(import.meta.dirname, '..', '..', '..', '..');
const SHIPPED = join(REPO, 'resources', 'config', 'default-config.json');

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'nautilus-config-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const defaults = (): AppConfig => {
  const loaded = loadDefaultConfig(SHIPPED);
  if (!loaded.ok) throw new Error(describeConfigError(loaded.error));
  return loaded.value;
};

describe('defaultConfigFile', () => {
  it('reads extraResources when packaged and the repository otherwise', () => {
    expect(defaultConfigFile({ isPackaged: true, resourcesPath: '/opt/Nautilus/resources', appRoot: '/x' })).toBe(join('/opt/Nautilus/resources', 'config', 'default-config.json'));
    expect(defaultConfigFile({ isPackaged: false, resourcesPath: '/electron/resources', appRoot: REPO })).toBe(SHIPPED);
  });
});

describe('loadDefaultConfig and applyOverridesFile', () => {
  it('loads the shipped defaults', () => {
    expect(defaults()).toMatchObject({ dataDir: null, updates: { feedUrl: null }, crashReporter: { mode: 'local' } });
  });

  it('keeps the defaults when there is no overrides file, and lays one over them field by field', () => {
    expect(applyOverridesFile(defaults(), join(dir, 'config.json'))).toEqual({ ok: true, value: defaults() });
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ updates: { feedUrl: 'https://updates.example.com/nautilus' }, ui: { scale: 1.25 } }));
    const merged = applyOverridesFile(defaults(), join(dir, 'config.json'));
    expect(merged).toEqual({ ok: true, value: { ...defaults(), updates: { feedUrl: 'https://updates.example.com/nautilus' }, ui: { scale: 1.25, timeZone: 'local' } } });
  });

  it('names the file and the bad field, and changes nothing', () => {
    const file = join(dir, 'config.json');
    // 1e999 parses to Infinity: a non-finite number must be refused like any other bad value.
    writeFileSync(file, '{ "updates": { "feedUrl": "http://updates.example.com/" }, "ui": { "scale": 1e999 } }');
    const result = applyOverridesFile(defaults(), file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'CONFIG_INVALID', file });
    expect(describeConfigError(result.error)).toContain('config.updates.feedUrl: must be an https:// URL');
    expect(describeConfigError(result.error)).toContain('config.ui.scale');
  });

  it('refuses a data directory in the overrides (it is where the overrides live) and unknown keys', () => {
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ dataDir: '/elsewhere', trading: { defaultVenue: 'SIM', leverage: 10 } }));
    const result = applyOverridesFile(defaults(), join(dir, 'config.json'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(describeConfigError(result.error)).toMatch(/dataDir[\s\S]*leverage|leverage[\s\S]*dataDir/);
  });

  it('reports unreadable and non-JSON files', () => {
    expect(loadDefaultConfig(join(dir, 'missing.json'))).toMatchObject({ ok: false, error: { code: 'CONFIG_UNREADABLE' } });
    writeFileSync(join(dir, 'config.json'), '{ "ui": ');
    expect(applyOverridesFile(defaults(), join(dir, 'config.json'))).toMatchObject({ ok: false, error: { code: 'CONFIG_UNREADABLE', reason: expect.stringContaining('not JSON') } });
  });
});

describe('desktopPaths', () => {
  const base = { argv: ['electron', '.'], env: {}, platform: 'linux' as const, configDataDir: null };

  it('puts the record, the Chromium profile, crash dumps, secrets and overrides under one data directory', () => {
    const paths = desktopPaths({ ...base, argv: ['electron', '.', '--data-dir', '/data/nautilus'] });
    expect(paths).toEqual({
      dataDir: '/data/nautilus',
      userDataDir: join('/data/nautilus', 'electron'),
      crashDumpsDir: join('/data/nautilus', 'crashes'),
      secretsFile: join('/data/nautilus', 'secrets.json'),
      overridesFile: join('/data/nautilus', 'config.json'),
    });
  });

  it('takes --data-dir, then NAUTILUS_DATA_DIR, then the configuration, then the OS folder', () => {
    expect(desktopPaths({ ...base, argv: ['e', '--data-dir=/a'], env: { NAUTILUS_DATA_DIR: '/b' }, configDataDir: '/c' }).dataDir).toBe('/a');
    expect(desktopPaths({ ...base, env: { NAUTILUS_DATA_DIR: '/b' }, configDataDir: '/c' }).dataDir).toBe('/b');
    expect(desktopPaths({ ...base, env: { NAUTILUS_DATA_DIR: '' }, configDataDir: '/c' }).dataDir).toBe('/c');
    expect(desktopPaths({ ...base, env: { XDG_DATA_HOME: '/home/t/.local/share' } }).dataDir).toBe(join('/home/t/.local/share', 'nautilus-workstation'));
  });

  it('points Electron at them before ready', () => {
    const app = { setPath: vi.fn() };
    const paths = desktopPaths({ ...base, configDataDir: '/d' });
    applyDesktopPaths(app as unknown as Pick<App, 'setPath'>, paths);
    expect(app.setPath.mock.calls).toEqual([
      ['userData', join('/d', 'electron')],
      ['crashDumps', join('/d', 'crashes')],
    ]);
  });
});
