// Limit kind MAX_GROSS_EXPOSURE: the account's gross exposure after the order, working orders included.
import { defineLimitKind, noState } from '../limitKind';
import { ACCOUNT } from './measures';

export const maxGrossExposure = defineLimitKind({
  kind: 'MAX_GROSS_EXPOSURE',
  label: 'Gross exposure',
  unit: 'money',
  scope: 'ACCOUNT',
  params: { max: 'positive' },
  threshold: 'max',
  compile: noState,
  check(limit, c, ctx) {
    if (c.grossAfter <= limit.max || c.grossAfter <= ctx.book.gross) return null;
    return { code: 'GROSS_EXPOSURE_EXCEEDS_MAX', limitId: limit.id, exposure: c.grossAfter, max: limit.max };
  },
  usage: (_limit, ctx) => ({ used: ctx.book.gross, scope: ACCOUNT }),
  usageAfter: (_limit, c) => c.grossAfter,
});
