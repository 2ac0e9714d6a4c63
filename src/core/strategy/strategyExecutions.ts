// A strategy's SMART orders and algorithms on its node's execution desk: ctx.execute checked by the API's schema
// (refusals with the desk's codes, each recorded as a denial), its parents kept in the order sent (those an earlier
// run left working taken back), paused and resumed with the deployment, cancelled on a stop.
import type { EpochMs } from '../model/clock';
import type { ClientOrderId } from '../model/ids';
import type { Bar } from '../model/marketData';
import type { OrderRequest } from '../model/order';
import type { Result } from '../model/result';
import { sameStrategyRef } from '../model/strategyRef';
import type { TradingNode } from '../trading/tradingNode';
import type { ExecutionError } from '../execution/executionErrors';
import { parseExecutionRequest } from '../execution/executionRequest';
import type { ExecutionOwner, ExecutionParent } from '../execution/parentOrder';
import type { StrategyExecutionError, StrategyOrderDenial } from './strategy';

export interface StrategyExecutionsOptions {
  readonly node: TradingNode;
  /** A live deployment's version and venue; absent in a backtest. */
  readonly owner: ExecutionOwner | undefined;
  /** Closed bars for a VWAP's profile without a wait (backtests). */
  readonly pastBars: ((symbol: string, from: EpochMs, to: EpochMs) => readonly Bar[]) | undefined;
  /** The deployment's own check of the whole parent (its capital limit); records its denial itself. */
  readonly preTrade: (request: OrderRequest) => Result<never, StrategyOrderDenial> | null;
  readonly deny: (symbol: string, side: string, quantity: number, error: StrategyExecutionError) => void;
}

export class StrategyExecutions {
  /** The desk's live objects, oldest first. */
  private readonly parents = new Map<ClientOrderId, Readonly<ExecutionParent>>();

  constructor(private readonly options: StrategyExecutionsOptions) {
    // A live deployment's parents still working from an earlier run (restored by the desk at a restart) are its own:
    // its pause, resume and stop reach them too.
    const { owner } = options;
    if (!owner?.strategy) return;
    for (const parent of options.node.execution.parents()) {
      const mine = sameStrategyRef(parent.owner?.strategy, owner.strategy) && (parent.owner?.venue ?? null) === owner.venue;
      if (mine && (parent.status === 'WORKING' || parent.status === 'PAUSED')) this.parents.set(parent.id, parent);
    }
  }

  has(parentId: ClientOrderId): boolean {
    return this.parents.has(parentId);
  }

  list(symbol?: string): readonly Readonly<ExecutionParent>[] {
    const all = [...this.parents.values()];
    return symbol === undefined ? all : all.filter((p) => p.symbol === symbol);
  }

  execute(input: unknown): Result<Readonly<ExecutionParent>, StrategyExecutionError> {
    const { node, owner, pastBars } = this.options;
    const parsed = parseExecutionRequest(input);
    if (!parsed.ok) {
      const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
      this.options.deny(String(raw.symbol ?? ''), String(raw.side ?? ''), Number(raw.quantity ?? NaN), parsed.error);
      return parsed;
    }
    const request = parsed.value;
    const asOrder: OrderRequest = { symbol: request.symbol, side: request.side, type: request.limitPrice === null ? 'MARKET' : 'LIMIT', quantity: request.quantity, timeInForce: 'DAY', ...(request.limitPrice !== null ? { limitPrice: request.limitPrice } : {}) };
    const denied = this.options.preTrade(asOrder);
    if (denied) return denied;
    const result = pastBars ? node.execution.submitWithBars(request, pastBars, owner) : node.execution.submit(request, owner);
    if (!result.ok) {
      this.options.deny(request.symbol, request.side, request.quantity, result.error);
      return result;
    }
    this.parents.set(result.value.id, result.value);
    return result;
  }

  /** Only this strategy's parents: another's id is unknown to it. */
  cancel(parentId: ClientOrderId): Result<Readonly<ExecutionParent>, ExecutionError> {
    return this.parents.has(parentId) ? this.options.node.execution.cancel(parentId) : { ok: false, error: { code: 'UNKNOWN_PARENT', parentId } };
  }

  /** Pauses every working parent (a paused deployment's: its algorithms stop slicing); the codes of what the desk refused. */
  pauseWorking(): string[] {
    return this.each('WORKING', (id) => this.options.node.execution.pause(id));
  }

  /**
   * Resumes every paused parent (a resumed deployment's), those the deployment's pause paused and any paused on its
   * own, since a restart cannot tell them apart; the codes of what the desk refused.
   */
  resumePaused(): string[] {
    return this.each('PAUSED', (id) => this.options.node.execution.resume(id));
  }

  private each(status: 'WORKING' | 'PAUSED', act: (id: ClientOrderId) => Result<unknown, ExecutionError>): string[] {
    const refused: string[] = [];
    for (const parent of this.parents.values()) {
      if (parent.status !== status) continue;
      const r = act(parent.id);
      if (!r.ok) refused.push(r.error.code);
    }
    return refused;
  }

  /** Cancels every parent still working (a stopped deployment's); the codes of what the desk refused. */
  cancelWorking(): string[] {
    const refused: string[] = [];
    for (const parent of this.parents.values()) {
      if (parent.status !== 'WORKING' && parent.status !== 'PAUSED') continue;
      const r = this.options.node.execution.cancel(parent.id);
      if (!r.ok) refused.push(r.error.code);
    }
    return refused;
  }
}
