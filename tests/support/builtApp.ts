// The e2e tests and the workspace bench serve the built renderer: `npm test` builds first; this fails clearly when
// it has not. The root is found by walking up to our package.json, so this also works bundled into the CLI.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { builtRendererDir, findAppRoot } from '../../src/main/appRoot';

export const ROOT = findAppRoot();
export const RENDERER_DIR = builtRendererDir(ROOT);

export function requireBuiltRenderer(): string {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` (npm test does)');
  return RENDERER_DIR;
}
