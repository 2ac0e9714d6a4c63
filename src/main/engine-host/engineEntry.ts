// Where an engine's entry module is: the built bundle, or the TypeScript source run through tsx in tests.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findAppRoot, runningFromSource } from '../appRoot';

export interface EngineEntry {
  readonly file: string;
  /** TypeScript source: the host must register tsx's loader before importing it. */
  readonly typescript: boolean;
}

export function resolveEngineEntry(name: string, root = findAppRoot()): EngineEntry {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`bad engine name: ${name}`);
  const built = join(root, 'out', 'main', 'engines', `${name}.js`);
  const source = join(root, 'src', 'engines', name, 'entry.ts');
  // From source, always run source: a stale build must never answer for the code under test.
  if (runningFromSource() || !existsSync(built)) {
    if (!existsSync(source)) throw new Error(`no entry for engine ${name} (looked for ${built} and ${source})`);
    return { file: source, typescript: true };
  }
  return { file: built, typescript: false };
}
