// The desktop app's main process: builds the same Workstation as the headless host, engines in utility processes.
import { app, BrowserWindow, crashReporter, dialog, ipcMain, MessageChannelMain, net, protocol, safeStorage, session, utilityProcess } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AppConfig } from '../../shared/contracts/config';
import { Workstation } from '../workstation';
import { applyOverridesFile, defaultConfigFile, describeConfigError, loadDefaultConfig } from './appConfig';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './appProtocol';
import { startCrashReporter } from './crashReporter';
import { applyDesktopPaths, desktopPaths, type DesktopPaths } from './desktopPaths';
import { registerApiIpc } from './ipc';
import { SecretStore } from './secretStore';
import { secretStoreApiKeys } from './dataApiKeys';
import { secretStoreSyncSecret } from './syncSecret';
import { ApiKeyFile } from '../data/apiKeyFile';
import { ELECTRON_CSP, installContentSecurityPolicy, installSecurity } from './security';
import { claimSingleInstance, focusWindow } from './singleInstance';
import { loadAutoUpdater, startUpdateCheck } from './updates';
import { createUtilityProcessLauncher } from './utilityProcessLauncher';
import { mainWindowOptions } from './windowOptions';
import { electronPdfPrinter } from './pdfPrinter';

const PRODUCT_NAME = 'Nautilus Workstation';
// electron-vite sets this in development; the built app serves its own files on app://.
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const rendererDir = join(import.meta.dirname, '..', 'renderer');
const appUrl = () => devServerUrl ?? APP_ENTRY_URL;

// Custom schemes get their privileges only if registered before `ready`.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

let workstation: Workstation | undefined;
let mainWindow: BrowserWindow | undefined;

/** Before `ready`: configuration, paths, the crash reporter and the single-instance lock. Undefined when another instance runs. */
function prepare(): { config: AppConfig; paths: DesktopPaths } | undefined {
  const defaults = loadDefaultConfig(defaultConfigFile({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appRoot: app.getAppPath() }));
  if (!defaults.ok) throw new Error(describeConfigError(defaults.error));
  const paths = desktopPaths({ argv: process.argv, env: process.env, platform: process.platform, configDataDir: defaults.value.dataDir });
  const config = applyOverridesFile(defaults.value, paths.overridesFile);
  if (!config.ok) throw new Error(describeConfigError(config.error));
  applyDesktopPaths(app, paths);
  startCrashReporter(crashReporter, config.value.crashReporter.mode, PRODUCT_NAME);
  if (!claimSingleInstance(app, () => focusWindow(mainWindow))) return undefined;
  return { config: config.value, paths };
}

async function createWindow(config: AppConfig, onShown: () => void): Promise<void> {
  const window = new BrowserWindow(mainWindowOptions(join(import.meta.dirname, '..', 'preload', 'index.cjs')));
  mainWindow = window;
  window.once('ready-to-show', () => {
    window.show();
    onShown();
  });
  window.webContents.on('did-finish-load', () => window.webContents.setZoomFactor(config.ui.scale));
  await window.loadURL(appUrl());
}

async function start(): Promise<void> {
  const prepared = prepare();
  if (!prepared) return;
  const { config, paths } = prepared;
  installSecurity(app, appUrl);
  await app.whenReady();
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({
      rendererDir,
      fetchFile: (file) => net.fetch(pathToFileURL(file).href),
      contentSecurityPolicy: ELECTRON_CSP,
      onRefused: (url, refusal) => workstation?.log.warn('app-protocol', `refused ${url}: ${refusal.code}`),
    }),
  );
  installContentSecurityPolicy(session.defaultSession);
  const secrets = new SecretStore({ file: paths.secretsFile, safeStorage });
  const started = await Workstation.start({
    dataDir: paths.dataDir,
    host: 'electron',
    engineLauncher: createUtilityProcessLauncher({ fork: utilityProcess.fork, MessageChannelMain }),
    printPdf: electronPdfPrinter({ createWindow: (options) => new BrowserWindow(options), tempDir: app.getPath('temp') }),
    dataApiKeys: secretStoreApiKeys(secrets, new ApiKeyFile(paths.dataDir)),
    syncSecret: secretStoreSyncSecret(secrets),
  });
  workstation = started;
  void secrets.availability().then((available) =>
    available.ok
      ? started.log.info('secrets', 'credentials are stored encrypted by the OS keyring')
      : started.log.warn('secrets', `credentials will not be saved: ${available.error.reason}`),
  );
  registerApiIpc(ipcMain, {
    dispatch: started.dispatch,
    bus: started.bus,
    appUrl,
    onRefused: (reason) => started.log.warn('ipc', reason),
  });
  const afterShown = () => void startUpdateCheck(config.updates.feedUrl, loadAutoUpdater, started.log);
  await createWindow(config, afterShown);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow(config, () => undefined);
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('will-quit', () => {
  void workstation?.stop();
});

start().catch((error: Error) => {
  console.error(`${PRODUCT_NAME} failed to start: ${error.stack ?? error.message}`);
  // A packaged app has no console to read: say it in a dialog too (allowed before ready).
  dialog.showErrorBox(`${PRODUCT_NAME} could not start`, error.message);
  app.exit(1);
});
