// The model registry on a real SQLite file: versions per name, promotion retires the production model, one-step
// rollback restores it, invalid transitions and NaN metrics are refused and change nothing, and it all survives a reopen.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextModelStatus } from '../../../src/core/ml/modelLifecycle';
import { openSqlite, type SqliteDatabase } from '../../../src/main/storage/sqlite/database';
import { SQLITE_MIGRATIONS } from '../../../src/main/storage/sqlite/migrations';
import { MlModelRegistry } from '../../../src/main/storage/sqlite/mlModelRegistry';

const registration = (overrides: Record<string, unknown> = {}) => ({
  name: 'dax-vol',
  kind: 'garch',
  params: { distribution: 't', horizon: 5 },
  features: ['ret'],
  trainFrom: Date.UTC(1991, 0, 1),
  trainTo: Date.UTC(1998, 0, 1),
  dataHash: 'ab12cd34ef56ab12',
  metrics: { logLikelihood: -2594.8, mse: 1.2 },
  artifactPath: 'models/dax-vol/1.json',
  ...overrides,
});

describe('ML model registry (SQLite migration 3)', () => {
  let dir: string;
  let db: SqliteDatabase;
  let registry: MlModelRegistry;
  let clock = 1_000;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'nautilus-registry-'));
    db = openSqlite(join(dir, 'record.sqlite'), SQLITE_MIGRATIONS);
    registry = new MlModelRegistry(db, () => ++clock);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers versions as candidates, promotes, retires the old production model and rolls back in one step', () => {
    const v1 = registry.register(registration());
    const v2 = registry.register(registration({ metrics: { logLikelihood: -2590 } }));
    expect(v1).toMatchObject({ ok: true, value: { version: 1, status: 'candidate' } });
    expect(v2).toMatchObject({ ok: true, value: { version: 2, status: 'candidate' } });
    expect(registry.promote('dax-vol', 1)).toMatchObject({ ok: true, value: { version: 1, status: 'production' } });
    expect(registry.promote('dax-vol', 2)).toMatchObject({ ok: true, value: { version: 2, status: 'production' } });
    expect(registry.list('dax-vol').map((m) => [m.version, m.status])).toEqual([
      [1, 'retired'],
      [2, 'production'],
    ]);
    expect(registry.rollback('dax-vol')).toMatchObject({ ok: true, value: { version: 1, status: 'production' } });
    expect(registry.production('dax-vol')?.version).toBe(1);
    expect(registry.list('dax-vol').find((m) => m.version === 2)?.status).toBe('retired');

    // The record survives a reopen, with every field as registered.
    db.close();
    db = openSqlite(join(dir, 'record.sqlite'), SQLITE_MIGRATIONS);
    const reopened = new MlModelRegistry(db, () => ++clock).production('dax-vol');
    expect(reopened).toMatchObject({ ...registration(), version: 1, status: 'production' });
  });

  it('refuses what the lifecycle table forbids, an unknown version, and a rollback with nothing before it', () => {
    registry.register(registration());
    expect(registry.rollback('dax-vol')).toMatchObject({ ok: false, error: { code: 'NOTHING_TO_ROLL_BACK' } });
    registry.promote('dax-vol', 1);
    expect(registry.promote('dax-vol', 1)).toMatchObject({ ok: false, error: { code: 'INVALID_MODEL_TRANSITION', status: 'production', event: 'promote' } });
    expect(registry.promote('dax-vol', 9)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_MODEL', version: 9 } });
    expect(registry.rollback('dax-vol')).toMatchObject({ ok: false, error: { code: 'NOTHING_TO_ROLL_BACK' } });
    expect(registry.list('dax-vol').map((m) => m.status)).toEqual(['production']);
    expect(nextModelStatus('candidate', 'restore').ok).toBe(false);
  });

  it('a NaN metric, a bad hash or an inverted window is refused with the field named, and nothing is stored', () => {
    const nan = registry.register(registration({ metrics: { mse: Number.NaN } }));
    expect(nan).toMatchObject({ ok: false, error: { code: 'BAD_REGISTRATION' } });
    expect(!nan.ok && nan.error.message).toContain('registration.metrics.mse');
    expect(registry.register(registration({ dataHash: 'xyz' }))).toMatchObject({ ok: false, error: { code: 'BAD_REGISTRATION' } });
    const inverted = registry.register(registration({ trainFrom: Date.UTC(2000, 0, 1) }));
    expect(!inverted.ok && inverted.error.message).toContain('trainFrom');
    expect(registry.list()).toEqual([]);
  });
});
