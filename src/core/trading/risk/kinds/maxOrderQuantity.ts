// Limit kind MAX_ORDER_QUANTITY: one order's quantity (optionally for one symbol).
import { defineLimitKind, noState } from '../limitKind';
import { LAST_ORDER } from './measures';

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
