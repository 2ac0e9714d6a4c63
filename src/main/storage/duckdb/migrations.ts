// The DuckDB store's schema, as numbered migrations. Everything in it can be rebuilt from imports and the journal.
import type { DuckDbMigration } from './database';

export const DUCKDB_MIGRATIONS: readonly DuckDbMigration[] = [
  {
    version: 1,
    name: 'store metadata',
    up: `CREATE TABLE store_metadata (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
  },
];
