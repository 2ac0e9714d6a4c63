// Runs one strategy on a trading node: builds its context (portfolio, order methods, timers), delivers bars, quotes,
// fills and order updates to it, and stops the run with the strategy's own stack trace when it throws. Live, the same
// host stamps its orders with the strategy version and venue, keeps the strategy's own book, runs each callback
// through a guard that can stop a hang, and reports a failure instead of throwing into the OMS's event delivery.
import type { EpochMs } from '../model/clock';
import type { Fill } from '../model/fill';
import type { ClientOrderId } from '../model/ids';
import type { Bar, Quote } from '../model/marketData';
import { roundToIncrement } from '../model/instrument';
import { isTerminal, type Order, type OrderRequest } from '../model/order';
import type { Scheduler } from '../model/scheduler';
import type { AccountId } from '../model/ids';
import type { Result } from '../model/result';
import type { StrategyOrderRef } from '../model/strategyRef';
import type { PositionKeeper } from '../trading/positions';
import type { TradingNode } from '../trading/tradingNode';
import type { StrategyOrderDenial } from './strategy';
import type { ExecutionParent } from '../execution/parentOrder';
import type { ParamValues, Portfolio, StrategyBar, StrategyContext, StrategyDefinition, StrategyHandlers } from './strategy';
import { StrategyExecutions } from './strategyExecutions';

export type StrategyFailureCode = 'STRATEGY_THREW' | 'STRATEGY_TIMED_OUT';

/** Thrown out of the driver's loop when the strategy's own code throws (or overruns its time budget); carries its stack. */
export class StrategyFailure extends Error {
  constructor(
    readonly callback: string,
    readonly strategyMessage: string,
    readonly strategyStack: string | null,
    readonly code: StrategyFailureCode = 'STRATEGY_THREW',
  ) {
    super(code === 'STRATEGY_THREW' ? `the strategy threw in ${callback}: ${strategyMessage}` : `the strategy overran its time budget in ${callback}: ${strategyMessage}`);
  }
}

/** Runs one callback of the strategy's code; the live host's guard stops one that overruns its budget (throws a StrategyFailure). */
export type CallbackGuard = <T>(callback: string, run: () => T) => T;

/** A live deployment's order stamping, own book and pre-trade check. */
export interface LiveStrategyOptions {
  /** Every order the strategy sends carries this version (through to the journal and the blotter). */
  readonly strategy: StrategyOrderRef;
  /** The venue its orders go to (paper: the simulated exchange; live: a real venue); the node's route when absent. */
  readonly venue?: string;
  /** The strategy's own positions, fed with its own fills only: its portfolio, its P&L and its stop policy read these. */
  readonly book: PositionKeeper;
  readonly bookAccount: AccountId;
  /** Checked before the OMS sees an order (the live capital limit); a denial is returned to the strategy as is. */
  readonly preTrade?: (request: OrderRequest) => StrategyOrderDenial | null;
  readonly guard: CallbackGuard;
  /** Told once when the strategy throws or hangs; the host then delivers nothing more to it. */
  readonly onFailure: (failure: StrategyFailure) => void;
}

export interface StrategyHostOptions {
  readonly node: TradingNode;
  readonly scheduler: Scheduler;
  readonly definition: StrategyDefinition;
  readonly params: ParamValues;
  readonly symbols: readonly string[];
  /** Cash at the start, in the base currency. */
  readonly initialCash: number;
  readonly log?: (message: string) => void;
  /** Bars of a symbol opened in [from, to) that have closed by now: a VWAP's volume profile without a wait (backtests). */
  readonly pastBars?: (symbol: string, from: EpochMs, to: EpochMs) => readonly Bar[];
  /** Set for a deployment on the live node; absent in a backtest (the account is the strategy's). */
  readonly live?: LiveStrategyOptions;
}

interface CashIntent {
  readonly cash: number;
  readonly tag: string | undefined;
}

export class StrategyHost {
  private readonly handlers: StrategyHandlers;
  private readonly ours = new Set<ClientOrderId>();
  /** Execution parents this strategy sent (SMART orders, algorithms); their children are ours too. */
  private readonly executionsOf: StrategyExecutions;
  private readonly pendingCash = new Map<string, CashIntent[]>();
  /** Our orders by symbol, pruned of finished ones when read: the OMS's live objects, so their status is current. */
  private readonly oursBySymbol = new Map<string, Set<Readonly<Order>>>();
  /** Orders risk refused, with the reason: a research run records every one. */
  readonly denials: { time: number; symbol: string; side: string; quantity: number; code: string; detail: string }[] = [];
  private cashBase: number;
  private readonly unsubscribe: () => void;
  /** Failed (live) or disposed: nothing more reaches the strategy's code. */
  private silenced = false;
  /** Where positions are read: the node's account in a backtest, the strategy's own book live. */
  private readonly keeper: PositionKeeper;
  private readonly account: AccountId;

