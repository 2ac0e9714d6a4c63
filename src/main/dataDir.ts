// The default data directory: the OS's per-user app-data folder (NAUTILUS_DATA_DIR overrides it).
import { homedir } from 'node:os';
import { join } from 'node:path';

const APP_FOLDER = 'nautilus-workstation';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.NAUTILUS_DATA_DIR) return env.NAUTILUS_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), APP_FOLDER);
}
