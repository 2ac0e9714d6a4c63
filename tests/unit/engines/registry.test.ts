// The engine registry: every engine folder with an entry has its manifest listed, named after its folder.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINE_MANIFESTS, engineInstances } from '../../../src/engines/registry';

const ENGINES_DIR = join(__dirname, '../../../src/engines');

describe('engine registry', () => {
  it('lists a manifest for every engine folder with an entry, and nothing else', () => {
    const folders = readdirSync(ENGINES_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(ENGINES_DIR, d.name, 'entry.ts')))
      .map((d) => d.name)
      .sort();
    expect(ENGINE_MANIFESTS.map((m) => m.name)).toEqual(folders);
    for (const name of folders) expect(existsSync(join(ENGINES_DIR, name, 'manifest.ts')), name).toBe(true);
  });

  it('sizes per-core pools by the host and refuses an unknown engine', () => {
    expect(engineInstances(['features', 'backtest'], 2).map((i) => i.name)).toEqual(['features', 'features-2', 'backtest', 'backtest-2']);
    expect(() => engineInstances(['nope'])).toThrow(/no engine manifest for 'nope'/);
  });
});
