// Limit kind PRICE_COLLAR_PERCENT: a limit price's distance from the reference price, in percent.
import { defineLimitKind, noState } from '../limitKind';
import { LAST_ORDER } from './measures';

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
