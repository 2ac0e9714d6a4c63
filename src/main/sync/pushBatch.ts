// Writes one sync batch into PostgreSQL in one transaction: set-based upserts keyed by our ids and the venue's execution ids.
import type pg from 'pg';
import type { SyncBatch } from './syncBatch';

export interface WorkstationIdentity {
  readonly id: string;
  readonly name: string;
}

const col = <T, V>(rows: readonly T[], pick: (row: T) => V): V[] => rows.map(pick);

/**
 * Idempotent: immutable rows (order events, orders, fills, limit changes) are inserted once and a replay does
 * nothing; a breach's row takes its latest state; a commission correction states the execution's commission.
 * Either every row of the batch is committed or none.
 */
export async function pushBatch(client: pg.ClientBase, workstation: WorkstationIdentity, batch: SyncBatch): Promise<void> {
  const w = workstation.id;
  await client.query('BEGIN');
  try {
    await client.query(
      `INSERT INTO workstations (id, name, last_outbox_id, last_sync_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, last_outbox_id = GREATEST(workstations.last_outbox_id, excluded.last_outbox_id), last_sync_at = now()`,
      [w, workstation.name, batch.lastOutboxId],
    );
    if (batch.orderEvents.length > 0) {
      const rows = batch.orderEvents;
      await client.query(
        `INSERT INTO order_events (workstation_id, seq, time, kind, client_order_id, record)
         SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::jsonb[]) ON CONFLICT DO NOTHING`,
        [w, col(rows, (r) => r.seq), col(rows, (r) => r.time), col(rows, (r) => r.kind), col(rows, (r) => r.clientOrderId), col(rows, (r) => JSON.stringify(r.record))],
      );
    }
    if (batch.orders.length > 0) {
      const rows = batch.orders;
      await client.query(
        `INSERT INTO orders (workstation_id, client_order_id, account, symbol, side, type, quantity, limit_price, stop_price, venue, submitted_at)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[], $9::float8[], $10::text[], $11::bigint[])
         ON CONFLICT DO NOTHING`,
        [
          w,
          col(rows, (r) => r.clientOrderId),
          col(rows, (r) => r.account),
          col(rows, (r) => r.symbol),
          col(rows, (r) => r.side),
          col(rows, (r) => r.type),
          col(rows, (r) => r.quantity),
          col(rows, (r) => r.limitPrice),
          col(rows, (r) => r.stopPrice),
          col(rows, (r) => r.venue),
          col(rows, (r) => r.submittedAt),
        ],
      );
    }
    if (batch.fills.length > 0) {
      const rows = batch.fills;
      await client.query(
        `INSERT INTO fills (workstation_id, execution_id, client_order_id, venue_order_id, time, quantity, price, commission, commission_currency, liquidity)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::float8[], $7::float8[], $8::float8[], $9::text[], $10::text[])
         ON CONFLICT DO NOTHING`,
        [
          w,
          col(rows, (r) => r.executionId),
          col(rows, (r) => r.clientOrderId),
          col(rows, (r) => r.venueOrderId),
          col(rows, (r) => r.time),
          col(rows, (r) => r.quantity),
          col(rows, (r) => r.price),
          col(rows, (r) => r.commission),
          col(rows, (r) => r.commissionCurrency),
          col(rows, (r) => r.liquidity),
        ],
      );
    }
    if (batch.commissions.length > 0) {
      const rows = batch.commissions;
      await client.query(
        `UPDATE fills f SET commission = u.commission, commission_currency = u.currency
         FROM unnest($2::text[], $3::float8[], $4::text[]) AS u (execution_id, commission, currency)
         WHERE f.workstation_id = $1 AND f.execution_id = u.execution_id`,
        [w, col(rows, (r) => r.executionId), col(rows, (r) => r.commission), col(rows, (r) => r.commissionCurrency)],
      );
    }
    if (batch.limitChanges.length > 0) {
      const rows = batch.limitChanges;
      await client.query(
        `INSERT INTO limit_changes (workstation_id, id, time, source, by_whom, team_version, limits)
         SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::bigint[], $7::jsonb[]) ON CONFLICT DO NOTHING`,
        [w, col(rows, (r) => r.id), col(rows, (r) => r.time), col(rows, (r) => r.source), col(rows, (r) => r.by), col(rows, (r) => r.teamVersion), col(rows, (r) => JSON.stringify(r.limits))],
      );
    }
    if (batch.breaches.length > 0) {
      const rows = batch.breaches;
      await client.query(
        `INSERT INTO risk_breaches (workstation_id, id, time, limit_id, kind, value, threshold, scope, action, cleared_at)
         SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::float8[], $7::float8[], $8::text[], $9::text[], $10::bigint[])
         ON CONFLICT (workstation_id, id) DO UPDATE SET cleared_at = COALESCE(excluded.cleared_at, risk_breaches.cleared_at)`,
        [
          w,
          col(rows, (r) => r.id),
          col(rows, (r) => r.time),
          col(rows, (r) => r.limitId),
          col(rows, (r) => r.kind),
          col(rows, (r) => (Number.isFinite(r.value) ? r.value : null)),
          col(rows, (r) => (Number.isFinite(r.threshold) ? r.threshold : null)),
          col(rows, (r) => r.scope),
          col(rows, (r) => r.action),
          col(rows, (r) => r.clearedAt),
        ],
      );
    }
    if (batch.backtestRuns.length > 0) {
      const rows = batch.backtestRuns;
      await client.query(
        `INSERT INTO backtest_runs (workstation_id, run_id, created_at, sweep_id, strategy, strategy_version, params, symbols, timeframe, final_equity, summary)
         SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::jsonb[], $9::text[], $10::float8[], $11::jsonb[])
         ON CONFLICT DO NOTHING`,
        [
          w,
          col(rows, (r) => r.run.runId),
          col(rows, (r) => r.createdAt),
          col(rows, (r) => r.sweepId),
          col(rows, (r) => r.run.strategy),
          col(rows, (r) => r.run.strategyVersion),
          col(rows, (r) => JSON.stringify(r.run.params)),
          col(rows, (r) => JSON.stringify(r.run.symbols)),
          col(rows, (r) => r.run.timeframe),
          col(rows, (r) => r.run.finalEquity),
          col(rows, (r) => JSON.stringify(r.run)),
        ],
      );
    }
    if (batch.riskReports.length > 0) {
      const rows = batch.riskReports;
      await client.query(
        `INSERT INTO risk_reports (workstation_id, file_name, format, generated_at, account, base_currency, report)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::jsonb[]) ON CONFLICT DO NOTHING`,
        [
          w,
          col(rows, (r) => r.fileName),
          col(rows, (r) => r.format),
          col(rows, (r) => r.report.meta.generatedAt),
          col(rows, (r) => r.report.meta.account),
          col(rows, (r) => r.report.meta.baseCurrency),
          col(rows, (r) => JSON.stringify(r.report)),
        ],
      );
    }
    if (batch.models.length > 0) {
      const rows = batch.models;
      await client.query(
        `INSERT INTO ml_models (workstation_id, id, name, version, kind, status, shadow, params, features, train_from, train_to, data_hash, metrics, artifact_path, created_at)
         SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::int[], $5::text[], $6::text[], $7::bool[], $8::jsonb[], $9::jsonb[], $10::bigint[], $11::bigint[], $12::text[], $13::jsonb[], $14::text[], $15::bigint[])
         ON CONFLICT (workstation_id, id) DO UPDATE SET status = excluded.status, shadow = excluded.shadow`,
        [
          w,
          col(rows, (r) => r.id),
          col(rows, (r) => r.name),
          col(rows, (r) => r.version),
          col(rows, (r) => r.kind),
          col(rows, (r) => r.status),
          col(rows, (r) => r.shadow),
          col(rows, (r) => JSON.stringify(r.params)),
          col(rows, (r) => JSON.stringify(r.features)),
          col(rows, (r) => r.trainFrom),
          col(rows, (r) => r.trainTo),
          col(rows, (r) => r.dataHash),
          col(rows, (r) => JSON.stringify(r.metrics)),
          col(rows, (r) => r.artifactPath),
          col(rows, (r) => r.createdAt),
        ],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
