// Per-order limit kinds: quantity, notional, price collars, fat finger vs ADV, the duplicate window, symbol lists.
import { DuplicateWindow } from '../throttle';
import { defineLimitKind, noState } from '../limitKind';

const LAST_ORDER = 'last order';

export const maxOrderQuantity = defineLimitKind({
  kind: 'MAX_ORDER_QUANTITY',
  label: 'Order quantity',
  unit: 'quantity',
  scope: 'ORDER',
  params: { max: 'positive', symbol: 'symbol?' },
  threshold: 'max',
  compile: noState,
  check(limit, c) {
    if (limit.symbol !== undefined && limit.symbol !== c.risk.instrument.symbol) return null;
    return c.quantity > limit.max ? { code: 'QUANTITY_EXCEEDS_MAX', limitId: limit.id, quantity: c.quantity, max: limit.max } : null;
  },
  usage: (_limit, ctx) => ({ used: ctx.lastOrder.quantity, scope: LAST_ORDER }),
  usageAfter: (_limit, c) => c.quantity,
});

export const maxOrderNotional = defineLimitKind({
  kind: 'MAX_ORDER_NOTIONAL',
  label: 'Order notional',
  unit: 'money',
  scope: 'ORDER',
  params: { max: 'positive', symbol: 'symbol?' },
  threshold: 'max',
  compile: noState,
  check(limit, c) {
    if (limit.symbol !== undefined && limit.symbol !== c.risk.instrument.symbol) return null;
    return c.notional > limit.max ? { code: 'NOTIONAL_EXCEEDS_MAX', limitId: limit.id, notional: c.notional, max: limit.max } : null;
  },
  usage: (_limit, ctx) => ({ used: ctx.lastOrder.notional, scope: LAST_ORDER }),
  usageAfter: (_limit, c) => c.notional,
});

/** |limit − reference| / reference, in percent. Collars apply to the order's own limit price; market and stop orders trade at the market. */
export const priceCollarPercent = defineLimitKind({
  kind: 'PRICE_COLLAR_PERCENT',
  label: 'Price collar',
  unit: 'percent',
  scope: 'ORDER',
  params: { maxPercent: 'positive' },
  threshold: 'maxPercent',
  compile: noState,
  check(limit, c) {
    if (!c.hasLimitPrice) return null;
    const ref = c.risk.referencePrice;
    const deviationPercent = (Math.abs(c.price - ref) / ref) * 100;
    if (deviationPercent <= limit.maxPercent + 1e-9) return null;
    return { code: 'PRICE_OUTSIDE_COLLAR', limitId: limit.id, price: c.price, referencePrice: ref, deviationPercent, maxPercent: limit.maxPercent };
  },
  usage: (_limit, ctx) => ({ used: ctx.lastOrder.collarPercent, scope: LAST_ORDER }),
  usageAfter: (_limit, c) => (c.hasLimitPrice ? (Math.abs(c.price - c.risk.referencePrice) / c.risk.referencePrice) * 100 : 0),
});

export const priceCollarTicks = defineLimitKind({
  kind: 'PRICE_COLLAR_TICKS',
  label: 'Price collar (ticks)',
  unit: 'ticks',
  scope: 'ORDER',
  params: { maxTicks: 'positive' },
  threshold: 'maxTicks',
  compile: noState,
  check(limit, c) {
    if (!c.hasLimitPrice) return null;
    const ref = c.risk.referencePrice;
    const deviationTicks = Math.abs(c.price - ref) / c.risk.instrument.tickSize;
    if (deviationTicks <= limit.maxTicks + 1e-7) return null;
    return { code: 'PRICE_OUTSIDE_COLLAR_TICKS', limitId: limit.id, price: c.price, referencePrice: ref, deviationTicks, maxTicks: limit.maxTicks };
  },
  usage: (_limit, ctx) => ({ used: ctx.lastOrder.collarTicks, scope: LAST_ORDER }),
  usageAfter: (_limit, c) => (c.hasLimitPrice ? Math.abs(c.price - c.risk.referencePrice) / c.risk.instrument.tickSize : 0),
});

/** Order quantity as a fraction of the symbol's average daily volume. Without a known ADV the rule cannot judge and passes. */
export const fatFingerAdv = defineLimitKind({
  kind: 'FAT_FINGER_ADV',
  label: '% of ADV per order',
  unit: 'fraction',
  scope: 'ORDER',
  params: { maxFraction: 'positive' },
  threshold: 'maxFraction',
  compile: noState,
  check(limit, c) {
    const adv = c.risk.averageDailyVolume;
    if (!(adv > 0)) return null;
    const fraction = c.quantity / adv;
    if (fraction <= limit.maxFraction) return null;
    return { code: 'QUANTITY_EXCEEDS_ADV_FRACTION', limitId: limit.id, quantity: c.quantity, averageDailyVolume: adv, fraction, maxFraction: limit.maxFraction };
  },
  usage: (_limit, ctx) => ({ used: ctx.lastOrder.advFraction, scope: LAST_ORDER }),
  usageAfter: (_limit, c) => (c.risk.averageDailyVolume > 0 ? c.quantity / c.risk.averageDailyVolume : null),
});

/** Same symbol, side, type, quantity and prices within the window. */
export const duplicateOrderWindow = defineLimitKind({
  kind: 'DUPLICATE_ORDER_WINDOW',
  label: 'Duplicate order window',
  unit: 'rule',
  scope: 'ORDER',
  params: { windowMs: 'positive' },
  threshold: null,
  compile: (limit) => new DuplicateWindow(limit.windowMs),
  check(limit, c, _ctx, duplicates) {
    if (!c.isNew) return null;
    const previousTime = duplicates.find(c.risk.instrument.symbol, c.side, c.type, c.quantity, c.limitPrice, c.stopPrice, c.now);
    return previousTime === previousTime ? { code: 'DUPLICATE_ORDER', limitId: limit.id, windowMs: limit.windowMs, previousTime } : null;
  },
  usage: () => null,
  usageAfter: () => null,
  recordAccepted(duplicates, c, isNew, now) {
    if (isNew) duplicates.record(c.risk.instrument.symbol, c.side, c.type, c.quantity, c.limitPrice, c.stopPrice, now);
  },
});

export const allowedSymbols = defineLimitKind({
  kind: 'ALLOWED_SYMBOLS',
  label: 'Allowed symbols',
  unit: 'rule',
  scope: 'ORDER',
  params: { symbols: 'symbols' },
  threshold: null,
  compile: (limit): ReadonlySet<string> => new Set(limit.symbols),
  check(limit, c, _ctx, set) {
    const symbol = c.risk.instrument.symbol;
    return set.has(symbol) || c.reducing ? null : { code: 'SYMBOL_NOT_ALLOWED', limitId: limit.id, symbol };
  },
  usage: () => null,
  usageAfter: () => null,
});

export const restrictedSymbols = defineLimitKind({
  kind: 'RESTRICTED_SYMBOLS',
  label: 'Restricted symbols',
  unit: 'rule',
  scope: 'ORDER',
  params: { symbols: 'symbols' },
  threshold: null,
  compile: (limit): ReadonlySet<string> => new Set(limit.symbols),
  check(limit, c, _ctx, set) {
    const symbol = c.risk.instrument.symbol;
    // Getting out of a newly restricted name must stay possible.
    return set.has(symbol) && !c.reducing ? { code: 'SYMBOL_RESTRICTED', limitId: limit.id, symbol } : null;
  },
  usage: () => null,
  usageAfter: () => null,
});
