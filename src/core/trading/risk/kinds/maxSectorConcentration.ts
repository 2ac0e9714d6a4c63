// Limit kind MAX_SECTOR_CONCENTRATION: one sector's gross exposure as a fraction of equity.
import { defineLimitKind, noState } from '../limitKind';
import { groupGrossAfter, largest, ofEquity } from './measures';

export const maxSectorConcentration = defineLimitKind({
  kind: 'MAX_SECTOR_CONCENTRATION',
  label: 'Sector concentration',
  unit: 'fraction',
  scope: 'ACCOUNT',
  params: { maxFraction: 'positive' },
  threshold: 'maxFraction',
  compile: noState,
  check(limit, c, ctx) {
    const r = c.risk;
    if (c.symbolGrossAfter <= r.gross) return null;
    const equity = ctx.equity();
    const fraction = equity > 0 ? groupGrossAfter(r.sector.gross, c) / equity : Infinity;
    if (fraction <= limit.maxFraction) return null;
    return { code: 'SECTOR_CONCENTRATION_EXCEEDS_MAX', limitId: limit.id, sector: r.sector.sector, fraction, maxFraction: limit.maxFraction };
  },
  usage(_limit, ctx) {
    const { used, scope } = largest(ctx.book.sectors.values(), (s) => s.gross, (s) => s.sector);
    return { used: ctx.equity() > 0 ? used / ctx.equity() : 0, scope };
  },
  usageAfter: (_limit, c, ctx) => ofEquity(groupGrossAfter(c.risk.sector.gross, c), ctx.equity()),
});