  constructor(private readonly options: StrategyHostOptions) {
    this.cashBase = options.initialCash;
    const { node, live } = options;
    this.keeper = live ? live.book : node.core.positions;
    this.executionsOf = new StrategyExecutions({
      node,
      owner: live ? { strategy: live.strategy, venue: live.venue ?? null } : undefined,
      pastBars: options.pastBars,
      preTrade: (request) => this.preTradeDenial(request),
      deny: (symbol, side, quantity, error) => this.denials.push({ time: node.clock.now(), symbol, side, quantity, code: error.code, detail: JSON.stringify(error) }),
    });
    this.account = live ? live.bookAccount : node.core.oms.account;
    this.unsubscribe = node.core.oms.subscribe((event) => {
      if (event.kind === 'FILL') {
        const ours = this.ours.has(event.fill.clientOrderId);
        // Live, the account holds the trader's and other strategies' fills too: only ours move our cash and book.
        if (live && !ours) return;
        if (live) live.book.applyFill({ ...event.fill, account: live.bookAccount });
        this.book(event.fill);
        if (ours) this.call('onFill', (h) => h.onFill?.(event.fill));
      } else if (event.kind === 'ORDER_UPDATED') {
        const id = event.order.clientOrderId;
        // A child the desk sent for one of our parents is ours (its fills move our book), as the live order.
        if (!this.ours.has(id) && event.order.parentId !== null && this.executionsOf.has(event.order.parentId)) {
          const order = node.core.oms.order(id);
          if (order) this.own(order);
        }
        if (this.ours.has(id)) this.call('onOrder', (h) => h.onOrder?.(event.order));
      }
    });
    const context = this.context();
    this.handlers = this.call('create', () => options.definition.create(options.params, context)) ?? {};
  }

  /** Stops delivering anything to the strategy and leaves the OMS's event delivery (live: stop, rollback, failure). */
  dispose(): void {
    this.silenced = true;
    this.unsubscribe();
  }

  get stopped(): boolean {
    return this.silenced;
  }

  /**
   * An order this version sent in an earlier run (replayed from the journal after a restart or a rollback): it is ours
   * again, and what filled of it is in our book and cash, so the strategy and its stop policy see its real position.
   */
  adopt(order: Readonly<Order>, filled: Fill | null): void {
    if (!isTerminal(order.status)) this.own(order);
    else this.ours.add(order.clientOrderId);
    const live = this.options.live;
    if (!filled || !live) return;
    live.book.applyFill({ ...filled, account: live.bookAccount });
    this.book(filled);
  }

  /** Ids of every order this strategy sent. */
  ownsOrder(id: ClientOrderId): boolean {
    return this.ours.has(id);
  }

  /** Execution parents this strategy sent, oldest first. */
  executions(): readonly Readonly<ExecutionParent>[] {
    return this.executionsOf.list();
  }

  /** Cancels every parent of ours still working (a stopped deployment's); the codes of what the desk refused. */
  cancelExecutions(): string[] {
    return this.executionsOf.cancelWorking();
  }

  /** Pauses every working parent of ours (a paused deployment's); the codes of what the desk refused. */
  pauseExecutions(): string[] {
    return this.executionsOf.pauseWorking();
  }

  /** Resumes every paused parent of ours (a resumed deployment's); the codes of what the desk refused. */
  resumeExecutions(): string[] {
    return this.executionsOf.resumePaused();
  }

  readonly portfolio: Portfolio = {
    position: (symbol) => this.keeper.quantity(this.account, symbol),
    averageCost: (symbol) => this.keeper.position(this.account, symbol)?.averageCost ?? 0,
    cash: () => this.cashBase,
    equity: () => this.cashBase + this.marketValue(),
    mark: (symbol) => this.keeper.position(this.account, symbol)?.markPrice ?? this.marks.get(symbol) ?? NaN,
  };

  /** Latest closes, for symbols the strategy holds no position in (the position keeper marks only positions). */
  private readonly marks = new Map<string, number>();

