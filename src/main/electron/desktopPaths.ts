// Where the desktop app keeps its files: everything under one data directory, shared with `nautilus serve`.
import type { App } from 'electron';
import { join } from 'node:path';
import { defaultDataDir } from '../dataDir';
import { dataDirFromArgs } from './dataDirArg';
import { OVERRIDES_FILE_NAME } from './appConfig';

export interface DesktopPaths {
  /** The record (workstation.sqlite) and the market store (market.duckdb), as for the headless host. */
  readonly dataDir: string;
  /** Chromium's profile (Electron's `userData`): also the key of the single-instance lock. */
  readonly userDataDir: string;
  /** Minidumps from the local crash reporter. */
  readonly crashDumpsDir: string;
  /** Secrets, encrypted with safeStorage. */
  readonly secretsFile: string;
  /** The trader's configuration overrides. */
  readonly overridesFile: string;
}

/** The data directory: `--data-dir`, then NAUTILUS_DATA_DIR, then the configuration's `dataDir`, then the OS's app-data folder. */
export function desktopPaths(input: { argv: readonly string[]; env: NodeJS.ProcessEnv; platform: NodeJS.Platform; configDataDir: string | null }): DesktopPaths {
  const dataDir = dataDirFromArgs(input.argv) ?? (input.env.NAUTILUS_DATA_DIR || undefined) ?? input.configDataDir ?? defaultDataDir(input.env, input.platform);
  return {
    dataDir,
    userDataDir: join(dataDir, 'electron'),
    crashDumpsDir: join(dataDir, 'crashes'),
    secretsFile: join(dataDir, 'secrets.json'),
    overridesFile: join(dataDir, OVERRIDES_FILE_NAME),
  };
}

/** Must run before `ready` (Electron reads userData at start-up) and before the crash reporter and the single-instance lock. */
export function applyDesktopPaths(app: Pick<App, 'setPath'>, paths: DesktopPaths): void {
  app.setPath('userData', paths.userDataDir);
  app.setPath('crashDumps', paths.crashDumpsDir);
}
