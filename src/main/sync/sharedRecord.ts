// Reads and writes of the shared record beyond the push: firm-wide positions (read-only) and publishing team limits.
import type pg from 'pg';
import type { RiskLimit } from '../../core/trading/risk/limits';
import type { FirmPosition } from '../../shared/contracts/sync';

/** Every workstation's net positions from the shared fills, flat ones left out. */
export async function readFirmPositions(pool: pg.Pool, selfId: string): Promise<FirmPosition[]> {
  const result = await pool.query<{
    workstation_id: string;
    workstation: string;
    account: string;
    symbol: string;
    quantity: number;
    net_cash: number;
    fills: string;
    last_fill_at: string;
  }>(
    `SELECT workstation_id, workstation, account, symbol, quantity::float8 AS quantity, net_cash::float8 AS net_cash, fills, last_fill_at
     FROM firm_positions WHERE quantity <> 0 ORDER BY symbol, workstation, account`,
  );
  return result.rows.map((r) => ({
    workstationId: r.workstation_id,
    workstation: r.workstation,
    self: r.workstation_id === selfId,
    account: r.account,
    symbol: r.symbol,
    quantity: r.quantity,
    netCash: r.net_cash,
    fills: Number(r.fills),
    lastFillAt: Number(r.last_fill_at),
  }));
}

/** Publishes a (validated) limit set for the team; returns its version. */
export async function publishTeamLimits(pool: pg.Pool, limits: readonly RiskLimit[], by: string): Promise<number> {
  const result = await pool.query<{ version: string }>('INSERT INTO shared_limits (limits, published_by) VALUES ($1::jsonb, $2) RETURNING version', [JSON.stringify(limits), by]);
  return Number(result.rows[0]?.version);
}
