// Limit kind ORDER_RATE: new orders per window.
import { defineLimitKind } from '../limitKind';
import { RateWindow } from '../throttle';
import { ACCOUNT } from './measures';

/** New orders per window. */
export const orderRate = defineLimitKind({
  kind: 'ORDER_RATE',
  label: 'Order rate',
  unit: 'count',
  scope: 'ORDER',
  params: { max: 'count', windowMs: 'positive' },
  threshold: 'max',
  compile: (limit) => new RateWindow(limit.max, limit.windowMs),
  check(limit, c, _ctx, w) {
    if (!c.isNew || !w.full(c.now)) return null;
    return { code: 'ORDER_RATE_EXCEEDED', limitId: limit.id, count: w.count(c.now), max: limit.max, windowMs: limit.windowMs };
  },
  usage: (_limit, _ctx, w, now) => ({ used: w.count(now), scope: ACCOUNT }),
  usageAfter: (_limit, c, _ctx, w) => w.count(c.now) + (c.isNew ? 1 : 0),
  recordAccepted: (w, _c, isNew, now) => (isNew ? w.record(now) : undefined),
});
