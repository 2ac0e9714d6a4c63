// Limit kind MAX_NET_EXPOSURE: the account's worst-case net exposure after the order.
import { defineLimitKind, noState } from '../limitKind';
import { ACCOUNT, netAfter } from './measures';

export const maxNetExposure = defineLimitKind({
  kind: 'MAX_NET_EXPOSURE',
  label: 'Net exposure',
  unit: 'money',
  scope: 'ACCOUNT',
  params: { max: 'positive' },
  threshold: 'max',
  compile: noState,
  check(limit, c, ctx) {
    const { before, exposure } = netAfter(c, ctx.book.netHigh, ctx.book.netLow);
    if (Math.abs(exposure) <= limit.max || Math.abs(exposure) <= Math.abs(before)) return null;
    return { code: 'NET_EXPOSURE_EXCEEDS_MAX', limitId: limit.id, exposure, max: limit.max };
  },
  usage: (_limit, ctx) => ({ used: Math.max(Math.abs(ctx.book.netHigh), Math.abs(ctx.book.netLow)), scope: ACCOUNT }),
  usageAfter: (_limit, c, ctx) => Math.abs(netAfter(c, ctx.book.netHigh, ctx.book.netLow).exposure),
});
