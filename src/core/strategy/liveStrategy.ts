// One deployed strategy version on the live trading node: the same StrategyHost a backtest uses, fed with quotes and
// with bars built from them, its orders stamped with its version and venue, its own book (positions and P&L from its
// fills only), a capital limit checked before each order, and its stop policy applied when it is stopped or fails.
import type { Quote } from '../model/marketData';
import { remainingQuantity, type Order, type OrderRequest } from '../model/order';
import type { Scheduler } from '../model/scheduler';
import { sameStrategyRef, type StrategyOrderRef } from '../model/strategyRef';
import type { Fill } from '../model/fill';
import { BarBuilder } from '../market/barBuilder';
import { markOf, PositionKeeper } from '../trading/positions';
import type { OmsError } from '../trading/omsTypes';
import type { TradingNode } from '../trading/tradingNode';
import type { ExecutionParent } from '../execution/parentOrder';
import type { StopPolicy } from './deploymentLifecycle';
import { stopPolicyActions, type StopPolicyActions } from './stopPolicy';
import type { ParamValues, StrategyDefinition, StrategyOrderDenial } from './strategy';
import { StrategyHost, type CallbackGuard, type StrategyFailure } from './strategyHost';

export interface LiveStrategyConfig {
  readonly node: TradingNode;
  readonly scheduler: Scheduler;
  readonly definition: StrategyDefinition;
  readonly params: ParamValues;
  readonly symbols: readonly string[];
  readonly initialCash: number;
  readonly ref: StrategyOrderRef;
  /** Paper: the simulated exchange; live: the chosen real venue. */
  readonly venue: string;
  readonly policy: StopPolicy;
  /** Gross exposure the strategy may hold, in the base currency; null for no limit (paper). */
  readonly capitalLimit: number | null;
  readonly barMs: number;
  readonly guard: CallbackGuard;
  /** The strategy threw or overran its budget: it is stopped and its policy already applied. */
  readonly onFailure: (failure: StrategyFailure, outcome: PolicyOutcome) => void;
  readonly log?: (message: string) => void;
}

/** What applying a stop policy did: orders canceled, closing orders sent, and anything the OMS refused. */
export interface PolicyOutcome {
  readonly policy: StopPolicy;
  readonly actions: StopPolicyActions;
  readonly closed: readonly Readonly<Order>[];
  readonly refused: readonly OmsError[];
}

export interface LiveStrategyPnl {
  readonly realized: number;
  readonly unrealized: number;
  readonly commissions: number;
  readonly net: number;
}

export class LiveStrategy {
  /** The strategy's own positions, as the account it never shares. */
  readonly book: PositionKeeper;
  readonly bookAccount: string;
  private readonly host: StrategyHost;
  private readonly builders = new Map<string, BarBuilder>();
  private readonly symbols: ReadonlySet<string>;
  /** Bar open time → how many of its symbols closed a bar there (onBarsClosed once all have). */
  private readonly closedAt = new Map<number, number>();
  private readonly lastPrice = new Map<string, number>();
  private paused = false;
  private ended = false;

  constructor(private readonly config: LiveStrategyConfig) {
    const { node } = config;
    this.bookAccount = `strategy:${config.ref.strategyId}@${config.ref.version}`;
    this.book = new PositionKeeper(node.core.instrument, node.core.fx);
    this.symbols = new Set(config.symbols);
    for (const symbol of config.symbols) this.builders.set(symbol, new BarBuilder(config.barMs));
    this.host = new StrategyHost({
      node,
      scheduler: config.scheduler,
      definition: config.definition,
      params: config.params,
      symbols: config.symbols,
      initialCash: config.initialCash,
      ...(config.log ? { log: config.log } : {}),
      live: {
        strategy: config.ref,
        venue: config.venue,
        book: this.book,
        bookAccount: this.bookAccount,
        preTrade: (request) => this.capitalDenial(request),
        guard: config.guard,
        onFailure: (failure) => this.failed(failure),
      },
    });
  }

  get running(): boolean {
    return !this.ended && !this.paused;
  }

  get stopped(): boolean {
    return this.ended;
  }

