// Sending a previewed rebalance through the OMS: every order checked before any is sent, then each submitted on the ticket's path (pre-trade risk, journal, venue).
import type { ClientOrderId } from '../model/ids';
import type { Instrument, Symbol } from '../model/instrument';
import type { Order, OrderRequest, OrderSide, OrderStatus, TimeInForce } from '../model/order';
import { err, ok, type Result } from '../model/result';
import type { OmsError } from '../trading/omsTypes';
import type { RiskDenial } from '../trading/risk/denial';
import { orderShapeDenial } from '../trading/risk/orderShape';

/** One line of the rebalance as the trader left it (previewed, maybe edited). */
export interface RebalanceOrderLine {
  readonly symbol: string;
  readonly side: OrderSide;
  readonly quantity: number;
  /** A limit order at this price; a market order without one. */
  readonly limitPrice?: number;
}

/** What sending needs of the trading core: the instruments it knows and the OMS's submit. */
export interface RebalanceOrderDesk {
  instrument(symbol: Symbol): Pick<Instrument, 'tickSize' | 'lotSize'> | undefined;
  submit(request: OrderRequest): Result<Readonly<Order>, OmsError>;
}

/** Why a rebalance was refused whole (nothing sent): the first bad line, with the field's path. */
export type RebalanceSendError =
  | { readonly code: 'UNKNOWN_SYMBOL'; readonly path: string; readonly symbol: string; readonly message: string }
  | { readonly code: 'DUPLICATE_SYMBOL'; readonly path: string; readonly symbol: string; readonly message: string }
  | { readonly code: 'INVALID_ORDER'; readonly path: string; readonly denial: RiskDenial; readonly message: string };

export interface SentRebalanceOrder {
  readonly index: number;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly quantity: number;
  readonly limitPrice: number | null;
  readonly clientOrderId: ClientOrderId;
  readonly status: OrderStatus;
}

export interface DeniedRebalanceOrder {
  readonly index: number;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly quantity: number;
  readonly error: OmsError;
}

export interface RebalanceSubmission {
  /** Set when sent as a basket: every order carries basketTag(basketId). */
  readonly basketId: string | null;
  readonly tag: string;
  readonly sent: readonly SentRebalanceOrder[];
  readonly denied: readonly DeniedRebalanceOrder[];
}

/** The tag of orders sent as one rebalance without a basket. */
export const REBALANCE_TAG = 'rebalance';

const BASKET_PREFIX = 'basket:';

/** The tag every order of basket `basketId` carries (journaled with the order, shown in the blotter). */
export const basketTag = (basketId: string): string => `${BASKET_PREFIX}${basketId}`;

/** The basket an order belongs to, or null. */
export const basketOf = (order: Pick<Order, 'tag'>): string | null => (order.tag?.startsWith(BASKET_PREFIX) ? order.tag.slice(BASKET_PREFIX.length) : null);

/** The first line that cannot become an order (unknown symbol, a symbol twice, off-lot quantity, off-tick limit), or ok. */
export function checkRebalanceOrders(lines: readonly RebalanceOrderLine[], desk: Pick<RebalanceOrderDesk, 'instrument'>, timeInForce: TimeInForce): Result<void, RebalanceSendError> {
  const seen = new Set<string>();
  for (const [i, line] of lines.entries()) {
    const instrument = desk.instrument(line.symbol);
    if (!instrument) return err({ code: 'UNKNOWN_SYMBOL', path: `orders[${i}].symbol`, symbol: line.symbol, message: `orders[${i}].symbol: ${line.symbol} is not an instrument the venue trades` });
    if (seen.has(line.symbol)) return err({ code: 'DUPLICATE_SYMBOL', path: `orders[${i}].symbol`, symbol: line.symbol, message: `orders[${i}].symbol: ${line.symbol} appears twice in the rebalance` });
    seen.add(line.symbol);
    const denial = orderShapeDenial(instrument, line.limitPrice === undefined ? 'MARKET' : 'LIMIT', timeInForce, line.quantity, line.limitPrice ?? null, null);
    if (denial) {
      const path = `orders[${i}].${denial.code === 'PRICE_NOT_ON_TICK' || denial.code === 'MISSING_LIMIT_PRICE' ? 'limitPrice' : 'quantity'}`;
      return err({ code: 'INVALID_ORDER', path, denial, message: `${path}: ${describeShape(denial)}` });
    }
  }
  return ok(undefined);
}

/** The shape denials a rebalance line can get (a market or limit order, DAY or GTC); others cannot arise here. */
function describeShape(denial: RiskDenial): string {
  switch (denial.code) {
    case 'QUANTITY_NOT_ON_LOT':
      return `${denial.quantity} is not a multiple of the lot size ${denial.lotSize}`;
    case 'QUANTITY_NOT_POSITIVE':
      return `${denial.quantity} must be a positive number`;
    case 'PRICE_NOT_ON_TICK':
      return `${denial.price} is not on the tick size ${denial.tickSize}`;
    default:
      return denial.code;
  }
}

/**
 * Checks every line, then submits each (market, or limit when priced) with `tag`; a line pre-trade risk denies is
 * reported with its denial and the others still go. Nothing is sent when a line fails the check.
 */
export function submitRebalance(
  lines: readonly RebalanceOrderLine[],
  desk: RebalanceOrderDesk,
  options: { readonly timeInForce: TimeInForce; readonly basketId: string | null },
): Result<RebalanceSubmission, RebalanceSendError> {
  const checked = checkRebalanceOrders(lines, desk, options.timeInForce);
  if (!checked.ok) return checked;
  const tag = options.basketId === null ? REBALANCE_TAG : basketTag(options.basketId);
  const sent: SentRebalanceOrder[] = [];
  const denied: DeniedRebalanceOrder[] = [];
  for (const [index, { symbol, side, quantity, limitPrice }] of lines.entries()) {
    const priced = limitPrice === undefined ? ({ type: 'MARKET' } as const) : ({ type: 'LIMIT', limitPrice } as const);
    const result = desk.submit({ symbol, side, quantity, timeInForce: options.timeInForce, tag, ...priced });
    if (result.ok) sent.push({ index, symbol, side, quantity, limitPrice: limitPrice ?? null, clientOrderId: result.value.clientOrderId, status: result.value.status });
    else denied.push({ index, symbol, side, quantity, error: result.error });
  }
  return ok({ basketId: options.basketId, tag, sent, denied });
}
