// Limit kind RESTRICTED_SYMBOLS: the listed symbols may not be increased (exits stay possible).
import { defineLimitKind } from '../limitKind';

export const restrictedSymbols = defineLimitKind({
  kind: 'RESTRICTED_SYMBOLS',
  label: 'Restricted symbols',
  unit: 'rule',
  scope: 'ORDER',
  params: { symbols: 'symbols' },
  threshold: null,
  compile: (limit): ReadonlySet<string> => new Set(limit.symbols),
  check(limit, c, _ctx, set) {
    const symbol = c.risk.instrument.symbol;
    // Getting out of a newly restricted name must stay possible.
    return set.has(symbol) && !c.reducing ? { code: 'SYMBOL_RESTRICTED', limitId: limit.id, symbol } : null;
  },
  usage: () => null,
  usageAfter: () => null,
});
