// The model registry in the SQLite record: versions per model name, candidate → production promotion through the
// lifecycle table, one-step rollback to the model the last promotion superseded, and one candidate per name marked
// shadow (run beside production for comparison; promoting it ends the shadow).
import { nextModelStatus, type ModelEvent, type ModelStatus } from '../../../core/ml/modelLifecycle';
import { err, ok, type Result } from '../../../core/model/result';
import { validationError } from '../../../shared/contracts/errors';
import { modelRegistrationSchema, type ModelRegistration, type RegisteredModel, type RegistryError } from '../../../shared/contracts/mlRegistry';
import type { SqliteDatabase } from './database';
import { Outbox } from '../outbox/outbox';

export type { RegisteredModel, RegistryError } from '../../../shared/contracts/mlRegistry';

interface Row {
  id: number;
  name: string;
  version: number;
  kind: ModelRegistration['kind'];
  status: ModelStatus;
  params: string;
  features: string;
  train_from: number;
  train_to: number;
  data_hash: string;
  metrics: string;
  artifact_path: string;
  shadow: number;
  created_at: number;
}

const fromRow = (r: Row): RegisteredModel => ({
  id: r.id,
  name: r.name,
  version: r.version,
  kind: r.kind,
  status: r.status,
  params: JSON.parse(r.params) as RegisteredModel['params'],
  features: JSON.parse(r.features) as string[],
  trainFrom: r.train_from,
  trainTo: r.train_to,
  dataHash: r.data_hash,
  metrics: JSON.parse(r.metrics) as Record<string, number>,
  artifactPath: r.artifact_path,
  shadow: r.shadow === 1,
  createdAt: r.created_at,
});

