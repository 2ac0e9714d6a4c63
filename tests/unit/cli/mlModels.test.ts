// `nautilus ml models`: lists the registry from a real SQLite record, read-only; a missing record is exit 2.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import type { CliIO } from '../../../src/cli/command';
import { openSqlite } from '../../../src/main/storage/sqlite/database';
import { RECORD_MIGRATIONS } from '../../../src/main/storage/recordMigrations';
import { MlModelRegistry } from '../../../src/main/storage/sqlite/mlModelRegistry';
import { SQLITE_FILE } from '../../../src/main/workstation';

const dir = mkdtempSync(join(tmpdir(), 'nautilus-ml-models-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => void (out += t), err: (t) => void (err += t) };
  const code = await runCli(['ml', 'models', ...argv], io);
  return { code, out, err };
}

describe('nautilus ml models', () => {
  it('prints every version with its status', async () => {
    const db = openSqlite(join(dir, SQLITE_FILE), RECORD_MIGRATIONS);
    const registry = new MlModelRegistry(db, () => Date.UTC(2026, 11, 1));
    const base = { kind: 'ridge', params: { alpha: 10 }, features: ['dax_1'], trainFrom: Date.UTC(1991, 0, 1), trainTo: Date.UTC(1996, 0, 1), dataHash: '0123456789abcdef', metrics: { mse: 1.1 }, artifactPath: 'models/a.json' };
    registry.register({ name: 'dax-next', ...base });
    registry.register({ name: 'dax-next', ...base, metrics: { mse: 1.0 } });
    registry.promote('dax-next', 2);
    db.close();
    const r = await run('--data-dir', dir, '--json');
    expect(r.code).toBe(0);
    const models = JSON.parse(r.out) as Array<{ version: number; status: string; metrics: Record<string, number> }>;
    expect(models.map((m) => [m.version, m.status, m.metrics.mse])).toEqual([
      [1, 'candidate', 1.1],
      [2, 'production', 1.0],
    ]);
    const text = await run('--data-dir', dir, '--name', 'dax-next');
    expect(text.out).toContain('dax-next v2  ridge    production 1991-01-01…1996-01-01  mse 1');
  });

  it('a missing record is exit 2 and is not created', async () => {
    const empty = join(dir, 'none');
    const r = await run('--data-dir', empty);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no record at');
    expect(existsSync(join(empty, SQLITE_FILE))).toBe(false);
  });
});
