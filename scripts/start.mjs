// `npm start`: opens the desktop app, or, where Electron cannot start, serves the same workstation to a browser.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chooseLaunchMode, electronBinaryPath } from './launchMode.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

let electronDir;
try {
  electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
} catch {
  electronDir = undefined;
}
const electronBinary = electronDir && electronBinaryPath(electronDir, (p) => readFileSync(p, 'utf8'));
const decision = chooseLaunchMode({ platform: process.platform, env: process.env, electronBinary, exists: existsSync });

const child =
  decision.mode === 'electron'
    ? spawn(decision.binary, [root, ...args], { stdio: 'inherit' })
    : (console.log(`Electron cannot start here: ${decision.reason}; serving the workstation to your browser instead.`),
      spawn(process.execPath, [join(root, 'bin', 'nautilus.js'), 'serve', ...args], { stdio: 'inherit' }));

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