/** Every change goes to the outbox in its own transaction, as the row is after it (the shared record's copy). */
export class MlModelRegistry {
  private readonly outbox: Outbox;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => number,
  ) {
    this.outbox = new Outbox(db, now);
  }

  private changed(id: number): void {
    this.outbox.add({ topic: 'model', model: this.byId(id)! });
  }

  /** Validates and stores a new version (one more than the name's latest) as a candidate. */
  register(input: unknown): Result<RegisteredModel, RegistryError> {
    const parsed = modelRegistrationSchema.safeParse(input);
    if (!parsed.success) return err({ code: 'BAD_REGISTRATION', message: validationError(parsed.error, 'registration').message });
    const r = parsed.data;
    const id = this.db.transaction(() => {
      const latest = this.db.prepare('SELECT MAX(version) AS v FROM ml_models WHERE name = ?').get(r.name) as { v: number | null };
      const inserted = Number(
        this.db
          .prepare(
            `INSERT INTO ml_models (name, version, kind, status, params, features, train_from, train_to, data_hash, metrics, artifact_path, created_at)
             VALUES (?, ?, ?, 'candidate', ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(r.name, (latest.v ?? 0) + 1, r.kind, JSON.stringify(r.params), JSON.stringify(r.features), r.trainFrom, r.trainTo, r.dataHash, JSON.stringify(r.metrics), r.artifactPath, this.now()).lastInsertRowid,
      );
      this.changed(inserted);
      return inserted;
    })();
    return ok(this.byId(id)!);
  }

  list(name?: string): RegisteredModel[] {
    const rows = (name === undefined ? this.db.prepare('SELECT * FROM ml_models ORDER BY name, version').all() : this.db.prepare('SELECT * FROM ml_models WHERE name = ? ORDER BY version').all(name)) as Row[];
    return rows.map(fromRow);
  }

  production(name: string): RegisteredModel | undefined {
    const row = this.db.prepare("SELECT * FROM ml_models WHERE name = ? AND status = 'production'").get(name) as Row | undefined;
    return row && fromRow(row);
  }

  get(id: number): RegisteredModel | undefined {
    return this.byId(id);
  }

  version(name: string, version: number): RegisteredModel | undefined {
    const row = this.db.prepare('SELECT * FROM ml_models WHERE name = ? AND version = ?').get(name, version) as Row | undefined;
    return row && fromRow(row);
  }

  /** The name's candidate in shadow, if any. */
  shadowOf(name: string): RegisteredModel | undefined {
    const row = this.db.prepare('SELECT * FROM ml_models WHERE name = ? AND shadow = 1').get(name) as Row | undefined;
    return row && fromRow(row);
  }

  /**
   * Marks a candidate shadow (the name's previous shadow, if any, stops being one) or, with `on` false, ends its
   * shadow. Only a candidate can run in shadow: production is what it shadows, a retired model is history.
   */
  setShadow(name: string, version: number, on: boolean): Result<RegisteredModel, RegistryError> {
    const row = this.db.prepare('SELECT * FROM ml_models WHERE name = ? AND version = ?').get(name, version) as Row | undefined;
    if (!row) return err({ code: 'UNKNOWN_MODEL', name, version, message: `no model ${name} version ${version}` });
    if (on && row.status !== 'candidate') return err({ code: 'NOT_A_CANDIDATE', name, version, status: row.status, message: `${name} v${version} is ${row.status}: only a candidate can run in shadow` });
    this.db.transaction(() => {
      if (on) for (const ended of this.db.prepare('UPDATE ml_models SET shadow = 0 WHERE name = ? AND shadow = 1 AND id != ? RETURNING id').all(name, row.id) as { id: number }[]) this.changed(ended.id);
      this.db.prepare('UPDATE ml_models SET shadow = ? WHERE id = ?').run(on ? 1 : 0, row.id);
      this.changed(row.id);
    })();
    return ok(this.byId(row.id)!);
  }

  /** Makes `version` the production model; the current one (if any) is retired, remembered for rollback. */
  promote(name: string, version: number): Result<RegisteredModel, RegistryError> {
    const row = this.db.prepare('SELECT * FROM ml_models WHERE name = ? AND version = ?').get(name, version) as Row | undefined;
    if (!row) return err({ code: 'UNKNOWN_MODEL', name, version, message: `no model ${name} version ${version}` });
    return this.swap(name, row, this.production(name), 'promote', 'promote');
  }

  /** Restores the model the last promotion (or rollback) of `name` superseded, in one step. */
  rollback(name: string): Result<RegisteredModel, RegistryError> {
    const current = this.production(name);
    const last = current && (this.db.prepare('SELECT superseded FROM ml_model_promotions WHERE name = ? AND promoted = ? ORDER BY id DESC LIMIT 1').get(name, current.id) as { superseded: number | null } | undefined);
    if (!current || !last || last.superseded === null) return err({ code: 'NOTHING_TO_ROLL_BACK', name, message: `${name} has no earlier production model to roll back to` });
    return this.swap(name, this.rowById(last.superseded)!, current, 'restore', 'rollback');
  }

  private swap(name: string, target: Row, current: RegisteredModel | undefined, event: ModelEvent, kind: 'promote' | 'rollback'): Result<RegisteredModel, RegistryError> {
    const up = nextModelStatus(target.status, event);
    if (!up.ok) return up;
    const down = current ? nextModelStatus(current.status, 'supersede') : undefined;
    if (down && !down.ok) return down;
    this.db.transaction(() => {
      const setStatus = this.db.prepare('UPDATE ml_models SET status = ? WHERE id = ?');
      if (current && down?.ok) setStatus.run(down.value, current.id);
      setStatus.run(up.value, target.id);
      this.db.prepare('UPDATE ml_models SET shadow = 0 WHERE id = ?').run(target.id);
      this.db.prepare('INSERT INTO ml_model_promotions (name, promoted, superseded, kind, at) VALUES (?, ?, ?, ?, ?)').run(name, target.id, current?.id ?? null, kind, this.now());
      if (current) this.changed(current.id);
      this.changed(target.id);
    })();
    return ok(this.byId(target.id)!);
  }

  private rowById(id: number): Row | undefined {
    return this.db.prepare('SELECT * FROM ml_models WHERE id = ?').get(id) as Row | undefined;
  }

  private byId(id: number): RegisteredModel | undefined {
    const row = this.rowById(id);
    return row && fromRow(row);
  }
}
