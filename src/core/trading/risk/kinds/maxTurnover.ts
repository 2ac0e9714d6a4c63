// Limit kind MAX_TURNOVER: value traded today plus working orders, in the base currency.
import { defineLimitKind, noState, type LimitContext } from '../limitKind';
import type { OrderCheck } from '../riskBook';

const turnoverAfter = (c: OrderCheck, ctx: LimitContext): number => ctx.book.turnoverToday + ctx.book.openValue + Math.max(0, c.added) * c.risk.unitValue;

/** Value traded today (fills at the reference price) plus working orders, in the base currency. */
export const maxTurnover = defineLimitKind({
  kind: 'MAX_TURNOVER',
  label: 'Turnover',
  unit: 'money',
  scope: 'ACCOUNT',
  params: { max: 'positive' },
  threshold: 'max',
  compile: noState,
  check(limit, c, ctx) {
    if (c.added <= 0) return null;
    const turnover = turnoverAfter(c, ctx);
    return turnover > limit.max ? { code: 'TURNOVER_EXCEEDS_MAX', limitId: limit.id, turnover, max: limit.max } : null;
  },
  usage: (_limit, ctx) => ({ used: ctx.book.turnoverToday + ctx.book.openValue, scope: 'today' }),
  usageAfter: (_limit, c, ctx) => turnoverAfter(c, ctx),
});
