// `npm run dist [-- --linux | --mac | --win …]`: builds the app, packages it with electron-builder (electron-builder.config.cjs),
// then rebuilds better-sqlite3 for Node again: electron-builder rebuilds it in place for Electron's ABI, which would otherwise
// break `npm test` and the `nautilus` command until the next `npm install`.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Node 20.12+ runs .cmd files only through a shell.
const shell = process.platform === 'win32';
const run = (command, args) => spawnSync(command, args, { cwd: root, stdio: 'inherit', shell }).status ?? 1;

let status = run('npx', ['electron-vite', 'build']);
if (status === 0) {
  status = run('npx', ['electron-builder', '--config', 'electron-builder.config.cjs', '--publish', 'never', ...process.argv.slice(2)]);
  const restored = run('npm', ['rebuild', 'better-sqlite3']);
  if (restored !== 0) console.error('could not rebuild better-sqlite3 for Node; run `npm rebuild better-sqlite3` before `npm test`');
}
if (status === 0) console.log(`installers written to ${join(root, 'dist')}`);
process.exit(status);
