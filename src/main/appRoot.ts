// Finds the installed app's root (where package.json and out/ live), from built code or from source.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'nautilus-workstation';

export function findAppRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return dir;
      } catch {
        // not ours; keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ${PACKAGE_NAME} package root above ${from}`);
    dir = parent;
  }
}

/** True when this code runs from TypeScript source (tests, tsx) rather than the electron-vite build. */
export const runningFromSource = (): boolean => import.meta.url.endsWith('.ts');

export const builtRendererDir = (root = findAppRoot()): string => join(root, 'out', 'renderer');
