// Limit kind MAX_ORDER_NOTIONAL: one order's notional in the base currency (optionally for one symbol).
import { defineLimitKind, noState } from '../limitKind';
import { LAST_ORDER } from './measures';

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
