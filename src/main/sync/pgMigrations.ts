// The shared record's schema in PostgreSQL, as numbered forward-only migrations applied at start (like SQLite's).
import type pg from 'pg';

export interface PgMigration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
}

/**
 * Rows are keyed by the workstation's id and our own ids (journal sequence, client order id, limit change and
 * breach ids) or the venue's execution id, so pushing the same outbox entry twice changes nothing.
 */
export const PG_SYNC_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'sync: workstations, order events, orders, fills, limit changes, breaches, shared limits',
    up: `
      CREATE TABLE workstations (
        id text PRIMARY KEY,
        name text NOT NULL,
        last_outbox_id bigint NOT NULL DEFAULT 0,
        last_sync_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE order_events (
        workstation_id text NOT NULL REFERENCES workstations (id),
        seq bigint NOT NULL,
        time bigint NOT NULL,
        kind text NOT NULL,
        client_order_id text,
        record jsonb NOT NULL,
        PRIMARY KEY (workstation_id, seq));
      CREATE TABLE orders (
        workstation_id text NOT NULL REFERENCES workstations (id),
        client_order_id text NOT NULL,
        account text NOT NULL,
        symbol text NOT NULL,
        side text NOT NULL CHECK (side IN ('BUY', 'SELL')),
        type text NOT NULL,
        quantity double precision NOT NULL,
        limit_price double precision,
        stop_price double precision,
        venue text NOT NULL,
        submitted_at bigint NOT NULL,
        PRIMARY KEY (workstation_id, client_order_id));
      CREATE TABLE fills (
        workstation_id text NOT NULL REFERENCES workstations (id),
        execution_id text NOT NULL,
        client_order_id text NOT NULL,
        venue_order_id text NOT NULL,
        time bigint NOT NULL,
        quantity double precision NOT NULL,
        price double precision NOT NULL,
        commission double precision NOT NULL,
        commission_currency text NOT NULL,
        liquidity text NOT NULL,
        PRIMARY KEY (workstation_id, execution_id));
      CREATE TABLE limit_changes (
        workstation_id text NOT NULL REFERENCES workstations (id),
        id bigint NOT NULL,
        time bigint NOT NULL,
        source text NOT NULL,
        by_whom text NOT NULL,
        team_version bigint,
        limits jsonb NOT NULL,
        PRIMARY KEY (workstation_id, id));
      CREATE TABLE risk_breaches (
        workstation_id text NOT NULL REFERENCES workstations (id),
        id bigint NOT NULL,
        time bigint NOT NULL,
        limit_id text NOT NULL,
        kind text NOT NULL,
        value double precision,
        threshold double precision,
        scope text NOT NULL,
        action text NOT NULL,
        cleared_at bigint,
        PRIMARY KEY (workstation_id, id));
      CREATE TABLE shared_limits (
        version bigserial PRIMARY KEY,
        limits jsonb NOT NULL,
        published_by text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now());
      -- Positions are derived from the fills themselves, so the firm's view cannot drift from the record.
      CREATE VIEW firm_positions AS
        SELECT o.workstation_id, w.name AS workstation, o.account, o.symbol,
               SUM(CASE WHEN o.side = 'BUY' THEN f.quantity ELSE -f.quantity END) AS quantity,
               SUM(CASE WHEN o.side = 'BUY' THEN -f.quantity ELSE f.quantity END * f.price) AS net_cash,
               COUNT(*) AS fills,
               MAX(f.time) AS last_fill_at
        FROM fills f
        JOIN orders o ON o.workstation_id = f.workstation_id AND o.client_order_id = f.client_order_id
        JOIN workstations w ON w.id = f.workstation_id
        GROUP BY o.workstation_id, w.name, o.account, o.symbol;`,
  },
  {
    version: 2,
    name: 'sync: model registry entries',
    // One row per workstation model, in its latest state; promotions and rollbacks show as status changes.
    up: `
      CREATE TABLE ml_models (
        workstation_id text NOT NULL REFERENCES workstations (id),
        id bigint NOT NULL,
        name text NOT NULL,
        version integer NOT NULL,
        kind text NOT NULL,
        status text NOT NULL,
        shadow boolean NOT NULL,
        params jsonb NOT NULL,
        features jsonb NOT NULL,
        train_from bigint NOT NULL,
        train_to bigint NOT NULL,
        data_hash text NOT NULL,
        metrics jsonb NOT NULL,
        artifact_path text NOT NULL,
        created_at bigint NOT NULL,
        PRIMARY KEY (workstation_id, id));`,
  },
  {
    version: 3,
    name: 'sync: backtest runs',
    // A run's summary as the workstation stored it; its bars, fills and equity curve stay in the workstation's DuckDB.
    up: `
      CREATE TABLE backtest_runs (
        workstation_id text NOT NULL REFERENCES workstations (id),
        run_id text NOT NULL,
        created_at bigint NOT NULL,
        sweep_id text,
        strategy text NOT NULL,
        strategy_version text NOT NULL,
        params jsonb NOT NULL,
        symbols jsonb NOT NULL,
        timeframe text NOT NULL,
        final_equity double precision NOT NULL,
        summary jsonb NOT NULL,
        PRIMARY KEY (workstation_id, run_id));`,
  },
  {
    version: 4,
    name: 'sync: risk reports',
    // Each written report's tables as JSON (the same model every file format renders), keyed by its file name.
    up: `
      CREATE TABLE risk_reports (
        workstation_id text NOT NULL REFERENCES workstations (id),
        file_name text NOT NULL,
        format text NOT NULL,
        generated_at bigint NOT NULL,
        account text NOT NULL,
        base_currency text NOT NULL,
        report jsonb NOT NULL,
        PRIMARY KEY (workstation_id, file_name));`,
  },
  {
    version: 5,
    name: 'sync: strategy versions the team publishes',
    // The module's source as published, with its sha256: a workstation checks it before writing the file.
    up: `
      CREATE TABLE shared_strategies (
        version bigserial PRIMARY KEY,
        name text NOT NULL,
        source text NOT NULL,
        content_hash text NOT NULL,
        published_by text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now());`,
  },
  {
    version: 6,
    name: 'team server users: tokens shared by the primary and its replicas',
    // Like the SQLite token file (userTokens.ts): only the salted scrypt hash of each secret; times in epoch ms.
    up: `
      CREATE TABLE team_user_tokens (
        id text PRIMARY KEY,
        user_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('viewer', 'trader', 'admin')),
        salt bytea NOT NULL,
        hash bytea NOT NULL,
        created_at bigint NOT NULL,
        revoked_at bigint);`,
  },
];

/** A lock id of our own: two workstations starting together apply each migration once. */
const MIGRATION_LOCK = 0x6e617574;

/** Applies what is pending in one transaction per migration, under an advisory lock; returns how many ran. */
export async function applyPgMigrations(client: pg.ClientBase, migrations: readonly PgMigration[] = PG_SYNC_MIGRATIONS, table = 'sync_schema_migrations'): Promise<number> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS ${table} (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const applied = new Set((await client.query<{ version: number }>(`SELECT version FROM ${table}`)).rows.map((r) => r.version));
    const pending = [...migrations].sort((a, b) => a.version - b.version).filter((m) => !applied.has(m.version));
    for (const migration of pending) {
      await client.query('BEGIN');
      try {
        await client.query(migration.up);
        await client.query(`INSERT INTO ${table} (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`PostgreSQL migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`);
      }
    }
    return pending.length;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
