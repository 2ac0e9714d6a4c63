// The strategy lifecycle on the live node: deploys versions, runs paper and live deployments as LiveStrategy
// instances (the backtest's strategy host), takes them through the promotion gate, pauses, stops and rolls them back,
// records every run's version, and alerts the trader (system log + strategies.events) when one fails.
import { err, ok, type Result } from '../../core/model/result';
import { describeStrategyRef } from '../../core/model/strategyRef';
import type { Quote } from '../../core/model/marketData';
import type { Scheduler } from '../../core/model/scheduler';
import { resolveParams, describeParamError } from '../../core/strategy/params';
import { checkPromotion, describePromotionError, isActiveState, type DeploymentStage, type StageMetrics, type StopPolicy } from '../../core/strategy/deploymentLifecycle';
import { LiveStrategy, type PolicyOutcome } from '../../core/strategy/liveStrategy';
import type { StrategyFailure } from '../../core/strategy/strategyHost';
import type { TradingNode } from '../../core/trading/tradingNode';
import type { MessageBus } from '../bus/messageBus';
import type { SystemLog } from '../systemLog';
import type { PromotionGateView, StrategiesError, StrategiesList, StrategyDeploymentView, StrategyEvent } from '../../shared/contracts/strategies';
import type { DeploymentRow, DeploymentStore, StateChange } from './deploymentStore';
import { describeStrategyError, type LoadedStrategy, type StrategyError } from './strategyLoader';
import { strategyVersionId } from './strategyVersionId';
import { timeBudgetGuard } from './callbackGuard';

export interface StrategyServiceOptions {
  readonly store: DeploymentStore;
  readonly node: TradingNode;
  readonly scheduler: Scheduler;
  readonly log: SystemLog;
  readonly bus: MessageBus;
  readonly now: () => number;
  readonly load: (name: string) => Promise<Result<LoadedStrategy, StrategyError>>;
  /** The newest backtest of exactly this version (same code hash, same parameters): its metrics, or null. */
  readonly backtestEvidence: (strategy: string, version: string) => Promise<StageMetrics | null>;
  /** Paper trades here (the simulated exchange). */
  readonly paperVenue: string;
  /** Live trades here unless the promotion names another venue. */
  readonly defaultLiveVenue: string;
  /** Each callback's time budget (default DEFAULT_CALLBACK_BUDGET_MS); every deployment has its own watchdog. */
  readonly callbackBudgetMs?: number;
}

export interface DeployInput {
  readonly strategy: string;
  readonly params: Readonly<Record<string, number>>;
  readonly symbols: readonly string[];
  readonly policy: StopPolicy;
  readonly barSeconds: number;
  readonly initialCash: number;
}

type Outcome<T> = Result<T, StrategiesError>;
const fail = (code: string, message: string, extra: Record<string, unknown> = {}): { ok: false; error: StrategiesError } => err({ code, message, ...extra });

interface Running {
  readonly live: LiveStrategy;
  readonly runId: number;
}

export class StrategyService {
  private readonly running = new Map<number, Running>();

  constructor(private readonly options: StrategyServiceOptions) {}

  /** After start-up: deployments left running or paused run again (a new run of the same version). */
  async resumeActive(): Promise<void> {
    for (const d of this.options.store.active()) {
      const started = await this.startInstance(d, 'resumed after restart');
      if (!started.ok) this.options.log.error('strategies', `${d.strategy} could not resume: ${started.error.message}`);
      else if (d.state === 'PAUSED') started.value.live.pause();
    }
  }

  onQuote(quote: Quote): void {
    for (const { live } of this.running.values()) live.onQuote(quote);
  }

  /** Ends every run without applying policies: the deployments stay running and resume at the next start. */
  close(): void {
    for (const [id, r] of this.running) {
      r.live.detach();
      this.options.store.endRun(r.runId, 'app stopped', r.live.pnl());
      this.running.delete(id);
    }
  }

  list(): StrategiesList {
    const { store } = this.options;
    return { deployments: store.list().map((d) => this.view(d)), promotions: store.promotions(), runs: store.runs() };
  }

