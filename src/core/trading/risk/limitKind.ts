// The shape of one limit kind: its parameters (a descriptor the API derives its zod schema from), its pre-trade
// check, its utilization, what an order would make of it (the ticket's headroom), its unit and its label.
import type { CurrencyCode, Symbol } from '../../model/instrument';
import type { RiskDenial } from './denial';
import type { BookRiskEstimator } from './bookRiskEstimator';
import type { OrderCheck, RiskBook } from './riskBook';

/** The types a limit parameter may take; each has one validation, shared by the core and the API schema. */
export type ParamType = 'positive' | 'count' | 'confidence' | 'symbol?' | 'symbols' | 'currency?' | 'drawdownFrom';

export type DrawdownReference = 'DAY_START' | 'PEAK';
export const DRAWDOWN_REFERENCES: readonly DrawdownReference[] = ['DAY_START', 'PEAK'];

interface ParamValue {
  positive: number;
  count: number;
  confidence: number;
  'symbol?': Symbol;
  symbols: readonly Symbol[];
  'currency?': CurrencyCode;
  drawdownFrom: DrawdownReference;
}

export type ParamDescriptor = Readonly<Record<string, ParamType>>;

type OptionalKeys<D extends ParamDescriptor> = { [K in keyof D]: D[K] extends `${string}?` ? K : never }[keyof D];
export type ParamsOf<D extends ParamDescriptor> = { readonly [K in Exclude<keyof D, OptionalKeys<D>>]: ParamValue[D[K]] } & {
  readonly [K in OptionalKeys<D>]?: ParamValue[D[K]];
};

/** What a breach of the limit does besides the alert. */
export type BreachAction = 'ALERT' | 'REDUCE_ONLY';
export const BREACH_ACTIONS: readonly BreachAction[] = ['ALERT', 'REDUCE_ONLY'];

export interface LimitBase {
  /** Stable id, shown in denials, breaches and the risk panel. */
  readonly id: string;
  /** Default ALERT; REDUCE_ONLY also switches the account to reduce-only when the monitor sees a breach. */
  readonly onBreach?: BreachAction;
}

export type LimitOf<K extends string, D extends ParamDescriptor> = LimitBase & { readonly kind: K } & ParamsOf<D>;

/** How a limit's figures read: the ticket and the panel format by it. */
export type LimitUnit = 'quantity' | 'money' | 'fraction' | 'percent' | 'ticks' | 'count' | 'rule';

/** The last accepted order's per-order measures (what per-order limits report as utilization). */
export interface LastOrder {
  symbol: string;
  quantity: number;
  notional: number;
  collarPercent: number;
  collarTicks: number;
  advFraction: number;
}

/** The account-wide figures a limit reads besides the order itself. */
export interface LimitContext {
  readonly book: RiskBook;
  equity(): number;
  dailyPnl(): number;
  /** Equity when the trading day started, and the highest equity seen since the account started. */
  dayStartEquity(): number;
  peakEquity(): number;
  readonly estimator: BookRiskEstimator | undefined;
  readonly lastOrder: Readonly<LastOrder>;
}

/** A limit's usage now; `used` is compared with the threshold, `scope` names what it refers to. */
export interface Usage {
  readonly used: number;
  readonly scope: string;
}

export interface LimitKind<K extends string, D extends ParamDescriptor, S> {
  readonly kind: K;
  readonly label: string;
  readonly unit: LimitUnit;
  /** ORDER: about one order (utilization is the last order's). ACCOUNT: about the book, watched by the monitor. */
  readonly scope: 'ORDER' | 'ACCOUNT';
  readonly params: D;
  /** The parameter holding the threshold; null for rule kinds (symbol lists, the duplicate window). */
  readonly threshold: (keyof D & string) | null;
  /** Per-limit state (rate windows, symbol sets), built once when the limits are set. */
  compile(limit: LimitOf<K, D>): S;
  /**
   * The pre-trade check against `c` (the order and the book after it, working orders included); null passes.
   * Allocates only a denial. An account measure refuses only orders that increase it.
   */
  check(limit: LimitOf<K, D>, c: OrderCheck, ctx: LimitContext, state: S): RiskDenial | null;
  /** Usage as it stands; null for rule kinds. */
  usage(limit: LimitOf<K, D>, ctx: LimitContext, state: S, now: number): Usage | null;
  /** Usage with the order in `c` counted (the ticket's headroom); null for rule kinds or when not measurable. */
  usageAfter(limit: LimitOf<K, D>, c: OrderCheck, ctx: LimitContext, state: S): number | null;
  /** An accepted new order or modification (throttles, the duplicate window); `c` still holds its check. */
  recordAccepted?(state: S, c: OrderCheck, isNew: boolean, now: number): void;
  /** A cancel request: counted by message rates, never refused. */
  recordCancel?(state: S, now: number): void;
}

/** Declares a kind with its types inferred from its descriptor. */
export function defineLimitKind<K extends string, const D extends ParamDescriptor, S = null>(definition: LimitKind<K, D, S>): LimitKind<K, D, S> {
  return definition;
}

export const noState = (): null => null;

/** The threshold parameter's value of a limit (NaN for rule kinds). */
export function thresholdOf(kind: { readonly threshold: string | null }, limit: object): number {
  if (kind.threshold === null) return NaN;
  const value = (limit as Record<string, unknown>)[kind.threshold];
  return typeof value === 'number' ? value : NaN;
}