  start(): void {
    this.call('onStart', (h) => h.onStart?.());
    this.options.node.flush();
  }

  stop(): void {
    this.call('onStop', (h) => h.onStop?.());
    this.options.node.flush();
  }

  onBar(bar: StrategyBar): void {
    this.marks.set(bar.symbol, bar.close);
    // The hot path: no closure per bar (call() does the same).
    const onBar = this.handlers.onBar;
    if (!onBar) return;
    if (this.options.live) {
      this.call('onBar', (h) => h.onBar?.(bar));
      return;
    }
    try {
      onBar.call(this.handlers, bar);
    } catch (error) {
      throw failure('onBar', error);
    }
  }

  onBarsClosed(time: EpochMs): void {
    this.call('onBarsClosed', (h) => h.onBarsClosed?.(time));
    this.options.node.flush();
  }

  onQuote(quote: Quote): void {
    this.call('onQuote', (h) => h.onQuote?.(quote));
  }

  hasCashOrders(symbol: string): boolean {
    return (this.pendingCash.get(symbol)?.length ?? 0) > 0;
  }

  /** The symbol's next open: cash orders become market orders for floor(cash / open) lots, before that open trades. */
  releaseCashOrders(symbol: string, open: number): void {
    const intents = this.pendingCash.get(symbol);
    if (!intents || intents.length === 0) return;
    this.pendingCash.delete(symbol);
    const instrument = this.options.node.core.instrument(symbol);
    if (!instrument || !(open > 0)) return;
    const lot = instrument.lotSize;
    for (const intent of intents) {
      const lots = Math.floor(intent.cash / (open * instrument.multiplier * lot) + 1e-9);
      if (lots <= 0) continue;
      const request: OrderRequest = { symbol, side: 'BUY', type: 'MARKET', quantity: roundToIncrement(lots * lot, lot), timeInForce: 'DAY', ...(intent.tag ? { tag: intent.tag } : {}) };
      this.submitOurs(request);
    }
    this.options.node.flush();
  }

  private context(): StrategyContext {
    const { node, scheduler, symbols } = this.options;
    const oms = node.core.oms;
    return {
      symbols: [...symbols],
      portfolio: this.portfolio,
      now: () => node.clock.now(),
      submit: (request) => this.submitOurs(request),
      submitBracket: (request) => {
        const denied = this.preTradeDenial(request.entry);
        if (denied) return denied;
        const result = oms.submitBracket({ ...request, entry: this.stamp(request.entry) });
        if (result.ok) this.own(result.value);
        else this.denials.push({ time: node.clock.now(), symbol: request.entry.symbol, side: request.entry.side, quantity: request.entry.quantity, code: result.error.code, detail: JSON.stringify(result.error) });
        return result;
      },
      // Live, the account holds the trader's and other strategies' orders too: a strategy touches only its own.
      modify: (id, modification) => (this.options.live && !this.ours.has(id) ? { ok: false, error: { code: 'UNKNOWN_ORDER', clientOrderId: id } } : oms.modify(id, modification)),
      cancel: (id) => (this.options.live && !this.ours.has(id) ? { ok: false, error: { code: 'UNKNOWN_ORDER', clientOrderId: id } } : oms.cancel(id)),
      cancelAll: (symbol) => {
        if (!this.options.live) return void oms.cancelAll(symbol);
        for (const order of symbol === undefined ? oms.workingOrders().filter((o) => this.ours.has(o.clientOrderId)) : this.workingOf(symbol)) oms.cancel(order.clientOrderId);
      },
      workingOrders: (symbol) => (symbol === undefined ? oms.workingOrders().filter((o) => this.ours.has(o.clientOrderId)) : this.workingOf(symbol)),
      pendingCash: (symbol) => {
        let total = 0;
        if (symbol !== undefined) {
          for (const i of this.pendingCash.get(symbol) ?? NO_INTENTS) total += i.cash;
          return total;
        }
        for (const intents of this.pendingCash.values()) for (const i of intents) total += i.cash;
        return total;
      },
      buyWithCash: (symbol, cash, tag) => {
        if (!(cash > 0) || !Number.isFinite(cash)) return;
        const list = this.pendingCash.get(symbol);
        if (list) list.push({ cash, tag });
        else this.pendingCash.set(symbol, [{ cash, tag }]);
      },
      setTimer: (name, time) => {
        scheduler.at(time, () => {
          if (this.silenced) return;
          this.call('onTimer', (h) => h.onTimer?.(name, time));
          node.flush();
        });
      },
      execute: (request) => this.executionsOf.execute(request),
      cancelExecution: (parentId) => this.executionsOf.cancel(parentId),
      executions: (symbol) => this.executionsOf.list(symbol),
      log: (message) => this.options.log?.(message),
    };
  }