  /**
   * Takes back what this version sent before on its venue (every order carries its version, so across restarts and
   * rollbacks its net position is exact), then starts it. Each earlier order counts once, at its average fill price.
   */
  start(): void {
    const { node, ref, venue } = this.config;
    const oms = node.core.oms;
    for (const order of oms.orders()) {
      // Only this stage's book: a version promoted from paper leaves its simulated trades behind.
      if (!sameStrategyRef(order.strategy, ref) || oms.store.runtimeOf(order.clientOrderId).venue !== venue) continue;
      const filled: Fill | null =
        order.filledQuantity > 0
          ? { executionId: `adopted:${order.clientOrderId}`, clientOrderId: order.clientOrderId, venueOrderId: order.venueOrderId ?? '', account: order.account, symbol: order.symbol, side: order.side, quantity: order.filledQuantity, price: order.averageFillPrice, commission: order.commission, commissionCurrency: node.core.instrument(order.symbol)?.currency ?? 'USD', liquidity: 'TAKER', time: order.updatedAt }
          : null;
      this.host.adopt(order, filled);
    }
    this.host.start();
  }

  /** Nothing more reaches the strategy, and its execution parents stop working (their algorithms stop slicing). */
  pause(): void {
    this.paused = true;
    if (this.ended) return;
    const refused = this.host.pauseExecutions();
    if (refused.length > 0) this.config.log?.(`pausing its execution parents: ${refused.length} refused (${refused.join(', ')})`);
  }

  /**
   * The app is stopping: nothing more reaches the strategy, and its execution parents are left as they are, to be
   * saved and restored working (a pause here would bring them back paused under a running deployment).
   */
  detach(): void {
    this.paused = true;
  }

  /** The strategy runs again, and so do its paused execution parents. */
  resume(): void {
    this.paused = false;
    if (this.ended) return;
    const refused = this.host.resumeExecutions();
    if (refused.length > 0) this.config.log?.(`resuming its execution parents: ${refused.length} refused (${refused.join(', ')})`);
  }

  /** Every quote of the node: marks its book always; reaches the strategy (and its bars) while it runs. */
  onQuote(quote: Quote): void {
    if (this.ended || !this.symbols.has(quote.symbol)) return;
    this.book.onQuote(quote);
    const mark = markOf(quote);
    if (mark !== null) this.lastPrice.set(quote.symbol, mark);
    if (this.paused) return;
    if (this.host.hasCashOrders(quote.symbol) && quote.last > 0) this.host.releaseCashOrders(quote.symbol, quote.last);
    this.host.onQuote(quote);
    const bar = this.builders.get(quote.symbol)?.push(quote);
    if (!bar || this.host.stopped) return;
    this.host.onBar({ ...bar, symbol: quote.symbol });
    const closed = (this.closedAt.get(bar.time) ?? 0) + 1;
    if (closed < this.symbols.size) {
      this.closedAt.set(bar.time, closed);
      return;
    }
    this.closedAt.delete(bar.time);
    for (const time of this.closedAt.keys()) if (time < bar.time) this.closedAt.delete(time);
    this.host.onBarsClosed(bar.time);
  }

  /** The trader stops it (or a rollback retires it): onStop runs, then the policy is applied. */
  stop(policy: StopPolicy = this.config.policy): PolicyOutcome {
    if (!this.ended && !this.host.stopped) this.host.stop();
    return this.end(policy);
  }

  pnl(): LiveStrategyPnl {
    const p = this.book.pnl();
    return { realized: p.realizedPnlBase, unrealized: p.unrealizedPnlBase, commissions: p.commissionsBase, net: p.netPnlBase };
  }

  positions(): { symbol: string; quantity: number }[] {
    return this.book
      .positions()
      .filter((p) => p.quantity !== 0)
      .map((p) => ({ symbol: p.symbol, quantity: p.quantity }));
  }

  workingOrders(): Readonly<Order>[] {
    return this.config.node.core.oms.workingOrders().filter((o) => this.host.ownsOrder(o.clientOrderId));
  }

  /** Its execution parents (SMART orders and algorithms it sent), oldest first. */
  executions(): readonly Readonly<ExecutionParent>[] {
    return this.host.executions();
  }

  private failed(failure: StrategyFailure): void {
    const outcome = this.end(this.config.policy);
    this.config.onFailure(failure, outcome);
  }

