// Limit kind MAX_CURRENCY_EXPOSURE: net exposure in one currency (or each non-base one), base-currency money.
import { defineLimitKind, noState } from '../limitKind';
import { largest, netAfter } from './measures';

/** Net exposure in instruments of one currency; without `currency`, each non-base currency. */
export const maxCurrencyExposure = defineLimitKind({
  kind: 'MAX_CURRENCY_EXPOSURE',
  label: 'Currency exposure',
  unit: 'money',
  scope: 'ACCOUNT',
  params: { max: 'positive', currency: 'currency?' },
  threshold: 'max',
  compile: noState,
  check(limit, c, ctx) {
    const cur = c.risk.currency;
    if (limit.currency !== undefined ? limit.currency !== cur.currency : cur.currency === ctx.book.fx.baseCurrency) return null;
    const { before, exposure } = netAfter(c, cur.netHigh, cur.netLow);
    if (Math.abs(exposure) <= limit.max || Math.abs(exposure) <= Math.abs(before)) return null;
    return { code: 'CURRENCY_EXPOSURE_EXCEEDS_MAX', limitId: limit.id, currency: cur.currency, exposure, max: limit.max };
  },
  usage(limit, ctx) {
    const base = ctx.book.fx.baseCurrency;
    const applies = [...ctx.book.currencies.values()].filter((x) => (limit.currency !== undefined ? x.currency === limit.currency : x.currency !== base));
    return largest(applies, (x) => Math.max(Math.abs(x.netHigh), Math.abs(x.netLow)), (x) => x.currency);
  },
  usageAfter(limit, c, ctx) {
    const cur = c.risk.currency;
    if (limit.currency !== undefined ? limit.currency !== cur.currency : cur.currency === ctx.book.fx.baseCurrency) return null;
    return Math.abs(netAfter(c, cur.netHigh, cur.netLow).exposure);
  },
});
