// Strategy deployments in the SQLite record (migration 1003): one row per version, its stage and state changed only
// through the lifecycle tables, promotions and rollbacks with the metrics the gate showed, and every run's version.
import { nextDeploymentState, type DeploymentEvent, type DeploymentStage, type DeploymentState, type DeploymentTransitionError, type StageMetrics, type StopPolicy } from '../../core/strategy/deploymentLifecycle';
import { err, ok, type Result } from '../../core/model/result';
import type { PromotionRecord, StrategyDeploymentView, StrategyPnl, StrategyRunRecord } from '../../shared/contracts/strategies';
import type { SqliteDatabase } from '../storage/sqlite/database';

/** A deployment as stored: what the API shows, without the live book (P&L and positions) that only a running one has. */
export type DeploymentRow = Omit<StrategyDeploymentView, 'pnl' | 'positions'>;

export type NewDeployment = Pick<DeploymentRow, 'strategy' | 'version' | 'codeHash' | 'params' | 'symbols' | 'policy' | 'barSeconds' | 'initialCash'>;

interface Row {
  id: number;
  strategy: string;
  version: string;
  code_hash: string;
  params: string;
  symbols: string;
  stage: DeploymentStage;
  state: DeploymentState;
  policy: StopPolicy;
  capital_limit: number | null;
  venue: string | null;
  bar_seconds: number;
  initial_cash: number;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

const fromRow = (r: Row): DeploymentRow => ({
  id: r.id,
  strategy: r.strategy,
  version: r.version,
  codeHash: r.code_hash,
  params: JSON.parse(r.params) as Record<string, number>,
  symbols: JSON.parse(r.symbols) as string[],
  stage: r.stage,
  state: r.state,
  policy: r.policy,
  capitalLimit: r.capital_limit,
  venue: r.venue,
  barSeconds: r.bar_seconds,
  initialCash: r.initial_cash,
  lastError: r.last_error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** A change of state, and optionally of stage and its settings, applied in one transaction with others. */
export interface StateChange {
  readonly id: number;
  readonly event: DeploymentEvent;
  readonly stage?: DeploymentStage;
  readonly venue?: string | null;
  readonly capitalLimit?: number | null;
  readonly lastError?: string | null;
}

export class DeploymentStore {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => number,
  ) {}

  /** The version's deployment, created at the backtest stage when new (the same version twice is the same row). */
  register(d: NewDeployment): DeploymentRow {
    const existing = this.byVersion(d.strategy, d.version);
    if (existing) return existing;
    const at = this.now();
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO strategy_deployments (strategy, version, code_hash, params, symbols, stage, state, policy, bar_seconds, initial_cash, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 'BACKTEST', 'READY', ?, ?, ?, ?, ?)`,
        )
        .run(d.strategy, d.version, d.codeHash, JSON.stringify(d.params), JSON.stringify(d.symbols), d.policy, d.barSeconds, d.initialCash, at, at).lastInsertRowid,
    );
    return this.get(id)!;
  }

  get(id: number): DeploymentRow | undefined {
    const row = this.db.prepare('SELECT * FROM strategy_deployments WHERE id = ?').get(id) as Row | undefined;
    return row && fromRow(row);
  }

  byVersion(strategy: string, version: string): DeploymentRow | undefined {
    const row = this.db.prepare('SELECT * FROM strategy_deployments WHERE strategy = ? AND version = ?').get(strategy, version) as Row | undefined;
    return row && fromRow(row);
  }

  /** The version holding a paper or live stage now (not retired), if any. */
  atStage(strategy: string, stage: DeploymentStage): DeploymentRow | undefined {
    const row = this.db.prepare("SELECT * FROM strategy_deployments WHERE strategy = ? AND stage = ? AND state <> 'RETIRED'").get(strategy, stage) as Row | undefined;
    return row && fromRow(row);
  }

  list(): DeploymentRow[] {
    return (this.db.prepare('SELECT * FROM strategy_deployments ORDER BY strategy, id').all() as Row[]).map(fromRow);
  }

  /** Deployments that were running or paused when the app stopped: the runtime starts them again. */
  active(): DeploymentRow[] {
    return (this.db.prepare("SELECT * FROM strategy_deployments WHERE state IN ('RUNNING', 'PAUSED') ORDER BY id").all() as Row[]).map(fromRow);
  }

  /** Applies every change through the state table, all or none. */
  apply(changes: readonly StateChange[], promotion?: Omit<PromotionRecord, 'id' | 'at' | 'strategy' | 'version'>): Result<void, DeploymentTransitionError | { code: 'UNKNOWN_DEPLOYMENT'; id: number }> {
    const planned: { change: StateChange; state: DeploymentState }[] = [];
    for (const change of changes) {
      const row = this.get(change.id);
      if (!row) return err({ code: 'UNKNOWN_DEPLOYMENT', id: change.id });
      const next = nextDeploymentState(row.state, change.event);
      if (!next.ok) return next;
      planned.push({ change, state: next.value });
    }
    const at = this.now();
    this.db.transaction(() => {
      // Retirements first, so the one-version-per-stage index never sees two holders of a stage.
      const ordered = [...planned].sort((a, b) => Number(b.state === 'RETIRED') - Number(a.state === 'RETIRED'));
      for (const { change, state } of ordered) {
        const row = this.get(change.id)!;
        this.db
          .prepare('UPDATE strategy_deployments SET state = ?, stage = ?, venue = ?, capital_limit = ?, last_error = ?, updated_at = ? WHERE id = ?')
          .run(state, change.stage ?? row.stage, change.venue === undefined ? row.venue : change.venue, change.capitalLimit === undefined ? row.capitalLimit : change.capitalLimit, change.lastError === undefined ? row.lastError : change.lastError, at, change.id);
      }
      if (promotion) {
        const d = this.get(promotion.deploymentId)!;
        this.db
          .prepare('INSERT INTO strategy_promotions (deployment_id, strategy, kind, from_stage, to_stage, superseded, approved_by, note, metrics, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
          .run(promotion.deploymentId, d.strategy, promotion.kind, promotion.fromStage, promotion.toStage, promotion.superseded, promotion.approvedBy, promotion.note, JSON.stringify({ backtest: promotion.backtest, previous: promotion.previous }), at);
      }
    })();
    return ok(undefined);
  }

  /** The deployment the last promotion into this stage replaced (what one rollback restores), if any. */
  lastSuperseded(strategy: string, stage: DeploymentStage, current: number): number | null {
    const row = this.db
      .prepare("SELECT superseded FROM strategy_promotions WHERE strategy = ? AND to_stage = ? AND deployment_id = ? AND kind = 'promote' ORDER BY id DESC LIMIT 1")
      .get(strategy, stage, current) as { superseded: number | null } | undefined;
    return row?.superseded ?? null;
  }

  promotions(): PromotionRecord[] {
    const rows = this.db
      .prepare('SELECT p.*, d.version FROM strategy_promotions p JOIN strategy_deployments d ON d.id = p.deployment_id ORDER BY p.id')
      .all() as { id: number; deployment_id: number; strategy: string; version: string; kind: 'promote' | 'rollback'; from_stage: DeploymentStage; to_stage: DeploymentStage; superseded: number | null; approved_by: string; note: string | null; metrics: string; at: number }[];
    return rows.map((r) => {
      const metrics = JSON.parse(r.metrics) as { backtest: StageMetrics | null; previous: StageMetrics | null };
      return { id: r.id, deploymentId: r.deployment_id, strategy: r.strategy, version: r.version, kind: r.kind, fromStage: r.from_stage, toStage: r.to_stage, superseded: r.superseded, approvedBy: r.approved_by, note: r.note, backtest: metrics.backtest, previous: metrics.previous, at: r.at };
    });
  }

  /** A paper or live run starts: the version it runs is on the record before its first order. */
  startRun(d: DeploymentRow, venue: string): number {
    return Number(
      this.db.prepare('INSERT INTO strategy_runs (deployment_id, strategy, version, stage, venue, started_at) VALUES (?, ?, ?, ?, ?, ?)').run(d.id, d.strategy, d.version, d.stage, venue, this.now()).lastInsertRowid,
    );
  }

  endRun(runId: number, reason: string, pnl: StrategyPnl | null): void {
    this.db.prepare('UPDATE strategy_runs SET ended_at = ?, end_reason = ?, pnl = ? WHERE id = ? AND ended_at IS NULL').run(this.now(), reason, pnl === null ? null : JSON.stringify(pnl), runId);
  }

  runs(deploymentId?: number): StrategyRunRecord[] {
    const rows = (deploymentId === undefined ? this.db.prepare('SELECT * FROM strategy_runs ORDER BY id').all() : this.db.prepare('SELECT * FROM strategy_runs WHERE deployment_id = ? ORDER BY id').all(deploymentId)) as {
      id: number; deployment_id: number; strategy: string; version: string; stage: DeploymentStage; venue: string; started_at: number; ended_at: number | null; end_reason: string | null; pnl: string | null;
    }[];
    return rows.map((r) => ({ id: r.id, deploymentId: r.deployment_id, strategy: r.strategy, version: r.version, stage: r.stage, venue: r.venue, startedAt: r.started_at, endedAt: r.ended_at, endReason: r.end_reason, pnl: r.pnl === null ? null : (JSON.parse(r.pnl) as StrategyPnl) }));
  }
}
