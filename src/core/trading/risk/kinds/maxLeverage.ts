// Limit kind MAX_LEVERAGE: gross exposure after the order divided by equity.
import { defineLimitKind, noState } from '../limitKind';
import { ACCOUNT, ofEquity } from './measures';

/** Gross exposure / equity. */
export const maxLeverage = defineLimitKind({
  kind: 'MAX_LEVERAGE',
  label: 'Leverage',
  unit: 'fraction',
  scope: 'ACCOUNT',
  params: { max: 'positive' },
  threshold: 'max',
  compile: noState,
  check(limit, c, ctx) {
    if (c.grossAfter <= ctx.book.gross) return null;
    const equity = ctx.equity();
    const leverage = equity > 0 ? c.grossAfter / equity : Infinity;
    return leverage <= limit.max ? null : { code: 'LEVERAGE_EXCEEDS_MAX', limitId: limit.id, leverage, max: limit.max, equity };
  },
  usage: (_limit, ctx) => ({ used: ofEquity(ctx.book.gross, ctx.equity()), scope: ACCOUNT }),
  usageAfter: (_limit, c, ctx) => ofEquity(c.grossAfter, ctx.equity()),
});
