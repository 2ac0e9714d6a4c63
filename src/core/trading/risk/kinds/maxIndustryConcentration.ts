// Limit kind MAX_INDUSTRY_CONCENTRATION: one industry's gross exposure as a fraction of equity.
import { defineLimitKind, noState } from '../limitKind';
import { groupGrossAfter, largest } from './measures';

/** One industry's gross exposure / equity (an instrument without an industry counts under its sector). */
export const maxIndustryConcentration = defineLimitKind({
  kind: 'MAX_INDUSTRY_CONCENTRATION',
  label: 'Industry concentration',
  unit: 'fraction',
  scope: 'ACCOUNT',
  params: { maxFraction: 'positive' },
  threshold: 'maxFraction',
  compile: noState,
  check(limit, c, ctx) {
    const r = c.risk;
    if (c.symbolGrossAfter <= r.gross) return null;
    const equity = ctx.equity();
    const fraction = equity > 0 ? groupGrossAfter(r.industry.gross, c) / equity : Infinity;
    if (fraction <= limit.maxFraction) return null;
    return { code: 'INDUSTRY_CONCENTRATION_EXCEEDS_MAX', limitId: limit.id, industry: r.industry.sector, fraction, maxFraction: limit.maxFraction };
  },
  usage(_limit, ctx) {
    const { used, scope } = largest(ctx.book.industries.values(), (s) => s.gross, (s) => s.sector);
    return { used: ctx.equity() > 0 ? used / ctx.equity() : 0, scope };
  },
  usageAfter: (_limit, c, ctx) => {
    const equity = ctx.equity();
    const after = groupGrossAfter(c.risk.industry.gross, c);
    return equity > 0 ? after / equity : null;
  },
});
