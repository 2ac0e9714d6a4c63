// Update checks through electron-updater: off unless the trader sets a feed URL, and never in the way of start-up.
import type { AppUpdater } from 'electron-updater';

/** The part of electron-updater's AppUpdater the check uses (a stand-in in tests). */
export type UpdaterApi = Pick<AppUpdater, 'setFeedURL' | 'checkForUpdates' | 'on' | 'autoDownload' | 'autoInstallOnAppQuit'>;

export interface UpdateLog {
  info(source: string, message: string): void;
  warn(source: string, message: string): void;
}

export type UpdateCheckStart = { readonly started: false; readonly reason: 'UPDATES_OFF' } | { readonly started: true; readonly done: Promise<void> };

const SOURCE = 'updates';

/**
 * Starts a check and returns at once. With no feed URL it does nothing (updates are off by default). Otherwise the updater
 * is loaded, pointed at the generic feed, and asked to check; an update downloads in the background and installs when the
 * app quits. Every failure — loading, a bad feed, the network — is logged, never thrown: `done` always resolves.
 */
export function startUpdateCheck(feedUrl: string | null, loadUpdater: () => Promise<UpdaterApi>, log: UpdateLog): UpdateCheckStart {
  if (feedUrl === null) {
    log.info(SOURCE, 'update checks are off (no feed URL in the configuration)');
    return { started: false, reason: 'UPDATES_OFF' };
  }
  const run = async (): Promise<void> => {
    const updater = await loadUpdater();
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = true;
    updater.on('error', (error) => log.warn(SOURCE, `update failed: ${error.message}`));
    updater.on('update-available', (info) => log.info(SOURCE, `version ${info.version} is available; downloading`));
    updater.on('update-downloaded', (info) => log.info(SOURCE, `version ${info.version} is ready and installs when the app quits`));
    updater.setFeedURL({ provider: 'generic', url: feedUrl });
    await updater.checkForUpdates();
  };
  // A macrotask away, so not even the updater's synchronous set-up runs inside the caller's turn.
  const done = new Promise<void>((resolve) => setTimeout(resolve, 0))
    .then(run)
    .catch((error: unknown) => log.warn(SOURCE, `update check failed: ${error instanceof Error ? error.message : String(error)}`));
  return { started: true, done };
}

/** electron-updater is CommonJS whose `autoUpdater` is a getter Node's ESM loader cannot name: take it from the default export. */
export async function loadAutoUpdater(): Promise<UpdaterApi> {
  const updaterModule = await import('electron-updater');
  return (updaterModule.default ?? updaterModule).autoUpdater;
}
