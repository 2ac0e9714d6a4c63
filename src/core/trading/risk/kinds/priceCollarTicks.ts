// Limit kind PRICE_COLLAR_TICKS: a limit price's distance from the reference price, in ticks.
import { defineLimitKind, noState } from '../limitKind';
import { LAST_ORDER } from './measures';

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
