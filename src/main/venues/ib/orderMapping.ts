// Our orders ↔ IB orders and contracts: order types, time in force, brackets; our client order id travels in orderRef.
import { OrderAction, OrderType as IbOrderType, SecType, type Contract, type Order as IbOrder } from '@stoqey/ib';
import { err, ok, type Result } from '../../../core/model/result';
import type { Symbol } from '../../../core/model/instrument';
import type { OrderType, TimeInForce } from '../../../core/model/order';
import type { VenueOrder } from '../../../core/trading/venue';

export type ContractResolver = (symbol: Symbol) => Contract | undefined;

/** A US stock routed SMART: the default for symbols without an explicit contract. */
export const stockContract = (symbol: Symbol, currency = 'USD', exchange = 'SMART'): Contract => ({ symbol, secType: SecType.STK, exchange, currency });

/** Explicit contracts first (futures, FX, foreign listings), then `fallback`. */
export function contractResolver(contracts: Readonly<Record<Symbol, Contract>> = {}, fallback: ContractResolver = (s) => stockContract(s)): ContractResolver {
  return (symbol) => contracts[symbol] ?? fallback(symbol);
}

export type OrderMappingError =
  | { readonly code: 'LIMIT_PRICE_REQUIRED'; readonly type: OrderType }
  | { readonly code: 'STOP_PRICE_REQUIRED'; readonly type: OrderType }
  | { readonly code: 'BAD_QUANTITY'; readonly quantity: number }
  | { readonly code: 'BAD_PRICE'; readonly field: 'limitPrice' | 'stopPrice'; readonly value: number }
  | { readonly code: 'BAD_BRACKET'; readonly reason: string };

const IB_TYPE: Readonly<Record<OrderType, IbOrderType>> = {
  MARKET: IbOrderType.MKT,
  LIMIT: IbOrderType.LMT,
  STOP: IbOrderType.STP,
  STOP_LIMIT: IbOrderType.STP_LMT,
};

export interface IbOrderOptions {
  /** false holds the order at TWS until a later order of its family transmits (brackets). */
  readonly transmit?: boolean;
  readonly parentId?: number;
  readonly ocaGroup?: string;
  readonly account?: string;
}

const positive = (v: number | null): v is number => v !== null && Number.isFinite(v) && v > 0;

export function toIbOrder(order: VenueOrder, options: IbOrderOptions = {}): Result<IbOrder, OrderMappingError> {
  const { type } = order;
  if (!(Number.isFinite(order.quantity) && order.quantity > 0)) return err({ code: 'BAD_QUANTITY', quantity: order.quantity });
  const needsLimit = type === 'LIMIT' || type === 'STOP_LIMIT';
  const needsStop = type === 'STOP' || type === 'STOP_LIMIT';
  if (needsLimit && order.limitPrice === null) return err({ code: 'LIMIT_PRICE_REQUIRED', type });
  if (needsStop && order.stopPrice === null) return err({ code: 'STOP_PRICE_REQUIRED', type });
  if (needsLimit && !positive(order.limitPrice)) return err({ code: 'BAD_PRICE', field: 'limitPrice', value: Number(order.limitPrice) });
  if (needsStop && !positive(order.stopPrice)) return err({ code: 'BAD_PRICE', field: 'stopPrice', value: Number(order.stopPrice) });
  const ib: IbOrder = {
    action: order.side === 'BUY' ? OrderAction.BUY : OrderAction.SELL,
    orderType: IB_TYPE[type],
    totalQuantity: order.quantity,
    tif: order.timeInForce,
    orderRef: order.clientOrderId,
    transmit: options.transmit ?? true,
  };
  if (needsLimit) ib.lmtPrice = order.limitPrice as number;
  if (needsStop) ib.auxPrice = order.stopPrice as number;
  if (options.parentId !== undefined) ib.parentId = options.parentId;
  if (options.ocaGroup !== undefined) {
    ib.ocaGroup = options.ocaGroup;
    ib.ocaType = 3; // reduce the others by the filled size, without overfill protection blocking
  }
  if (options.account !== undefined) ib.account = options.account;
  return ok(ib);
}

/** IB order type → ours; undefined for types this workstation does not place. */
export function fromIbOrderType(type: string | undefined): OrderType | undefined {
  switch ((type ?? '').toUpperCase()) {
    case 'MKT':
      return 'MARKET';
    case 'LMT':
      return 'LIMIT';
    case 'STP':
      return 'STOP';
    case 'STP LMT':
    case 'STPLMT':
      return 'STOP_LIMIT';
    default:
      return undefined;
  }
}

const TIFS: readonly TimeInForce[] = ['DAY', 'GTC', 'IOC', 'FOK'];
export const fromIbTif = (tif: string | undefined): TimeInForce => (TIFS as readonly string[]).includes(tif ?? '') ? (tif as TimeInForce) : 'DAY';

/** An IB order as our VenueOrder (for reconciliation and for adopting our orders placed in an earlier session). */
export function fromIbOrder(clientOrderId: string, symbol: Symbol, order: IbOrder): VenueOrder | undefined {
  const type = fromIbOrderType(order.orderType);
  const side = order.action === OrderAction.BUY ? 'BUY' : order.action === OrderAction.SELL ? 'SELL' : undefined;
  if (!type || !side || order.totalQuantity === undefined) return undefined;
  const limit = type === 'LIMIT' || type === 'STOP_LIMIT' ? (order.lmtPrice ?? null) : null;
  const stop = type === 'STOP' || type === 'STOP_LIMIT' ? (order.auxPrice ?? null) : null;
  return { clientOrderId, symbol, side, type, timeInForce: fromIbTif(order.tif), quantity: order.totalQuantity, limitPrice: limit, stopPrice: stop };
}

/** A native IB bracket: the entry plus a take-profit and a stop-loss that TWS holds until the entry fills, one-cancels-other. */
export interface VenueBracket {
  readonly entry: VenueOrder;
  readonly takeProfit: VenueOrder;
  readonly stopLoss: VenueOrder;
}

/** Parent and first child go with transmit=false, the last child with transmit=true: TWS releases the family at once. */
export function toIbBracket(bracket: VenueBracket, ids: readonly [number, number, number], account?: string): Result<[IbOrder, IbOrder, IbOrder], OrderMappingError> {
  const { entry, takeProfit, stopLoss } = bracket;
  if (takeProfit.side === entry.side || stopLoss.side === entry.side) return err({ code: 'BAD_BRACKET', reason: 'EXITS_MUST_BE_OPPOSITE_SIDE' });
  if (takeProfit.quantity !== entry.quantity || stopLoss.quantity !== entry.quantity) return err({ code: 'BAD_BRACKET', reason: 'EXIT_QUANTITY_MUST_EQUAL_ENTRY' });
  if (takeProfit.type !== 'LIMIT') return err({ code: 'BAD_BRACKET', reason: 'TAKE_PROFIT_MUST_BE_LIMIT' });
  if (stopLoss.type !== 'STOP' && stopLoss.type !== 'STOP_LIMIT') return err({ code: 'BAD_BRACKET', reason: 'STOP_LOSS_MUST_BE_STOP' });
  const [parentId] = ids;
  const base = account === undefined ? {} : { account };
  const parent = toIbOrder(entry, { ...base, transmit: false });
  if (!parent.ok) return parent;
  const tp = toIbOrder(takeProfit, { ...base, transmit: false, parentId });
  if (!tp.ok) return tp;
  const sl = toIbOrder(stopLoss, { ...base, transmit: true, parentId });
  if (!sl.ok) return sl;
  return ok([parent.value, tp.value, sl.value]);
}
