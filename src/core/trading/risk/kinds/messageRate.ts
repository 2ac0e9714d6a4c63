// Limit kind MESSAGE_RATE: new, modify and cancel messages per window (cancels counted, never refused).
import { defineLimitKind } from '../limitKind';
import { RateWindow } from '../throttle';
import { ACCOUNT } from './measures';

/** New, modify and cancel messages per window (cancels are counted but never refused). */
export const messageRate = defineLimitKind({
  kind: 'MESSAGE_RATE',
  label: 'Message rate',
  unit: 'count',
  scope: 'ORDER',
  params: { max: 'count', windowMs: 'positive' },
  threshold: 'max',
  compile: (limit) => new RateWindow(limit.max, limit.windowMs),
  check(limit, c, _ctx, w) {
    if (!w.full(c.now)) return null;
    return { code: 'MESSAGE_RATE_EXCEEDED', limitId: limit.id, count: w.count(c.now), max: limit.max, windowMs: limit.windowMs };
  },
  usage: (_limit, _ctx, w, now) => ({ used: w.count(now), scope: ACCOUNT }),
  usageAfter: (_limit, c, _ctx, w) => w.count(c.now) + 1,
  recordAccepted: (w, _c, _isNew, now) => w.record(now),
  recordCancel: (w, now) => w.record(now),
});
