// electron-builder: how `npm run dist` packages the desktop app (Linux AppImage + deb, macOS dmg, Windows NSIS installer).
// tests/unit/packaging/builderConfig.test.ts loads this file and asserts it; CommonJS because electron-builder requires it.

/**
 * Native code that must live outside app.asar (the OS loads it from a real file). Every native file in the production
 * dependency tree has to match one of these; the packaging test scans node_modules and fails on any that does not.
 */
const NATIVE_UNPACK = [
  // better-sqlite3's addon, rebuilt for Electron's ABI by the rebuild step below.
  '**/node_modules/better-sqlite3/build/Release/*.node',
  // DuckDB's Node-API addon (no rebuild needed) and the library it loads from its own folder:
  // libduckdb.so, libduckdb.dylib or duckdb.dll, one package per platform (@duckdb/node-bindings-linux-x64, …).
  '**/node_modules/@duckdb/node-bindings-*/**',
  // esbuild compiles strategy files at run time by spawning its platform binary (@esbuild/linux-x64/bin/esbuild, …),
  // which cannot run from inside an asar archive.
  '**/node_modules/@esbuild/*/**',
  // …which esbuild's install step may also copy over its own launcher script.
  '**/node_modules/esbuild/bin/esbuild',
  // msgpackr's optional native extractor (BullMQ → msgpackr), prebuilt per platform (@msgpackr-extract/msgpackr-extract-linux-x64, …).
  '**/node_modules/@msgpackr-extract/*/**',
];

/**
 * The update feed. The app reads its feed from its configuration (`updates.feedUrl`, off by default); this URL only fills
 * the app-update.yml electron-builder writes, and names where the latest*.yml files written next to the installers go.
 */
const UPDATE_FEED = process.env.NAUTILUS_UPDATE_URL || 'https://updates.invalid/nautilus-workstation';

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'com.nautilus.workstation',
  productName: 'Nautilus Workstation',
  executableName: 'nautilus-workstation',
  copyright: 'Copyright © Nautilus Workstation contributors',
  directories: { output: 'dist', buildResources: 'resources' },

  // The electron-vite build (main, engines, CLI, preload, renderer). electron-builder adds the production node_modules;
  // better-sqlite3's C sources and compiler output stay behind (only its finished addon is loaded).
  files: [
    'out/**/*',
    '!out/**/*.map',
    'package.json',
    '!**/node_modules/better-sqlite3/{deps,src}/**',
    '!**/node_modules/better-sqlite3/build/Release/{obj.target,.deps}/**',
    '!**/node_modules/better-sqlite3/build/Release/test_extension.node',
  ],
  extraResources: [
    { from: 'resources/config', to: 'config' },
    { from: 'resources/strategies', to: 'strategies' },
  ],
  asar: true,
  asarUnpack: NATIVE_UNPACK,

  // Rebuild native addons for Electron's ABI with @electron/rebuild (better-sqlite3 takes its prebuilt Electron binary when
  // one matches, and compiles otherwise). This rebuilds node_modules in place: scripts/dist.mjs restores Node's build after.
  npmRebuild: true,
  nativeRebuilder: 'sequential',
  buildDependenciesFromSource: false,

  // Electron fuses, flipped in the packaged binary: no Node mode, no NODE_OPTIONS or --inspect, encrypted cookies, and only
  // the integrity-checked app.asar is ever loaded. The renderer comes from app://, so file:// keeps no extra privileges.
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    onlyLoadAppFromAsar: true,
    enableEmbeddedAsarIntegrityValidation: true,
    grantFileProtocolExtraPrivileges: false,
  },

  linux: {
    target: ['AppImage', 'deb'],
    icon: 'resources/icons',
    category: 'Office',
    synopsis: 'Trading workstation: orders, pre-trade risk, journal, market data and local research',
    maintainer: 'Nautilus Workstation maintainers',
  },
  mac: {
    // zip next to dmg: electron-updater (Squirrel.Mac) installs updates from the zip.
    target: ['dmg', 'zip'],
    icon: 'resources/icon.icns',
    category: 'public.app-category.finance',
    hardenedRuntime: true,
    entitlements: 'resources/entitlements.mac.plist',
    entitlementsInherit: 'resources/entitlements.mac.plist',
    // electron-builder's own notarization: it reads APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID (or APPLE_API_KEY +
    // APPLE_API_KEY_ID + APPLE_API_ISSUER, or APPLE_KEYCHAIN_PROFILE) from the environment and skips, with a warning, without them.
    notarize: true,
  },
  dmg: { title: '${productName} ${version}' },
  win: {
    target: ['nsis'],
    icon: 'resources/icon.ico',
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    installerIcon: 'resources/icon.ico',
    uninstallerIcon: 'resources/icon.ico',
    // The trader's journal and market store are the record: uninstalling never deletes them.
    deleteAppDataOnUninstall: false,
  },

  publish: [{ provider: 'generic', url: UPDATE_FEED }],
};
