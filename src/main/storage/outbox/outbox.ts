// The SQLite outbox: entries written in the same transaction as the record they describe, read and deleted by the sync worker.
import type { RiskLimit } from '../../../core/trading/risk/limits';
import type { BreachRecord } from '../../../shared/contracts/risk';
import type { RegisteredModel } from '../../../shared/contracts/mlRegistry';
import type { BacktestRunSummary } from '../../../shared/contracts/backtest';
import type { RiskReport, RiskReportFormat } from '../../../core/report/riskReportTypes';
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../sqlite/database';

/** A limit set as applied, with where it came from: the trader's edit or the team's published version. */
export interface LimitChange {
  readonly id: number;
  readonly time: number;
  readonly source: 'trader' | 'team';
  readonly by: string;
  readonly teamVersion: number | null;
  readonly limits: readonly RiskLimit[];
}

/**
 * What an outbox entry stands for. Journal entries point at their group row (the journal is append-only, so the
 * pointer is stable) instead of copying it: the order path pays one small insert per group commit.
 */
export type OutboxEntry =
  | { readonly topic: 'journal'; readonly group: number; readonly firstSeq: number; readonly records: number }
  | { readonly topic: 'journal'; readonly legacy: true; readonly firstSeq: number; readonly records: number }
  | { readonly topic: 'limits'; readonly change: LimitChange }
  | { readonly topic: 'breach'; readonly breach: BreachRecord }
  /** A model registry row as it is after the change (registered, promoted, retired, shadowed). */
  | { readonly topic: 'model'; readonly model: RegisteredModel }
  /** A backtest run as stored (its summary; bars, fills and equity stay in the workstation's DuckDB). */
  | { readonly topic: 'backtest'; readonly run: BacktestRunSummary; readonly createdAt: number; readonly sweepId: string | null }
  /** A risk report as written (every table; whichever format the file is, the shared copy is the report itself). */
  | { readonly topic: 'riskReport'; readonly fileName: string; readonly format: RiskReportFormat; readonly report: RiskReport };

export type OutboxTopic = OutboxEntry['topic'];

export interface OutboxRow {
  readonly id: number;
  readonly createdAt: number;
  readonly entry: OutboxEntry;
}

export interface OutboxBacklog {
  readonly pending: number;
  /** When the oldest pending entry was written (epoch ms), null when nothing is pending. */
  readonly oldestAt: number | null;
}

export class Outbox {
  private insertStatement: Statement<[string, string, number]> | undefined;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  /** Adds an entry; the caller runs this inside the transaction that writes the record it describes. */
  add(entry: OutboxEntry): number {
    // Prepared on first use: a read-only reader of an older record never needs the table.
    this.insertStatement ??= this.db.prepare('INSERT INTO outbox (topic, body, created_at) VALUES (?, ?, ?)');
    return Number(this.insertStatement.run(entry.topic, JSON.stringify(entry), this.now()).lastInsertRowid);
  }

  /** The oldest `limit` pending entries, in the order they were written. */
  next(limit: number): OutboxRow[] {
    const rows = this.db.prepare('SELECT id, body, created_at FROM outbox ORDER BY id LIMIT ?').all(limit) as { id: number; body: string; created_at: number }[];
    return rows.map((r) => ({ id: r.id, createdAt: r.created_at, entry: JSON.parse(r.body) as OutboxEntry }));
  }

  /** Forgets entries up to and including `id`, once the shared record holds them. */
  acknowledge(id: number): void {
    this.db.prepare('DELETE FROM outbox WHERE id <= ?').run(id);
  }

  /** The highest entry id the shared record acknowledged (0 when none ever was): every id up to it has been forgotten here. */
  acknowledgedThrough(): number {
    const pending = this.db.prepare('SELECT MIN(id) AS id FROM outbox').get() as { id: number | null };
    if (pending.id !== null) return pending.id - 1;
    const used = this.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get() as { seq: number } | undefined;
    return used?.seq ?? 0;
  }

  backlog(): OutboxBacklog {
    const row = this.db.prepare('SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox').get() as { n: number; oldest: number | null };
    return { pending: row.n, oldestAt: row.oldest };
  }
}
