// The electron-builder configuration `npm run dist` uses, asserted where packaging cannot run: electron-builder's own schema
// accepts it, the targets, fuses and signing settings are the ones we promise, and every native binary stays out of the asar.
import { closeSync, existsSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const require = createRequire(import.meta.url);
/** Modules electron-builder itself uses, resolved from its own package so the test checks what packaging would do. */
const builderRequire = createRequire(require.resolve('app-builder-lib'));

interface FileSet {
  from: string;
  to: string;
}
interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string; buildResources: string };
  files: string[];
  extraResources: FileSet[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  buildDependenciesFromSource: boolean;
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; icon: string };
  mac: { target: string[]; icon: string; hardenedRuntime: boolean; entitlements: string; entitlementsInherit: string; notarize: boolean };
  win: { target: string[]; icon: string };
  nsis: { installerIcon: string; uninstallerIcon: string; deleteAppDataOnUninstall: boolean };
  publish: Array<{ provider: string; url: string }>;
}

const config = require(join(ROOT, 'electron-builder.config.cjs')) as BuilderConfig;

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema (which refuses unknown options)", async () => {
    const { validateConfiguration } = builderRequire('app-builder-lib/out/util/config/config') as { validateConfiguration(c: unknown, logger: unknown): Promise<void> };
    const { DebugLogger } = builderRequire('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, notAnOption: true }, new DebugLogger(false))).rejects.toThrow(/does not match the API schema/);
  });

  it('names the app and builds the installers each platform needs', () => {
    expect(config.appId).toBe('com.nautilus.workstation');
    expect(config.productName).toBe('Nautilus Workstation');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg', 'zip']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.directories.output).toBe('dist');
  });

  it('packs the electron-vite build into an asar, with the default configuration and sample strategies beside it', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toContain('out/**/*');
    expect(config.extraResources).toEqual([
      { from: 'resources/config', to: 'config' },
      { from: 'resources/strategies', to: 'strategies' },
    ]);
    for (const { from } of config.extraResources) expect(statSync(join(ROOT, from)).isDirectory()).toBe(true);
  });

  it('rebuilds native addons for Electron with electron-builder, from prebuilt binaries where they exist', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.buildDependenciesFromSource).toBe(false);
  });

  it('flips the Electron fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('points every platform at icons that exist', () => {
    for (const file of [config.mac.icon, config.win.icon, config.nsis.installerIcon, config.nsis.uninstallerIcon]) expect(existsSync(join(ROOT, file)), file).toBe(true);
    expect(statSync(join(ROOT, config.linux.icon)).isDirectory()).toBe(true);
  });

  it('publishes update metadata for a generic feed and never deletes the trader’s data on uninstall', () => {
    expect(config.publish).toHaveLength(1);
    expect(config.publish[0]!.provider).toBe('generic');
    expect(new URL(config.publish[0]!.url).protocol).toBe('https:');
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false);
  });
});

describe('macOS signing', () => {
  it('signs with the hardened runtime and an entitlements file that grants only JIT', () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements);
    const plist = builderRequire('plist') as { parse(text: string): unknown };
    expect(plist.parse(readFileSync(join(ROOT, config.mac.entitlements), 'utf8'))).toEqual({ 'com.apple.security.cs.allow-jit': true });
  });

  describe("notarization (electron-builder's built-in step, reading credentials from the environment)", () => {
    const KEYS = ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID', 'APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER', 'APPLE_KEYCHAIN', 'APPLE_KEYCHAIN_PROFILE'];
    const saved = Object.fromEntries(KEYS.map((key) => [key, process.env[key]]));
    const { MacTargetHelper } = builderRequire('app-builder-lib/out/mac/MacTargetHelper') as { MacTargetHelper: { getNotarizeOptions(appPath: string): Record<string, unknown> | undefined } };
    const withEnv = (env: Record<string, string>) => {
      for (const key of KEYS) delete process.env[key];
      Object.assign(process.env, env);
      return () => MacTargetHelper.getNotarizeOptions('/dist/mac/Nautilus Workstation.app');
    };
    afterEach(() => {
      for (const key of KEYS) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    });

    it('is switched on', () => expect(config.mac.notarize).toBe(true));

    it('skips without credentials', () => expect(withEnv({})()).toBeUndefined());

    it('uses APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID when all three are set', () => {
      expect(withEnv({ APPLE_ID: 'dev@example.com', APPLE_APP_SPECIFIC_PASSWORD: 'abcd-efgh', APPLE_TEAM_ID: 'TEAM123456' })()).toMatchObject({
        appleId: 'dev@example.com',
        appleIdPassword: 'abcd-efgh',
        teamId: 'TEAM123456',
      });
    });

    it('stops the build, naming the missing variable, when only some are set', () => {
      expect(withEnv({ APPLE_ID: 'dev@example.com', APPLE_APP_SPECIFIC_PASSWORD: 'abcd-efgh' })).toThrow(/APPLE_TEAM_ID/);
    });
  });
});

// ---- native binaries ----------------------------------------------------------------------------------------------------

