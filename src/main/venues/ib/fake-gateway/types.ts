// Owns the fake gateway's shared data shapes: instruments, orders, executions, quotes and what the book reports.

export type SecType = 'STK' | 'FUT' | 'CASH' | 'OPT' | 'IND';

/** One tradable contract the fake knows; everything contractData, ticks and fills need. */
export interface InstrumentSpec {
  readonly conId: number;
  readonly symbol: string;
  readonly secType: SecType;
  /** Routing exchange (SMART for stocks). */
  readonly exchange: string;
  readonly primaryExchange: string;
  readonly currency: string;
  readonly localSymbol: string;
  readonly tradingClass: string;
  readonly longName: string;
  /** Minimum price increment; a price that is not a multiple of it is refused with error 110. */
  readonly minTick: number;
  readonly multiplier: number;
  /** Quantity increment; other quantities are rejected (201). */
  readonly sizeIncrement: number;
  /** Where the deterministic price walk starts. */
  readonly basePrice: number;
  /** YYYYMMDD for futures; empty otherwise. */
  readonly lastTradeDate: string;
}

export interface Quote {
  readonly bid: number;
  readonly ask: number;
  readonly last: number;
  readonly bidSize: number;
  readonly askSize: number;
  readonly lastSize: number;
  readonly volume: number;
  /** Increments on every change, so subscribers can tell a fresh quote. */
  readonly seq: number;
}

export type OrderAction = 'BUY' | 'SELL';
export type FakeOrderType = 'MKT' | 'LMT' | 'STP' | 'STP LMT';
export type TimeInForce = 'DAY' | 'GTC' | 'IOC' | 'FOK';

/** Lifecycle of an order inside the fake; `Rejected` never reaches the wire as a status (201 is terminal). */
export type FakeOrderState = 'ApiPending' | 'PreSubmitted' | 'Submitted' | 'Filled' | 'Cancelled' | 'Rejected';

/** What a placeOrder message asked for (the fixed prefix we parse; the rest is skipped). */
export interface PlaceOrderRequest {
  readonly orderId: number;
  readonly contract: ContractRef;
  readonly action: string;
  readonly totalQuantity: number | undefined;
  readonly orderType: string;
  readonly lmtPrice: number | undefined;
  readonly auxPrice: number | undefined;
  readonly tif: string;
  readonly ocaGroup: string;
  readonly account: string;
  readonly openClose: string;
  readonly origin: number;
  readonly orderRef: string;
  readonly transmit: boolean;
  readonly parentId: number;
  readonly outsideRth: boolean;
  /** 0 when not sent or not reachable (combo orders shift the fields). */
  readonly ocaType: number;
}

/** How a request names a contract: by conId, or by symbol with optional qualifiers. */
export interface ContractRef {
  readonly conId: number;
  readonly symbol: string;
  readonly secType: string;
  readonly lastTradeDate: string;
  readonly exchange: string;
  readonly primaryExchange: string;
  readonly currency: string;
  readonly localSymbol: string;
}

export interface FakeOrder {
  readonly clientId: number;
  readonly orderId: number;
  readonly permId: number;
  readonly instrument: InstrumentSpec;
  readonly action: OrderAction;
  totalQuantity: number;
  orderType: FakeOrderType;
  lmtPrice: number | undefined;
  auxPrice: number | undefined;
  tif: TimeInForce;
  readonly ocaGroup: string;
  readonly ocaType: number;
  readonly account: string;
  orderRef: string;
  transmit: boolean;
  readonly parentId: number;
  outsideRth: boolean;
  state: FakeOrderState;
  filled: number;
  avgFillPrice: number;
  lastFillPrice: number;
  /** A stop whose trigger was hit; it now trades as MKT / LMT. */
  triggered: boolean;
  readonly createdAt: number;
  completedAt: number | undefined;
  /** completedOrder's free-text status, e.g. "Filled Size: 100" or "Cancelled by Trader". */
  completedStatus: string;
}

export interface ExecutionRecord {
  readonly execId: string;
  readonly clientId: number;
  readonly orderId: number;
  readonly permId: number;
  readonly instrument: InstrumentSpec;
  readonly side: 'BOT' | 'SLD';
  readonly shares: number;
  readonly price: number;
  readonly cumQty: number;
  readonly avgPrice: number;
  /** Epoch milliseconds. */
  readonly time: number;
  readonly account: string;
  readonly orderRef: string;
  readonly commission: number;
  /** Undefined for a fill that only opened or added to a position. */
  readonly realizedPnl: number | undefined;
}

export interface PositionRecord {
  readonly account: string;
  readonly instrument: InstrumentSpec;
  readonly quantity: number;
  /** Average cost per unit including the multiplier, as TWS reports it. */
  readonly avgCost: number;
}

/** What the order book tells the outside world; the server routes each to the owning client's session. */
export type BookEvent =
  | { readonly kind: 'openOrder'; readonly order: FakeOrder }
  | { readonly kind: 'orderStatus'; readonly order: FakeOrder }
  | { readonly kind: 'execution'; readonly order: FakeOrder; readonly execution: ExecutionRecord }
  | { readonly kind: 'commission'; readonly order: FakeOrder; readonly execution: ExecutionRecord }
  | { readonly kind: 'orderError'; readonly clientId: number; readonly orderId: number; readonly code: number; readonly message: string }
  | { readonly kind: 'position'; readonly position: PositionRecord };

/** Filter of reqExecutions, as parsed. */
export interface ExecutionFilterRequest {
  readonly clientId: number;
  readonly account: string;
  /** Epoch ms lower bound (inclusive), or undefined for no time filter. */
  readonly since: number | undefined;
  readonly symbol: string;
  readonly secType: string;
  readonly exchange: string;
  readonly side: string;
}
