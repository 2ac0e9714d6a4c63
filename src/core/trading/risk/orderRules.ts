// Per-order risk rules: quantity, notional, price collars, fat finger vs ADV, symbol lists. Each returns a denial or null.
import type { OrderLimit } from './limits';
import type { RiskDenial } from './denial';
import type { OrderCheck } from './riskBook';

type Limit<K extends OrderLimit['kind']> = Extract<OrderLimit, { kind: K }>;

export function maxOrderQuantity(limit: Limit<'MAX_ORDER_QUANTITY'>, c: OrderCheck): RiskDenial | null {
  if (limit.symbol !== undefined && limit.symbol !== c.risk.instrument.symbol) return null;
  return c.quantity > limit.max ? { code: 'QUANTITY_EXCEEDS_MAX', limitId: limit.id, quantity: c.quantity, max: limit.max } : null;
}

export function maxOrderNotional(limit: Limit<'MAX_ORDER_NOTIONAL'>, c: OrderCheck): RiskDenial | null {
  if (limit.symbol !== undefined && limit.symbol !== c.risk.instrument.symbol) return null;
  return c.notional > limit.max ? { code: 'NOTIONAL_EXCEEDS_MAX', limitId: limit.id, notional: c.notional, max: limit.max } : null;
}

/** Collars apply to the order's own limit price; market and stop orders trade at the market. */
export function priceCollarPercent(limit: Limit<'PRICE_COLLAR_PERCENT'>, c: OrderCheck): RiskDenial | null {
  if (!c.hasLimitPrice) return null;
  const ref = c.risk.referencePrice;
  const deviationPercent = (Math.abs(c.price - ref) / ref) * 100;
  if (deviationPercent <= limit.maxPercent + 1e-9) return null;
  return { code: 'PRICE_OUTSIDE_COLLAR', limitId: limit.id, price: c.price, referencePrice: ref, deviationPercent, maxPercent: limit.maxPercent };
}

export function priceCollarTicks(limit: Limit<'PRICE_COLLAR_TICKS'>, c: OrderCheck): RiskDenial | null {
  if (!c.hasLimitPrice) return null;
  const ref = c.risk.referencePrice;
  const deviationTicks = Math.abs(c.price - ref) / c.risk.instrument.tickSize;
  if (deviationTicks <= limit.maxTicks + 1e-7) return null;
  return { code: 'PRICE_OUTSIDE_COLLAR_TICKS', limitId: limit.id, price: c.price, referencePrice: ref, deviationTicks, maxTicks: limit.maxTicks };
}

/** Without a known average daily volume the rule cannot judge and passes (the other quantity limits still apply). */
export function fatFingerAdv(limit: Limit<'FAT_FINGER_ADV'>, c: OrderCheck): RiskDenial | null {
  const adv = c.risk.averageDailyVolume;
  if (!(adv > 0)) return null;
  const fraction = c.quantity / adv;
  if (fraction <= limit.maxFraction) return null;
  return { code: 'QUANTITY_EXCEEDS_ADV_FRACTION', limitId: limit.id, quantity: c.quantity, averageDailyVolume: adv, fraction, maxFraction: limit.maxFraction };
}

export function allowedSymbols(limit: Limit<'ALLOWED_SYMBOLS'>, set: ReadonlySet<string>, c: OrderCheck): RiskDenial | null {
  const symbol = c.risk.instrument.symbol;
  return set.has(symbol) || c.reducing ? null : { code: 'SYMBOL_NOT_ALLOWED', limitId: limit.id, symbol };
}

export function restrictedSymbols(limit: Limit<'RESTRICTED_SYMBOLS'>, set: ReadonlySet<string>, c: OrderCheck): RiskDenial | null {
  const symbol = c.risk.instrument.symbol;
  // Getting out of a newly restricted name must stay possible.
  return set.has(symbol) && !c.reducing ? { code: 'SYMBOL_RESTRICTED', limitId: limit.id, symbol } : null;
}