  async deploy(input: DeployInput): Promise<Outcome<StrategyDeploymentView>> {
    const loaded = await this.options.load(input.strategy);
    if (!loaded.ok) return fail(loaded.error.code, describeStrategyError(loaded.error));
    const params = resolveParams(loaded.value.definition.params, input.params);
    if (!params.ok) return fail(params.error.code, describeParamError(params.error));
    const version = strategyVersionId(loaded.value.contentHash, params.value);
    const existing = this.options.store.byVersion(input.strategy, version);
    const row = this.options.store.register({ strategy: input.strategy, version, codeHash: loaded.value.contentHash, params: params.value, symbols: input.symbols, policy: input.policy, barSeconds: input.barSeconds, initialCash: input.initialCash });
    if (!existing) this.event('DEPLOYED', row, `version ${describeStrategyRef({ strategyId: row.strategy, version })} registered at the backtest stage`);
    return ok(this.view(row));
  }

  async gate(id: number): Promise<Outcome<PromotionGateView>> {
    const d = this.options.store.get(id);
    if (!d) return fail('UNKNOWN_DEPLOYMENT', `no deployment ${id}`, { id });
    const evidence = await this.evidence(d);
    const verdict = checkPromotion({ stage: d.stage, state: d.state, ...evidence, capitalLimit: d.capitalLimit });
    const to = d.stage === 'BACKTEST' ? 'PAPER' : d.stage === 'PAPER' ? 'LIVE' : null;
    // The capital limit comes with the approval itself, so its absence does not block the preview.
    const blocked = verdict.ok || verdict.error.code === 'CAPITAL_LIMIT_REQUIRED' ? null : { code: verdict.error.code, message: describePromotionError(verdict.error) };
    return ok({ deploymentId: id, from: d.stage, to, backtest: evidence.backtest, previous: evidence.previous, blocked });
  }

  async promote(input: { deploymentId: number; approvedBy: string; note?: string; capitalLimit?: number; venue?: string }): Promise<Outcome<StrategyDeploymentView>> {
    const { store } = this.options;
    const d = store.get(input.deploymentId);
    if (!d) return fail('UNKNOWN_DEPLOYMENT', `no deployment ${input.deploymentId}`, { id: input.deploymentId });
    const evidence = await this.evidence(d);
    const capitalLimit = input.capitalLimit ?? d.capitalLimit;
    const step = checkPromotion({ stage: d.stage, state: d.state, ...evidence, capitalLimit });
    if (!step.ok) return fail(step.error.code, describePromotionError(step.error));
    const to = step.value.to;
    const venue = to === 'PAPER' ? this.options.paperVenue : (input.venue ?? this.options.defaultLiveVenue);
    const holder = store.atStage(d.strategy, to);
    const changes: StateChange[] = [{ id: d.id, event: 'PROMOTED', stage: to, venue, capitalLimit: to === 'LIVE' ? capitalLimit : null, lastError: null }];
    if (holder) changes.push({ id: holder.id, event: 'RETIRE' });
    // The record changes first, through the state table, all or none: a refused step stops nothing.
    const applied = store.apply(changes, { deploymentId: d.id, kind: 'promote', fromStage: d.stage, toStage: to, superseded: holder?.id ?? null, approvedBy: input.approvedBy, note: input.note ?? null, backtest: step.value.backtest, previous: step.value.previous });
    if (!applied.ok) return fail(applied.error.code, JSON.stringify(applied.error));
    // Its paper book is simulated money: closed before it starts over on the live venue.
    this.stopInstance(d.id, `promoted to ${to.toLowerCase()}`, 'FLATTEN');
    if (holder) this.stopInstance(holder.id, `superseded by ${describeStrategyRef({ strategyId: d.strategy, version: d.version })}`);
    const promoted = store.get(d.id)!;
    const started = await this.startInstance(promoted, `promoted to ${to.toLowerCase()} by ${input.approvedBy}`);
    if (!started.ok) return started;
    this.event('PROMOTED', promoted, `${describeStrategyRef({ strategyId: d.strategy, version: d.version })} promoted ${d.stage.toLowerCase()} → ${to.toLowerCase()} by ${input.approvedBy}`);
    return ok(this.view(store.get(d.id)!));
  }

