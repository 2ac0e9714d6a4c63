// The strategy API: one module shape for backtest, paper and live. A strategy sees bars, quotes, its fills and
// orders, and trades through order methods identical to the OMS's, so every order passes pre-trade risk.
import type { EpochMs } from '../model/clock';
import type { Fill } from '../model/fill';
import type { ClientOrderId } from '../model/ids';
import type { Bar, Quote } from '../model/marketData';
import type { BracketRequest, Order, OrderModification, OrderRequest } from '../model/order';
import type { Result } from '../model/result';
import type { OmsError } from '../trading/omsTypes';
import type { ExecutionRequest } from '../execution/executionDesk';
import type { ExecutionError } from '../execution/executionErrors';
import type { ExecutionParent } from '../execution/parentOrder';

/** An order a live deployment's own limits refused before the OMS saw it. */
export type StrategyOrderDenial = { readonly code: 'STRATEGY_CAPITAL_EXCEEDED'; readonly strategyId: string; readonly exposure: number; readonly capitalLimit: number };

/** What a strategy's order methods can answer: the OMS's refusals (pre-trade risk …) or its deployment's. */
export type StrategyOrderError = OmsError | StrategyOrderDenial;

/** What ctx.execute can answer: the execution desk's refusals (the API's execution.submit codes) or its deployment's. */
export type StrategyExecutionError = ExecutionError | StrategyOrderDenial;

/** A numeric parameter: its default and the range a run or a sweep may set it to. */
export interface ParamSpec {
  readonly default: number;
  readonly min?: number;
  readonly max?: number;
  /** Whole numbers only (periods, counts). */
  readonly integer?: boolean;
  readonly description?: string;
}

export type ParamSpecs = Readonly<Record<string, ParamSpec>>;
export type ParamValues<S extends ParamSpecs = ParamSpecs> = { readonly [K in keyof S]: number };

/** A bar of one symbol, delivered at its close. */
export interface StrategyBar extends Bar {
  readonly symbol: string;
}

export interface StrategyHandlers {
  onStart?(): void;
  /** Each symbol's bar at its close, before any order placed here can trade. */
  onBar?(bar: StrategyBar): void;
  /** After every symbol's bar closing at `time` was delivered: cross-sectional decisions go here. */
  onBarsClosed?(time: EpochMs): void;
  onQuote?(quote: Quote): void;
  onFill?(fill: Fill): void;
  onOrder?(order: Readonly<Order>): void;
  onTimer?(name: string, time: EpochMs): void;
  onStop?(): void;
}

export interface Portfolio {
  /** Signed quantity. */
  position(symbol: string): number;
  averageCost(symbol: string): number;
  /** Cash in the base currency: starting cash less what fills paid, plus what they received, less commissions. */
  cash(): number;
  /** Cash plus every position at its mark, in the base currency. */
  equity(): number;
  /** The latest mark (close, or quote mid) of a symbol; NaN before the first. */
  mark(symbol: string): number;
}

export interface StrategyContext {
  /** The symbols this run trades, in the order given. */
  readonly symbols: readonly string[];
  readonly portfolio: Portfolio;
  now(): EpochMs;
  submit(request: OrderRequest): Result<Readonly<Order>, StrategyOrderError>;
  submitBracket(request: BracketRequest): Result<Readonly<Order>, StrategyOrderError>;
  modify(id: ClientOrderId, modification: OrderModification): Result<Readonly<Order>, OmsError>;
  cancel(id: ClientOrderId): Result<Readonly<Order>, OmsError>;
  cancelAll(symbol?: string): void;
  /** This strategy's orders still working (of one symbol, when given). */
  workingOrders(symbol?: string): readonly Readonly<Order>[];
  /** Cash orders placed and not yet sized at an open (of one symbol, when given). */
  pendingCash(symbol?: string): number;
  /**
   * A market buy for a cash amount, sized when it trades as IB's cashQty is: at the symbol's next open it becomes
   * a market order for floor(cash / open) lots. The strategy never sees that open before it trades.
   */
  buyWithCash(symbol: string, cash: number, tag?: string): void;
  /**
   * Works an order by SMART or an algorithm (TWAP, VWAP, POV, iceberg) on the node's execution desk, live and in a
   * backtest alike: the request and the refusals are the API's execution.submit's (checked by the same schema), and
   * every child passes pre-trade risk. A VWAP without a volume profile takes one from the run's bars of the last 20
   * days (backtests; live, give `volumeProfile`). The parent is returned as it stands; it keeps moving as children fill.
   */
  execute(request: ExecutionRequest): Result<Readonly<ExecutionParent>, StrategyExecutionError>;
  /** Cancels one of this strategy's parents: its working children are cancelled, then it is CANCELED. */
  cancelExecution(parentId: ClientOrderId): Result<Readonly<ExecutionParent>, ExecutionError>;
  /** This strategy's execution parents (of one symbol, when given), oldest first, as they stand now. */
  executions(symbol?: string): readonly Readonly<ExecutionParent>[];
  /** Runs onTimer(name) once at `time`. */
  setTimer(name: string, time: EpochMs): void;
  log(message: string): void;
}

export interface StrategyDefinition<S extends ParamSpecs = ParamSpecs> {
  readonly name: string;
  readonly description?: string;
  readonly params: S;
  create(params: ParamValues<S>, ctx: StrategyContext): StrategyHandlers;
}

/** Identity, for type inference in strategy files: `export default defineStrategy({ … })`. */
export function defineStrategy<S extends ParamSpecs>(definition: StrategyDefinition<S>): StrategyDefinition<S> {
  return definition;
}

export { CashSleeves } from './sleeves';
export type { ExecutionRequest, ExecutionStyle } from '../execution/executionDesk';
export type { ExecutionParent } from '../execution/parentOrder';
