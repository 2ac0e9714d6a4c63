// A parent's quantity and limit checked against its instrument before anything is routed, naming the field at fault.
import type { Instrument } from '../model/instrument';
import { isOnIncrement } from '../model/instrument';
import type { ExecutionError } from './executionErrors';

export function checkShape(instrument: Instrument, quantity: number, limitPrice: number | null): ExecutionError | null {
  if (!(quantity > 0) || !Number.isFinite(quantity)) return { code: 'QUANTITY_NOT_POSITIVE', field: 'quantity', quantity };
  if (!isOnIncrement(quantity, instrument.lotSize)) return { code: 'QUANTITY_NOT_ON_LOT', field: 'quantity', quantity, lotSize: instrument.lotSize };
  if (limitPrice !== null && (!(limitPrice > 0) || !Number.isFinite(limitPrice) || !isOnIncrement(limitPrice, instrument.tickSize))) {
    return { code: 'PRICE_NOT_USABLE', field: 'limitPrice', price: limitPrice };
  }
  return null;
}
