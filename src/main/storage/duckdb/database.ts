// Opens the DuckDB analytics store (bars, quotes, features, results): everything in it can be rebuilt.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export interface DuckDbMigration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
}

export interface DuckDbStore {
  readonly instance: DuckDBInstance;
  readonly connection: DuckDBConnection;
  close(): void;
}

export async function openDuckDb(file: string, migrations: readonly DuckDbMigration[]): Promise<DuckDbStore> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  await applyDuckDbMigrations(connection, migrations);
  return {
    instance,
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

export async function applyDuckDbMigrations(
  connection: DuckDBConnection,
  migrations: readonly DuckDbMigration[],
): Promise<number> {
  await connection.run(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP DEFAULT current_timestamp)',
  );
  const reader = await connection.runAndReadAll('SELECT version FROM schema_migrations');
  const applied = new Set(reader.getRowObjects().map((row) => Number(row.version)));
  const pending = [...migrations].sort((a, b) => a.version - b.version).filter((m) => !applied.has(m.version));
  for (const migration of pending) {
    await connection.run('BEGIN TRANSACTION');
    try {
      await connection.run(migration.up);
      await connection.run('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      await connection.run('COMMIT');
    } catch (error) {
      await connection.run('ROLLBACK');
      throw error;
    }
  }
  return pending.length;
}