  private own(order: Readonly<Order>): void {
    this.ours.add(order.clientOrderId);
    const set = this.oursBySymbol.get(order.symbol);
    if (set) set.add(order);
    else this.oursBySymbol.set(order.symbol, new Set([order]));
  }

  /** Our orders on the symbol not yet finished, in the order they were placed (as the OMS lists them). */
  private workingOf(symbol: string): readonly Readonly<Order>[] {
    const set = this.oursBySymbol.get(symbol);
    if (!set || set.size === 0) return NO_ORDERS;
    const out: Readonly<Order>[] = [];
    for (const order of set) {
      if (isTerminal(order.status)) set.delete(order);
      else out.push(order);
    }
    return out.length > 0 ? out : NO_ORDERS;
  }

  /** A live deployment's version and venue on the request; a backtest's request as the strategy wrote it. */
  private stamp(request: OrderRequest): OrderRequest {
    const live = this.options.live;
    if (!live) return request;
    return { ...request, strategy: live.strategy, ...(live.venue !== undefined ? { venue: live.venue } : {}) };
  }

  private preTradeDenial(request: OrderRequest): Result<never, StrategyOrderDenial> | null {
    const denial = this.options.live?.preTrade?.(request) ?? null;
    if (!denial) return null;
    this.denials.push({ time: this.options.node.clock.now(), symbol: request.symbol, side: request.side, quantity: request.quantity, code: denial.code, detail: JSON.stringify(denial) });
    return { ok: false, error: denial };
  }

  private submitOurs(request: OrderRequest) {
    const denied = this.preTradeDenial(request);
    if (denied) return denied;
    const result = this.options.node.core.oms.submit(this.stamp(request));
    if (result.ok) this.own(result.value);
    else this.denials.push({ time: this.options.node.clock.now(), symbol: request.symbol, side: request.side, quantity: request.quantity, code: result.error.code, detail: JSON.stringify(result.error) });
    return result;
  }

  /** Cash moves with every fill: what was paid or received, and the commission, in the base currency. */
  private book(fill: Fill): void {
    const { core } = this.options.node;
    const instrument = core.instrument(fill.symbol);
    if (!instrument) return;
    const value = fill.quantity * fill.price * instrument.multiplier;
    const inBase = core.fx.convert(fill.side === 'BUY' ? -value : value, instrument.currency) ?? NaN;
    const commission = core.fx.convert(fill.commission, fill.commissionCurrency) ?? NaN;
    this.cashBase += inBase - commission;
  }

  private marketValue(): number {
    const { core } = this.options.node;
    let total = 0;
    for (const p of core.positions.positions()) {
      if (p.quantity === 0) continue;
      const instrument = core.instrument(p.symbol);
      const mark = p.markPrice ?? this.marks.get(p.symbol) ?? p.averageCost;
      if (!instrument) continue;
      total += core.fx.convert(p.quantity * mark * instrument.multiplier, instrument.currency) ?? NaN;
    }
    return total;
  }

  /** Runs the strategy's code; live, through the guard, and a failure is reported once (never thrown into the OMS). */
  private call<T>(callback: string, run: (handlers: StrategyHandlers) => T): T | undefined {
    const live = this.options.live;
    if (!live) {
      try {
        return run(this.handlers);
      } catch (error) {
        throw failure(callback, error);
      }
    }
    if (this.silenced) return undefined;
    try {
      return live.guard(callback, () => run(this.handlers));
    } catch (error) {
      this.dispose();
      live.onFailure(failure(callback, error));
      return undefined;
    }
  }
}

const NO_ORDERS: readonly Readonly<Order>[] = Object.freeze([]);
const NO_INTENTS: readonly CashIntent[] = Object.freeze([]);

/** What the strategy threw, as the failure that stops its run (a failure from a nested callback passes through). */
function failure(callback: string, error: unknown): StrategyFailure {
  if (error instanceof StrategyFailure) return error;
  const e = error instanceof Error ? error : new Error(String(error));
  return new StrategyFailure(callback, e.message, e.stack ?? null);
}
