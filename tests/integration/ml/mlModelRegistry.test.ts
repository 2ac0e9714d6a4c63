// The model registry on a real SQLite file: versions per name, promotion retires the production model, one-step
// rollback restores it, invalid transitions and NaN metrics are refused and change nothing, and it all survives a reopen.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextModelStatus } from '../../../src/core/ml/modelLifecycle';
import { openSqlite, type SqliteDatabase } from '../../../src/main/storage/sqlite/database';
import { RECORD_MIGRATIONS } from '../../../src/main/storage/recordMigrations';
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
    db = openSqlite(join(dir, 'record.sqlite'), RECORD_MIGRATIONS);
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
    db = openSqlite(join(dir, 'record.sqlite'), RECORD_MIGRATIONS);
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

describe('ML model registry: shadow (SQLite migration 5)', () => {
  let dir: string;
  let db: SqliteDatabase;
  let registry: MlModelRegistry;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'nautilus-registry-shadow-'));
    db = openSqlite(join(dir, 'record.sqlite'), RECORD_MIGRATIONS);
    registry = new MlModelRegistry(db, () => 1_000);
    for (let i = 0; i < 3; i++) registry.register(registration());
    registry.promote('dax-vol', 1);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const shadows = () => registry.list('dax-vol').map((m) => [m.version, m.status, m.shadow]);

  it('marks one candidate per name shadow; a new one replaces it; promotion ends it; it survives a reopen', () => {
    expect(shadows()).toEqual([[1, 'production', false], [2, 'candidate', false], [3, 'candidate', false]]);
    expect(registry.setShadow('dax-vol', 2, true)).toMatchObject({ ok: true, value: { version: 2, shadow: true, status: 'candidate' } });
    expect(registry.shadowOf('dax-vol')?.version).toBe(2);
    registry.setShadow('dax-vol', 3, true);
    expect(shadows()).toEqual([[1, 'production', false], [2, 'candidate', false], [3, 'candidate', true]]);
    db.close();
    db = openSqlite(join(dir, 'record.sqlite'), RECORD_MIGRATIONS);
    registry = new MlModelRegistry(db, () => 2_000);
    expect(registry.shadowOf('dax-vol')?.version).toBe(3);
    registry.promote('dax-vol', 3);
    expect(shadows()).toEqual([[1, 'retired', false], [2, 'candidate', false], [3, 'production', false]]);
    expect(registry.shadowOf('dax-vol')).toBeUndefined();
    registry.setShadow('dax-vol', 2, true);
    expect(registry.setShadow('dax-vol', 2, false)).toMatchObject({ ok: true, value: { shadow: false } });
    expect(registry.shadowOf('dax-vol')).toBeUndefined();
  });

  it('refuses to shadow a production or retired version or an unknown one, changing nothing', () => {
    registry.setShadow('dax-vol', 2, true);
    const before = shadows();
    expect(registry.setShadow('dax-vol', 1, true)).toMatchObject({ ok: false, error: { code: 'NOT_A_CANDIDATE', status: 'production' } });
    expect(registry.setShadow('dax-vol', 9, true)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_MODEL', version: 9 } });
    expect(shadows()).toEqual(before);
    // the record itself holds the rule of one shadow per name
    expect(() => db.prepare("UPDATE ml_models SET shadow = 1 WHERE name = 'dax-vol' AND version = 3").run()).toThrow(/UNIQUE/);
  });
});
