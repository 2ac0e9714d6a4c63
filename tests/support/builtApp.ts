// The e2e tests serve the built renderer: `npm test` builds first; this fails clearly when it has not.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const RENDERER_DIR = join(ROOT, 'out', 'renderer');

export function requireBuiltRenderer(): string {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` (npm test does)');
  return RENDERER_DIR;
}