  private end(policy: StopPolicy): PolicyOutcome {
    if (this.ended) return { policy, actions: { cancel: [], close: [] }, closed: [], refused: [] };
    this.ended = true;
    this.host.dispose();
    const { node, ref, venue } = this.config;
    const oms = node.core.oms;
    // Its execution parents stop working first; their children are cancelled by the desk, not by the policy.
    this.host.cancelExecutions();
    const byDesk = new Set(this.host.executions().map((p) => p.id));
    const actions = stopPolicyActions(policy, this.workingOrders().filter((o) => o.parentId === null || !byDesk.has(o.parentId)), this.positions());
    const refused: OmsError[] = [];
    const closed: Readonly<Order>[] = [];
    for (const id of actions.cancel) {
      const r = oms.cancel(id);
      if (!r.ok) refused.push(r.error);
    }
    for (const request of actions.close) {
      const r = oms.submit({ ...request, strategy: ref, venue });
      if (r.ok) closed.push(r.value);
      else refused.push(r.error);
    }
    // The closing fills still belong to the strategy's book: follow them after the host stopped listening.
    if (closed.length > 0) {
      const ids = new Set(closed.map((o) => o.clientOrderId));
      const unsubscribe = oms.subscribe((event) => {
        if (event.kind === 'FILL' && ids.has(event.fill.clientOrderId)) this.book.applyFill({ ...event.fill, account: this.bookAccount });
        if (event.kind === 'ORDER_UPDATED' && ids.has(event.order.clientOrderId) && (event.order.status === 'Filled' || event.order.status === 'Canceled' || event.order.status === 'Rejected' || event.order.status === 'Expired')) {
          ids.delete(event.order.clientOrderId);
          if (ids.size === 0) unsubscribe();
        }
      });
    }
    node.flush();
    return { policy, actions, closed, refused };
  }

  /**
   * The live capital limit, on the worst case: per symbol, the larger of everything long (position plus working buys)
   * and everything short, at the latest price. An order that takes that gross above the limit is refused before the
   * OMS; one that does not increase it (an exit) always passes.
   */
  private capitalDenial(request: OrderRequest): StrategyOrderDenial | null {
    const limit = this.config.capitalLimit;
    if (limit === null) return null;
    const { core } = this.config.node;
    const sides = new Map<string, { long: number; short: number }>();
    const side = (symbol: string) => {
      let s = sides.get(symbol);
      if (!s) sides.set(symbol, (s = { long: 0, short: 0 }));
      return s;
    };
    for (const p of this.book.positions()) {
      if (p.quantity > 0) side(p.symbol).long += p.quantity;
      else side(p.symbol).short -= p.quantity;
    }
    for (const o of this.workingOrders()) {
      const rest = remainingQuantity(o);
      if (o.side === 'BUY') side(o.symbol).long += rest;
      else side(o.symbol).short += rest;
    }
    const gross = (extra: { symbol: string; long: number; short: number } | null): number => {
      let total = 0;
      const symbols = new Set([...sides.keys(), ...(extra ? [extra.symbol] : [])]);
      for (const symbol of symbols) {
        const s = sides.get(symbol) ?? { long: 0, short: 0 };
        const long = s.long + (extra?.symbol === symbol ? extra.long : 0);
        const short = s.short + (extra?.symbol === symbol ? extra.short : 0);
        const instrument = core.instrument(symbol);
        const price = (symbol === request.symbol ? (request.limitPrice ?? request.stopPrice) : undefined) ?? this.lastPrice.get(symbol) ?? this.book.position(this.bookAccount, symbol)?.averageCost;
        if (!instrument || price === undefined) return Infinity;
        total += Math.abs(core.fx.convert(Math.max(long, short) * price * instrument.multiplier, instrument.currency) ?? Infinity);
      }
      return total;
    };
    const before = gross(null);
    const exposure = gross({ symbol: request.symbol, long: request.side === 'BUY' ? request.quantity : 0, short: request.side === 'SELL' ? request.quantity : 0 });
    if (exposure <= limit || exposure <= before) return null;
    return { code: 'STRATEGY_CAPITAL_EXCEEDED', strategyId: this.config.ref.strategyId, exposure, capitalLimit: limit };
  }
}