const NATIVE_FILE = /\.node$|\.so(\.\d+)*$|\.dylib$|\.dll$/;

/** The installed production dependency tree (dependencies and installed optional dependencies), resolved as Node would. */
function productionPackageDirs(): string[] {
  const seen = new Set<string>();
  const visit = (fromDir: string, name: string, optional: boolean) => {
    let dir = fromDir;
    for (;;) {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) {
        if (seen.has(candidate)) return;
        seen.add(candidate);
        const manifest = JSON.parse(readFileSync(join(candidate, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
        for (const dep of Object.keys(manifest.dependencies ?? {})) visit(candidate, dep, false);
        for (const dep of Object.keys(manifest.optionalDependencies ?? {})) visit(candidate, dep, true);
        return;
      }
      const parent = dirname(dir);
      if (parent === dir || dir === dirname(ROOT)) {
        if (optional) return; // another platform's binary, not installed here
        throw new Error(`production dependency ${name} (needed by ${fromDir}) is not installed`);
      }
      dir = parent;
    }
  };
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; optionalDependencies?: Record<string, string> };
  for (const dep of Object.keys(manifest.dependencies)) visit(ROOT, dep, false);
  for (const dep of Object.keys(manifest.optionalDependencies ?? {})) visit(ROOT, dep, true);
  return [...seen];
}

function nativeFilesIn(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue; // nested packages are visited as packages of their own
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...nativeFilesIn(full));
    else if (NATIVE_FILE.test(entry.name) || (/^[^.]+$|\.exe$/i.test(entry.name) && isMachineCode(full))) found.push(full);
  }
  return found;
}

/** An executable a package spawns (esbuild's platform binary): ELF, Mach-O or PE by its first bytes. */
function isMachineCode(file: string): boolean {
  const head = Buffer.alloc(4);
  const fd = openSync(file, 'r');
  try {
    if (readSync(fd, head, 0, 4, 0) < 4) return false;
  } finally {
    closeSync(fd);
  }
  const magic = head.readUInt32BE(0);
  return magic === 0x7f454c46 || [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(magic) || head.toString('latin1', 0, 2) === 'MZ';
}

/** electron-builder's own matcher for `asarUnpack` (minimatch with dot files, paths relative to the app directory). */
function unpackFilter(patterns: string[]): (file: string) => boolean {
  const { FileMatcher } = builderRequire('app-builder-lib/out/fileMatcher') as {
    FileMatcher: new (from: string, to: string, expand: (s: string) => string, patterns: string[]) => { createFilter(): (file: string, stat: ReturnType<typeof statSync>) => boolean };
  };
  const filter = new FileMatcher(ROOT, '', (s) => s, patterns).createFilter();
  return (file) => filter(file, statSync(file));
}

describe('asarUnpack', () => {
  // `files` exclusions (the `!` patterns) apply to node_modules too: what they drop is never packaged.
  const packaged = unpackFilter(['**/*', ...config.files.filter((pattern) => pattern.startsWith('!'))]);
  // The rebuilt better-sqlite3 and the installed DuckDB bindings: where `npm install` has put them, on any platform.
  const nativeFiles = productionPackageDirs().flatMap(nativeFilesIn).filter(packaged);
  const names = nativeFiles.map((file) => relative(ROOT, file).split('\\').join('/'));

  it('finds the native code of the production dependencies (so the next assertion has something to check)', () => {
    expect(names).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(names.filter((n) => n.includes('obj.target') || n.includes('test_extension'))).toEqual([]); // build leftovers are not packaged
    expect(names.some((n) => /^node_modules\/@duckdb\/node-bindings-[\w-]+\/duckdb\.node$/.test(n))).toBe(true);
    expect(names.some((n) => /^node_modules\/@duckdb\/node-bindings-[\w-]+\/(libduckdb\.(so|dylib)|duckdb\.dll)$/.test(n))).toBe(true);
    expect(names.filter((n) => n.includes('talib'))).toEqual([]); // a dev dependency never reaches the app
    expect(names.some((n) => /^node_modules\/@esbuild\/[\w-]+\/bin\/esbuild$/.test(n))).toBe(true); // strategy compiler
  });

  it('unpacks every native binary in the production tree', () => {
    const unpacked = unpackFilter(config.asarUnpack);
    expect(nativeFiles.filter((file) => !unpacked(file)).map((file) => relative(ROOT, file))).toEqual([]);
  });

  it('has no pattern that unpacks nothing (each one is needed)', () => {
    for (const pattern of config.asarUnpack) {
      const without = unpackFilter(config.asarUnpack.filter((p) => p !== pattern));
      expect(nativeFiles.some((file) => !without(file)), pattern).toBe(true);
    }
  });

  it('leaves the JavaScript inside the asar', () => {
    const unpacked = unpackFilter(config.asarUnpack);
    expect(unpacked(join(ROOT, 'node_modules', 'better-sqlite3', 'lib', 'database.js'))).toBe(false);
    expect(unpacked(join(ROOT, 'node_modules', '@duckdb', 'node-api', 'package.json'))).toBe(false);
  });
});
