// Order shape: the checks every order passes before any limit is looked at (quantity on lot, prices present, positive, finite and on tick, time in force allowed).
import { isOnIncrement, type Instrument } from '../../model/instrument';
import type { OrderType, TimeInForce } from '../../model/order';
import type { RiskDenial } from './denial';

export const needsLimitPrice = (t: OrderType): boolean => t === 'LIMIT' || t === 'STOP_LIMIT';
export const needsStopPrice = (t: OrderType): boolean => t === 'STOP' || t === 'STOP_LIMIT';

const usablePrice = (price: number | null): price is number => price !== null && price > 0 && Number.isFinite(price);

/** The first shape problem of an order (or of a bracket leg) on `instrument`, or null when it is well formed. */
export function orderShapeDenial(
  instrument: Pick<Instrument, 'tickSize' | 'lotSize'>,
  type: OrderType,
  timeInForce: TimeInForce,
  quantity: number,
  limitPrice: number | null,
  stopPrice: number | null,
): RiskDenial | null {
  const { tickSize, lotSize } = instrument;
  if (!(quantity > 0) || !Number.isFinite(quantity)) return { code: 'QUANTITY_NOT_POSITIVE', quantity };
  if (!isOnIncrement(quantity, lotSize)) return { code: 'QUANTITY_NOT_ON_LOT', quantity, lotSize };
  const hasLimit = needsLimitPrice(type);
  const hasStop = needsStopPrice(type);
  if (hasLimit && !usablePrice(limitPrice)) return { code: 'MISSING_LIMIT_PRICE', type };
  if (hasStop && !usablePrice(stopPrice)) return { code: 'MISSING_STOP_PRICE', type };
  if (hasLimit && !isOnIncrement(limitPrice as number, tickSize)) return { code: 'PRICE_NOT_ON_TICK', price: limitPrice as number, tickSize };
  if (hasStop && !isOnIncrement(stopPrice as number, tickSize)) return { code: 'PRICE_NOT_ON_TICK', price: stopPrice as number, tickSize };
  if (hasStop && (timeInForce === 'IOC' || timeInForce === 'FOK')) return { code: 'UNSUPPORTED_TIME_IN_FORCE', type, timeInForce };
  return null;
}
