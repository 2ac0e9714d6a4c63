// One app per data directory: a second launch hands over to the running window and quits.
import type { App, BrowserWindow } from 'electron';

export type SingleInstanceApp = Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>;
export type FocusableWindow = Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'isVisible' | 'show' | 'focus'>;

/**
 * True when this process holds the lock and should start; false when another instance runs (this one quits). The lock lives
 * in Electron's userData folder, which main.ts places inside the data directory: two data directories, two apps; one data
 * directory (one SQLite writer), one app.
 */
export function claimSingleInstance(app: SingleInstanceApp, onSecondLaunch: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => onSecondLaunch());
  return true;
}

/** Brings the main window forward, restoring it when minimized; nothing when there is no live window yet. */
export function focusWindow(window: FocusableWindow | undefined): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
