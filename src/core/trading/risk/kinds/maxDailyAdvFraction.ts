// Limit kind MAX_DAILY_ADV_FRACTION: a symbol's filled plus working quantity today as a fraction of its ADV.
import { defineLimitKind, noState } from '../limitKind';
import { largest } from './measures';
import type { SymbolRisk } from '../riskBook';

/** Quantity traded today plus working, as a fraction of average daily volume; NaN when the ADV is unknown. */
const participation = (r: SymbolRisk, added: number): number =>
  r.averageDailyVolume > 0 ? (r.tradedToday + r.openBuy + r.openSell + Math.max(0, added)) / r.averageDailyVolume : NaN;

/** A symbol's filled plus working quantity today as a fraction of its ADV. Without a known ADV the rule passes. */
export const maxDailyAdvFraction = defineLimitKind({
  kind: 'MAX_DAILY_ADV_FRACTION',
  label: '% of ADV per day',
  unit: 'fraction',
  scope: 'ACCOUNT',
  params: { maxFraction: 'positive' },
  threshold: 'maxFraction',
  compile: noState,
  check(limit, c) {
    const r = c.risk;
    if (c.added <= 0) return null;
    const fraction = participation(r, c.added);
    if (!(fraction > limit.maxFraction)) return null;
    const quantity = r.tradedToday + r.openBuy + r.openSell + c.added;
    return { code: 'DAILY_ADV_FRACTION_EXCEEDS_MAX', limitId: limit.id, symbol: r.instrument.symbol, quantity, averageDailyVolume: r.averageDailyVolume, fraction, maxFraction: limit.maxFraction };
  },
  usage: (_limit, ctx) => largest(ctx.book.symbols.values(), (r) => participation(r, 0) || 0, (r) => r.instrument.symbol),
  usageAfter: (_limit, c) => {
    const f = participation(c.risk, c.added);
    return f === f ? f : null;
  },
});
