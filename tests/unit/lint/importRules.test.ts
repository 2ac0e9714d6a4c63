// DESIGN.md's import table, enforced by lint: each fixture is linted as if it stood in a layer's folder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: ROOT });

async function lintAs(fixture: string, filePath: string): Promise<string[]> {
  const code = readFileSync(join(ROOT, 'tests/fixtures/lint', fixture), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layering lint', () => {
  it('refuses node:* in core', async () => {
    expect(await lintAs('coreImportsNode.ts', 'src/core/model/bad.ts')).toEqual([expect.stringMatching(/^no-restricted-imports: .*node:\*/)]);
  });
  it('refuses a bare builtin in core, but not a local module that shares a builtin name', async () => {
    const messages = await lintAs('coreImportsBareBuiltin.ts', 'src/core/model/bad.ts');
    expect(messages).toEqual([expect.stringMatching(/^no-restricted-imports: 'events' import is restricted/)]);
  });
  it('refuses core importing main', async () => {
    expect(await lintAs('coreImportsMain.ts', 'src/core/bad.ts')).toEqual([expect.stringMatching(/^import-x\/no-restricted-paths: .*core may import only core/)]);
  });
  it('refuses a database in the renderer', async () => {
    expect(await lintAs('rendererImportsDatabase.ts', 'src/renderer/bad.ts')).toEqual([expect.stringMatching(/^no-restricted-imports: .*databases/)]);
  });
  it('refuses electron outside src/main/electron and src/preload', async () => {
    expect(await lintAs('mainImportsElectron.ts', 'src/main/api/bad.ts')).toEqual([expect.stringMatching(/^no-restricted-imports: .*electron only/)]);
    expect(await lintAs('mainImportsElectron.ts', 'src/main/electron/ok.ts')).toEqual([]);
  });
  it('refuses Date.now in core: time comes from an injected clock', async () => {
    expect(await lintAs('coreCallsDateNow.ts', 'src/core/trading/bad.ts')).toEqual([expect.stringMatching(/^no-restricted-properties: .*Clock/)]);
  });
  it('allows what the table allows', async () => {
    expect(await lintAs('rendererImportsShared.ts', 'src/renderer/ok.ts')).toEqual([]);
    expect(await lintAs('coreImportsNode.ts', 'src/main/ok.ts')).toEqual([]);
  });
});