  /** One step back at a stage: the version the last promotion there replaced runs again; the current one is retired. */
  async rollback(strategy: string, stage: DeploymentStage): Promise<Outcome<StrategyDeploymentView>> {
    const { store } = this.options;
    const current = store.atStage(strategy, stage);
    const previousId = current ? store.lastSuperseded(strategy, stage, current.id) : null;
    const previous = previousId === null ? undefined : store.get(previousId);
    if (!current || !previous) return fail('NOTHING_TO_ROLL_BACK', `${strategy} has no earlier ${stage.toLowerCase()} version to roll back to`, { strategy, stage });
    const applied = store.apply(
      [
        { id: current.id, event: 'RETIRE' },
        { id: previous.id, event: 'RESTORE', lastError: null },
      ],
      { deploymentId: previous.id, kind: 'rollback', fromStage: stage, toStage: stage, superseded: current.id, approvedBy: 'rollback', note: `rolled back from ${describeStrategyRef({ strategyId: strategy, version: current.version })}`, backtest: null, previous: null },
    );
    if (!applied.ok) return fail(applied.error.code, JSON.stringify(applied.error));
    this.stopInstance(current.id, 'rolled back');
    const restored = store.get(previous.id)!;
    const started = await this.startInstance(restored, `restored by rollback of ${describeStrategyRef({ strategyId: strategy, version: current.version })}`);
    if (!started.ok) return started;
    this.event('ROLLED_BACK', restored, `${strategy} ${stage.toLowerCase()} rolled back to ${describeStrategyRef({ strategyId: strategy, version: previous.version })}`);
    return ok(this.view(restored));
  }

  pause(id: number): Outcome<StrategyDeploymentView> {
    return this.change(id, 'PAUSE', (r) => r?.live.pause(), 'PAUSED', 'paused');
  }

  async resume(id: number): Promise<Outcome<StrategyDeploymentView>> {
    const d = this.options.store.get(id);
    if (!d) return fail('UNKNOWN_DEPLOYMENT', `no deployment ${id}`, { id });
    const wasStopped = d.state === 'STOPPED';
    const changed = this.change(id, 'RESUME', (r) => r?.live.resume(), 'RESUMED', 'resumed');
    if (!changed.ok || !wasStopped) return changed;
    const started = await this.startInstance(this.options.store.get(id)!, 'resumed after a stop');
    return started.ok ? ok(this.view(this.options.store.get(id)!)) : started;
  }

  stop(id: number, policy?: StopPolicy): Outcome<StrategyDeploymentView> {
    return this.change(id, 'STOP', () => this.stopInstance(id, 'stopped by the trader', policy), 'STOPPED', `stopped (${policy ?? this.options.store.get(id)?.policy ?? ''})`);
  }

  private change(id: number, event: 'PAUSE' | 'RESUME' | 'STOP', act: (r: Running | undefined) => void, kind: StrategyEvent['kind'], what: string): Outcome<StrategyDeploymentView> {
    const { store } = this.options;
    const applied = store.apply([{ id, event }]);
    if (!applied.ok) return fail(applied.error.code, applied.error.code === 'UNKNOWN_DEPLOYMENT' ? `no deployment ${id}` : `a ${applied.error.state.toLowerCase()} deployment cannot ${event.toLowerCase()}`, { ...applied.error });
    act(this.running.get(id));
    const d = store.get(id)!;
    this.event(kind, d, `${describeStrategyRef({ strategyId: d.strategy, version: d.version })} ${what}`);
    return ok(this.view(d));
  }

  private async startInstance(d: DeploymentRow, reason: string): Promise<Outcome<Running>> {
    const loaded = await this.options.load(d.strategy);
    if (!loaded.ok) return fail(loaded.error.code, describeStrategyError(loaded.error));
    if (loaded.value.contentHash !== d.codeHash) {
      // The file changed since this version was deployed: running it would trade code nobody approved.
      return fail('STRATEGY_CODE_CHANGED', `${d.strategy}'s file no longer matches version ${d.version.slice(0, 10)} (code hash ${d.codeHash.slice(0, 10)}); deploy the new version instead`);
    }
    const venue = d.venue ?? this.options.paperVenue;
    const { node, scheduler, store, log } = this.options;
    const ref = { strategyId: d.strategy, version: d.version };
    const runId = store.startRun(d, venue);
    const live = new LiveStrategy({
      node,
      scheduler,
      definition: loaded.value.definition,
      params: d.params,
      symbols: d.symbols,
      initialCash: d.initialCash,
      ref,
      venue,
      policy: d.policy,
      capitalLimit: d.stage === 'LIVE' ? d.capitalLimit : null,
      barMs: d.barSeconds * 1000,
      guard: timeBudgetGuard(this.options.callbackBudgetMs),
      onFailure: (failure, outcome) => this.failed(d.id, failure, outcome),
      log: (message) => log.info(`strategy:${d.strategy}`, message),
    });
    const running = { live, runId };
    this.running.set(d.id, running);
    live.start();
    log.info('strategies', `${describeStrategyRef(ref)} ${d.stage.toLowerCase()} on ${venue}: ${reason}`);
    if (live.stopped) return fail('STRATEGY_FAILED_ON_START', `${describeStrategyRef(ref)} failed while starting`);
    this.event('STARTED', d, `${describeStrategyRef(ref)} running on ${venue}`);
    return ok(running);
  }

