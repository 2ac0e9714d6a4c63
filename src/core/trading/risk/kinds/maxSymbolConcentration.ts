// Limit kind MAX_SYMBOL_CONCENTRATION: one symbol's gross exposure as a fraction of equity.
import { defineLimitKind, noState } from '../limitKind';
import { largest, ofEquity } from './measures';

/** One symbol's gross exposure / equity. */
export const maxSymbolConcentration = defineLimitKind({
  kind: 'MAX_SYMBOL_CONCENTRATION',
  label: 'Symbol concentration',
  unit: 'fraction',
  scope: 'ACCOUNT',
  params: { maxFraction: 'positive' },
  threshold: 'maxFraction',
  compile: noState,
  check(limit, c, ctx) {
    if (c.symbolGrossAfter <= c.risk.gross) return null;
    const equity = ctx.equity();
    const fraction = equity > 0 ? c.symbolGrossAfter / equity : Infinity;
    if (fraction <= limit.maxFraction) return null;
    return { code: 'SYMBOL_CONCENTRATION_EXCEEDS_MAX', limitId: limit.id, symbol: c.risk.instrument.symbol, fraction, maxFraction: limit.maxFraction };
  },
  usage(_limit, ctx) {
    const { used, scope } = largest(ctx.book.symbols.values(), (r) => r.gross, (r) => r.instrument.symbol);
    return { used: ctx.equity() > 0 ? used / ctx.equity() : 0, scope };
  },
  usageAfter: (_limit, c, ctx) => ofEquity(c.symbolGrossAfter, ctx.equity()),
});
