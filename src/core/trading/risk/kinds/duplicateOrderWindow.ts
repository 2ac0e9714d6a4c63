// Limit kind DUPLICATE_ORDER_WINDOW: the same order (symbol, side, type, quantity, prices) twice within the window.
import { defineLimitKind } from '../limitKind';
import { DuplicateWindow } from '../throttle';

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
