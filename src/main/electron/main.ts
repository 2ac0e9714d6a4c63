// The desktop app's main process: builds the same Workstation as the headless host, engines in utility processes.
import { app, BrowserWindow, ipcMain, MessageChannelMain, session, utilityProcess } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Workstation } from '../workstation';
import { registerApiIpc } from './ipc';
import { installContentSecurityPolicy, installSecurity } from './security';
import { createUtilityProcessLauncher } from './utilityProcessLauncher';
import { mainWindowOptions } from './windowOptions';
import { dataDirFromArgs } from './dataDirArg';

// electron-vite sets this in development; the built app loads its own files.
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const rendererFile = join(import.meta.dirname, '..', 'renderer', 'index.html');
const appUrl = () => devServerUrl ?? pathToFileURL(rendererFile).href;

let workstation: Workstation | undefined;

async function createWindow(): Promise<void> {
  const window = new BrowserWindow(mainWindowOptions(join(import.meta.dirname, '..', 'preload', 'index.cjs')));
  window.once('ready-to-show', () => window.show());
  if (devServerUrl) await window.loadURL(devServerUrl);
  else await window.loadFile(rendererFile);
}

async function start(): Promise<void> {
  installSecurity(app, appUrl);
  await app.whenReady();
  installContentSecurityPolicy(session.defaultSession);
  workstation = await Workstation.start({
    dataDir: dataDirFromArgs(process.argv) ?? app.getPath('userData'),
    host: 'electron',
    engineLauncher: createUtilityProcessLauncher({ fork: utilityProcess.fork, MessageChannelMain }),
  });
  registerApiIpc(ipcMain, {
    dispatch: workstation.dispatch,
    bus: workstation.bus,
    appUrl,
    onRefused: (reason) => workstation?.log.warn('ipc', reason),
  });
  await createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('will-quit', () => {
  void workstation?.stop();
});

start().catch((error: Error) => {
  console.error(`Nautilus Workstation failed to start: ${error.stack ?? error.message}`);
  app.exit(1);
});
