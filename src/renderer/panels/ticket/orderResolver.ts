// Turns a parsed ticket line into the request the API takes, checked against the instrument and the position.
import { isOnIncrement, normalizeQuantity, type Instrument } from '../../../core/model/instrument';
import type { BracketRequest, OrderRequest } from '../../../core/model/order';
import type { MethodInput } from '../../../shared/contracts/api';
import { assertNever } from '../../../core/model/assert';
import type { ParsedOrder, Span } from './orderParser';

export type ExecutionTicketRequest = MethodInput<'execution.submit'>;

/** `entry`: the plain order an execution request amounts to, which the preview and the precautions judge. */
export type TicketRequest =
  | { readonly kind: 'single'; readonly request: OrderRequest }
  | { readonly kind: 'bracket'; readonly request: BracketRequest }
  | { readonly kind: 'execution'; readonly request: ExecutionTicketRequest; readonly entry: OrderRequest };

/** An algorithm without a window on the line (pov, iceberg) works for this long. */
export const DEFAULT_ALGO_WINDOW_MS = 3_600_000;

/** The order the preview, the precautions and the outcome describe. */
export const entryOf = (request: TicketRequest): OrderRequest => (request.kind === 'single' ? request.request : request.kind === 'bracket' ? request.request.entry : request.entry);

export type ResolveErrorCode =
  | 'UNKNOWN_SYMBOL'
  | 'NO_POSITION'
  | 'PERCENT_WRONG_SIDE'
  | 'QUANTITY_ROUNDS_TO_ZERO'
  | 'QUANTITY_NOT_ON_LOT'
  | 'PRICE_NOT_ON_TICK'
  | 'INVALID_BRACKET';

export interface ResolveError extends Span {
  readonly code: ResolveErrorCode;
  readonly reason: string;
}

export interface ResolveContext {
  instrument(symbol: string): Instrument | undefined;
  /** Signed quantity held now (0 when flat). */
  position(symbol: string): number;
}

export type ResolveResult = { readonly ok: true; readonly value: TicketRequest } | { readonly ok: false; readonly error: ResolveError };

const fail = (code: ResolveErrorCode, reason: string, span: Span | undefined): ResolveResult => ({
  ok: false,
  error: { code, reason, start: span?.start ?? 0, end: span?.end ?? 0 },
});

export function resolveOrder(order: ParsedOrder, context: ResolveContext): ResolveResult {
  const instrument = context.instrument(order.symbol);
  if (!instrument) return fail('UNKNOWN_SYMBOL', `no instrument ${order.symbol}`, order.spans.symbol);

  let quantity: number;
  if (order.quantity.kind === 'percent') {
    const held = context.position(order.symbol);
    if (held === 0) return fail('NO_POSITION', `no position in ${order.symbol} to take ${order.quantity.value}% of`, order.spans.quantity);
    // A percentage is of the position, so it only makes sense as a reduction.
    if ((held > 0 && order.side === 'BUY') || (held < 0 && order.side === 'SELL')) {
      return fail('PERCENT_WRONG_SIDE', `${order.quantity.value}% of a ${held > 0 ? 'long' : 'short'} position is a ${held > 0 ? 'sell' : 'buy'}`, order.spans.side);
    }
    const lots = Math.floor((Math.abs(held) * order.quantity.value) / 100 / instrument.lotSize + 1e-9);
    quantity = normalizeQuantity(instrument, lots * instrument.lotSize);
    if (quantity <= 0) return fail('QUANTITY_ROUNDS_TO_ZERO', `${order.quantity.value}% of ${Math.abs(held)} is less than one lot (${instrument.lotSize})`, order.spans.quantity);
  } else {
    quantity = order.quantity.value;
    if (!isOnIncrement(quantity, instrument.lotSize)) return fail('QUANTITY_NOT_ON_LOT', `${quantity} is not a multiple of the lot size ${instrument.lotSize}`, order.spans.quantity);
  }

  const priceChecks: Array<[number | null, Span | undefined]> = [
    [order.limitPrice, order.spans.limitPrice],
    [order.stopPrice, order.spans.stopPrice],
    [order.bracket?.takeProfitPrice ?? null, order.spans.takeProfit],
    [order.bracket?.stopLossPrice ?? null, order.spans.stopLoss],
  ];
  for (const [price, span] of priceChecks) {
    if (price !== null && !isOnIncrement(price, instrument.tickSize)) return fail('PRICE_NOT_ON_TICK', `${price} is not on the tick size ${instrument.tickSize}`, span);
  }

  const request: OrderRequest = {
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    quantity,
    timeInForce: order.timeInForce,
    ...(order.limitPrice !== null ? { limitPrice: order.limitPrice } : {}),
    ...(order.stopPrice !== null ? { stopPrice: order.stopPrice } : {}),
    ...(order.reduceOnly ? { reduceOnly: true } : {}),
  };
  if (order.execution) return { ok: true, value: { kind: 'execution', request: executionRequest(order, quantity), entry: request } };
  if (!order.bracket) return { ok: true, value: { kind: 'single', request } };

  const { takeProfitPrice, stopLossPrice } = order.bracket;
  const entry = order.limitPrice ?? order.stopPrice;
  const long = order.side === 'BUY';
  // A long bracket takes profit above and stops out below its entry; a short one the other way round.
  if (long ? takeProfitPrice <= stopLossPrice : takeProfitPrice >= stopLossPrice) {
    return fail('INVALID_BRACKET', `for a ${long ? 'buy' : 'sell'} the take-profit must be ${long ? 'above' : 'below'} the stop-loss`, order.spans.takeProfit);
  }
  if (entry !== null && (long ? takeProfitPrice <= entry : takeProfitPrice >= entry)) {
    return fail('INVALID_BRACKET', `the take-profit must be ${long ? 'above' : 'below'} the entry ${entry}`, order.spans.takeProfit);
  }
  if (entry !== null && (long ? stopLossPrice >= entry : stopLossPrice <= entry)) {
    return fail('INVALID_BRACKET', `the stop-loss must be ${long ? 'below' : 'above'} the entry ${entry}`, order.spans.stopLoss);
  }
  return { ok: true, value: { kind: 'bracket', request: { entry: request, takeProfitPrice, stopLossPrice } } };
}

function executionRequest(order: ParsedOrder, quantity: number): ExecutionTicketRequest {
  const base = { symbol: order.symbol, side: order.side, quantity, limitPrice: order.limitPrice, ...(order.urgency ? { urgency: order.urgency } : {}) };
  const execution = order.execution!;
  switch (execution.kind) {
    case 'SMART':
      return { ...base, style: { kind: 'SMART', ioc: order.timeInForce === 'IOC' } };
    case 'TWAP':
    case 'VWAP':
      return { ...base, style: { kind: execution.kind, durationMs: execution.durationMs } };
    case 'POV':
      return { ...base, style: { kind: 'POV', durationMs: DEFAULT_ALGO_WINDOW_MS, participation: execution.participation } };
    case 'ICEBERG':
      return { ...base, style: { kind: 'ICEBERG', durationMs: DEFAULT_ALGO_WINDOW_MS, displayQuantity: execution.displayQuantity } };
    default:
      return assertNever(execution, 'execution');
  }
}