  private stopInstance(id: number, reason: string, policy?: StopPolicy): PolicyOutcome | null {
    const r = this.running.get(id);
    if (!r) return null;
    this.running.delete(id);
    const outcome = r.live.stop(policy);
    this.options.store.endRun(r.runId, reason, r.live.pnl());
    if (outcome.refused.length > 0) {
      const d = this.options.store.get(id);
      this.options.log.error('strategies', `${d ? describeStrategyRef({ strategyId: d.strategy, version: d.version }) : `deployment ${id}`} ${reason}: its ${outcome.policy.toLowerCase()} policy was refused ${outcome.refused.length} time(s) (${outcome.refused.map((e) => e.code).join(', ')}); check its orders and positions`);
    }
    return outcome;
  }

  /** Threw or hung: it is already stopped with its policy applied; record it and tell the trader. */
  private failed(id: number, failure: StrategyFailure, outcome: PolicyOutcome): void {
    const r = this.running.get(id);
    this.running.delete(id);
    const { store, log } = this.options;
    const why = `${failure.code === 'STRATEGY_TIMED_OUT' ? 'hung' : 'threw'} in ${failure.callback}: ${failure.strategyMessage}`;
    store.apply([{ id, event: 'FAIL', lastError: why }]);
    if (r) store.endRun(r.runId, `failed: ${why}`, r.live.pnl());
    const d = store.get(id)!;
    const applied = `${outcome.policy.toLowerCase()}: ${outcome.actions.cancel.length} canceled, ${outcome.closed.length} closing order(s)${outcome.refused.length > 0 ? `, ${outcome.refused.length} refused (${outcome.refused.map((e) => e.code).join(', ')})` : ''}`;
    log.error('strategies', `${describeStrategyRef({ strategyId: d.strategy, version: d.version })} stopped: it ${why}; policy ${applied}`, failure.strategyStack ?? undefined);
    this.event('FAILED', d, `stopped: it ${why}; ${applied}`);
  }

  private async evidence(d: DeploymentRow): Promise<{ backtest: StageMetrics | null; previous: StageMetrics | null }> {
    const backtest = await this.options.backtestEvidence(d.strategy, d.version);
    return { backtest, previous: d.stage === 'PAPER' ? this.paperMetrics(d) : null };
  }

  /** The version's paper record: its runs' P&L (the current one live) and the orders it sent. */
  private paperMetrics(d: DeploymentRow): StageMetrics | null {
    const runs = this.options.store.runs(d.id).filter((r) => r.stage === 'PAPER');
    if (runs.length === 0) return null;
    const current = this.running.get(d.id)?.live.pnl();
    let net = 0;
    let realized = 0;
    let hours = 0;
    for (const r of runs) {
      const pnl = r.endedAt === null ? current : r.pnl;
      net += pnl?.net ?? 0;
      realized += pnl?.realized ?? 0;
      hours += ((r.endedAt ?? this.options.now()) - r.startedAt) / 3_600_000;
    }
    const orders = this.options.node.core.oms.orders().filter((o) => o.strategy?.strategyId === d.strategy && o.strategy.version === d.version);
    return {
      stage: 'PAPER',
      source: `${runs.length} paper run(s) since ${new Date(runs[0]!.startedAt).toISOString()}`,
      values: { netPnl: net, realizedPnl: realized, hours, orders: orders.length, filledOrders: orders.filter((o) => o.filledQuantity > 0).length },
    };
  }

  private view(d: DeploymentRow): StrategyDeploymentView {
    const r = isActiveState(d.state) ? this.running.get(d.id) : undefined;
    return { ...d, pnl: r ? r.live.pnl() : null, positions: r ? r.live.positions() : [] };
  }

  private event(kind: StrategyEvent['kind'], d: DeploymentRow, message: string): void {
    const event: StrategyEvent = { kind, deploymentId: d.id, strategy: d.strategy, version: d.version, message, time: this.options.now() };
    this.options.bus.publish('strategies.events', event);
  }
}
