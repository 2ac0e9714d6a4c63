// The breach history in the SQLite record: a row per breach, opened by the limit monitor and closed when it clears.
import type { Breach } from '../../core/trading/risk/limitMonitor';
import type { RiskLimitKind } from '../../core/trading/risk/limitKinds';
import type { BreachAction } from '../../core/trading/risk/limitKind';
import type { BreachRecord } from '../../shared/contracts/risk';
import { Outbox } from '../storage/outbox/outbox';
import type { SqliteDatabase } from '../storage/sqlite/database';

type StoredBreach = BreachRecord;

interface Row {
  id: number;
  time: number;
  limit_id: string;
  kind: string;
  value: number;
  threshold: number;
  scope: string;
  action: string;
  cleared_at: number | null;
}

const toBreach = (r: Row): StoredBreach => ({
  id: r.id,
  time: r.time,
  limitId: r.limit_id,
  kind: r.kind as RiskLimitKind,
  value: r.value,
  threshold: r.threshold,
  scope: r.scope,
  action: r.action as BreachAction,
  clearedAt: r.cleared_at,
});

export interface BreachQuery {
  /** Breaches that started at or after `from`, or are still open (the day's view), and started before `to`. */
  readonly from?: number;
  readonly to?: number;
  readonly limit?: number;
}

/** Every change of a breach row goes to the outbox in the change's own transaction (the shared record's copy). */
export class BreachStore {
  private readonly outbox: Outbox;

  constructor(private readonly db: SqliteDatabase) {
    this.outbox = new Outbox(db);
  }

  /** Records a new breach; one already open for the limit is closed first (a monitor restarted without it). */
  opened(breach: Breach): StoredBreach {
    return this.db.transaction((b: Breach): StoredBreach => {
      const closed = this.db.prepare('UPDATE risk_breaches SET cleared_at = ? WHERE limit_id = ? AND cleared_at IS NULL RETURNING *').all(b.time, b.limitId) as Row[];
      for (const row of closed) this.outbox.add({ topic: 'breach', breach: toBreach(row) });
      const row = this.db
        .prepare('INSERT INTO risk_breaches (time, limit_id, kind, value, threshold, scope, action, cleared_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL) RETURNING *')
        .get(b.time, b.limitId, b.kind, b.value, b.threshold, b.scope, b.action) as Row;
      const stored = toBreach(row);
      this.outbox.add({ topic: 'breach', breach: stored });
      return { ...b, id: stored.id };
    })(breach);
  }

  /** Closes the breach's open row; returns it as stored, or undefined when no open row matched. */
  cleared(breach: Breach): StoredBreach | undefined {
    return this.db.transaction((): StoredBreach | undefined => {
      const row = this.db
        .prepare('UPDATE risk_breaches SET cleared_at = ? WHERE limit_id = ? AND time = ? AND cleared_at IS NULL RETURNING *')
        .get(breach.clearedAt, breach.limitId, breach.time) as Row | undefined;
      if (!row) return undefined;
      const stored = toBreach(row);
      this.outbox.add({ topic: 'breach', breach: stored });
      return stored;
    })();
  }

  /** Breaches still open (the monitor resumes them after a restart). */
  open(): StoredBreach[] {
    return (this.db.prepare('SELECT * FROM risk_breaches WHERE cleared_at IS NULL ORDER BY time').all() as Row[]).map(toBreach);
  }

  /** Every breach, oldest first (the sync's re-send after the shared record lost some). */
  all(): StoredBreach[] {
    return (this.db.prepare('SELECT * FROM risk_breaches ORDER BY id').all() as Row[]).map(toBreach);
  }

  /** Newest first. */
  list(query: BreachQuery = {}): StoredBreach[] {
    const rows = this.db
      .prepare('SELECT * FROM risk_breaches WHERE (time >= ? OR cleared_at IS NULL OR cleared_at >= ?) AND time < ? ORDER BY time DESC, id DESC LIMIT ?')
      .all(query.from ?? 0, query.from ?? 0, query.to ?? Number.MAX_SAFE_INTEGER, query.limit ?? 1_000) as Row[];
    return rows.map(toBreach);
  }
}
