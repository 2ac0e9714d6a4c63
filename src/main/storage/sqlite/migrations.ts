// The SQLite record's schema, as numbered migrations. Append new ones; never edit a released one.
import type { SqliteMigration } from './database';

export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'settings',
    up: `CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL DEFAULT (datetime('now')))`,
  },
  {
    version: 2,
    name: 'risk limit breaches',
    // Times in epoch ms; at most one open breach per limit.
    up: `CREATE TABLE risk_breaches (
      id INTEGER PRIMARY KEY,
      time INTEGER NOT NULL,
      limit_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      value REAL NOT NULL,
      threshold REAL NOT NULL,
      scope TEXT NOT NULL,
      action TEXT NOT NULL,
      cleared_at INTEGER
    );
    CREATE INDEX risk_breaches_time ON risk_breaches (time);
    CREATE UNIQUE INDEX risk_breaches_open ON risk_breaches (limit_id) WHERE cleared_at IS NULL;`,
  },
  {
    version: 3,
    name: 'ml model registry',
    up: `CREATE TABLE ml_models (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL,
      version INTEGER NOT NULL,
      kind TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('candidate', 'production', 'retired')),
      params TEXT NOT NULL,
      features TEXT NOT NULL,
      train_from INTEGER NOT NULL,
      train_to INTEGER NOT NULL,
      data_hash TEXT NOT NULL,
      metrics TEXT NOT NULL,
      artifact_path TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      UNIQUE (name, version));
    CREATE UNIQUE INDEX ml_models_one_production ON ml_models (name) WHERE status = 'production';
    CREATE TABLE ml_model_promotions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL,
      promoted INTEGER NOT NULL REFERENCES ml_models (id),
      superseded INTEGER REFERENCES ml_models (id),
      kind TEXT NOT NULL CHECK (kind IN ('promote', 'rollback')),
      at INTEGER NOT NULL)`,
  },
  {
    version: 4,
    name: 'execution parents',
    // One row per SMART order or algorithm parent, rewritten on each change; `record` is its ParentRecord as JSON.
    up: `CREATE TABLE execution_parents (
      id TEXT PRIMARY KEY,
      status TEXT NOT NULL,
      record TEXT NOT NULL,
      updated_at INTEGER NOT NULL);
    CREATE INDEX execution_parents_status ON execution_parents (status)`,
  },
  {
    version: 5,
    name: 'ml model shadow',
    // At most one candidate per name runs in shadow beside production (scored against it, never served).
    up: `ALTER TABLE ml_models ADD COLUMN shadow INTEGER NOT NULL DEFAULT 0 CHECK (shadow IN (0, 1));
    CREATE UNIQUE INDEX ml_models_one_shadow ON ml_models (name) WHERE shadow = 1`,
  },
];
