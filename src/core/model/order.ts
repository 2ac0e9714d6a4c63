// Orders: the request a trader makes, the order the OMS tracks, and their closed vocabularies.
import type { EpochMs } from './clock';
import type { Symbol } from './instrument';
import type { AccountId, ClientOrderId, VenueOrderId } from './ids';
import type { StrategyOrderRef } from './strategyRef';

export type OrderSide = 'BUY' | 'SELL';
export type OrderType = 'MARKET' | 'LIMIT' | 'STOP' | 'STOP_LIMIT';
export type TimeInForce = 'DAY' | 'GTC' | 'IOC' | 'FOK';

export const ORDER_STATUSES = [
  'PendingNew',
  'Submitted',
  'Accepted',
  'PartiallyFilled',
  'Filled',
  'PendingCancel',
  'PendingReplace',
  'Canceled',
  'Rejected',
  'Expired',
  'Unknown',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const TERMINAL_STATUSES: ReadonlySet<OrderStatus> = new Set(['Filled', 'Canceled', 'Rejected', 'Expired']);
export const isTerminal = (status: OrderStatus): boolean => TERMINAL_STATUSES.has(status);

/** Role of an order inside a bracket: the entry, or one of the two OCO exits. */
export type BracketRole = 'ENTRY' | 'TAKE_PROFIT' | 'STOP_LOSS';

export const sideSign = (side: OrderSide): 1 | -1 => (side === 'BUY' ? 1 : -1);
export const oppositeSide = (side: OrderSide): OrderSide => (side === 'BUY' ? 'SELL' : 'BUY');

/** What a trader asks for; prices and quantities are normalized to tick/lot before it reaches the OMS. */
export interface OrderRequest {
  readonly symbol: Symbol;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly quantity: number;
  readonly timeInForce: TimeInForce;
  /** Required for LIMIT and STOP_LIMIT. */
  readonly limitPrice?: number;
  /** Required for STOP and STOP_LIMIT. */
  readonly stopPrice?: number;
  /** Only reduce an existing position (never open or flip one). */
  readonly reduceOnly?: boolean;
  readonly tag?: string;
  /** Set only by the strategy runtime: the strategy version sending the order (never by the API's order schema). */
  readonly strategy?: StrategyOrderRef;
  /** Set only by the strategy runtime: the venue a deployment trades on (paper: the simulated exchange; live: a real one). */
  readonly venue?: string;
}

export interface BracketRequest {
  readonly entry: OrderRequest;
  /** A LIMIT exit at this price. */
  readonly takeProfitPrice: number;
  /** A STOP exit at this price (STOP_LIMIT when `stopLossLimitPrice` is set). */
  readonly stopLossPrice: number;
  readonly stopLossLimitPrice?: number;
  /** The exits' time in force; by default the entry's (DAY for an IOC/FOK entry, whose exits must rest). */
  readonly exitTimeInForce?: ExitTimeInForce;
}

/** Exits rest until they protect nothing: they are DAY or GTC, never IOC/FOK. */
export type ExitTimeInForce = Extract<TimeInForce, 'DAY' | 'GTC'>;

/** The exits of a bracket as carried on its entry (validated and on tick), so a replay can activate them. */
export interface BracketExits {
  readonly takeProfitPrice: number;
  readonly stopLossPrice: number;
  readonly stopLossLimitPrice: number | null;
  /** Absent in journals written before exits took the entry's time in force: those exits were GTC. */
  readonly exitTimeInForce?: ExitTimeInForce;
}

export interface OrderModification {
  readonly quantity?: number;
  readonly limitPrice?: number;
  readonly stopPrice?: number;
}

/** The immutable definition of an order as journaled when it was submitted. */
export interface OrderSpec {
  readonly clientOrderId: ClientOrderId;
  readonly account: AccountId;
  readonly symbol: Symbol;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly quantity: number;
  readonly limitPrice: number | null;
  readonly stopPrice: number | null;
  readonly reduceOnly: boolean;
  readonly tag: string | null;
  readonly createdAt: EpochMs;
  /** Bracket linkage: the entry's id for exits (null for the entry and plain orders), so a blotter can group legs under their parent. */
  readonly parentId: ClientOrderId | null;
  readonly bracketRole: BracketRole | null;
  /** Exit prices carried on the entry so a replay can activate the exits. */
  readonly bracket: BracketExits | null;
  /** The strategy version that sent the order; null (or absent in records written before strategies traded) for the trader's own. */
  readonly strategy?: StrategyOrderRef | null;
}

/** The OMS's view of one order; mutated only by the OMS through the state table. */
export interface Order extends OrderSpec {
  /** The venue it was sent to (a SMART child's is the one the router chose). */
  readonly venue: string;
  status: OrderStatus;
  venueOrderId: VenueOrderId | null;
  /** Current working values (a modify changes them). */
  quantity: number;
  limitPrice: number | null;
  stopPrice: number | null;
  filledQuantity: number;
  averageFillPrice: number;
  commission: number;
  updatedAt: EpochMs;
  rejectReason: string | null;
  /** A modification sent and not yet confirmed. */
  pendingModification: OrderModification | null;
}

export const remainingQuantity = (order: Pick<Order, 'quantity' | 'filledQuantity'>): number =>
  Math.max(0, order.quantity - order.filledQuantity);
