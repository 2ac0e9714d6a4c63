// Limit kind ALLOWED_SYMBOLS: only the listed symbols may be increased (exits from others stay possible).
import { defineLimitKind } from '../limitKind';

export const allowedSymbols = defineLimitKind({
  kind: 'ALLOWED_SYMBOLS',
  label: 'Allowed symbols',
  unit: 'rule',
  scope: 'ORDER',
  params: { symbols: 'symbols' },
  threshold: null,
  compile: (limit): ReadonlySet<string> => new Set(limit.symbols),
  check(limit, c, _ctx, set) {
    const symbol = c.risk.instrument.symbol;
    return set.has(symbol) || c.reducing ? null : { code: 'SYMBOL_NOT_ALLOWED', limitId: limit.id, symbol };
  },
  usage: () => null,
  usageAfter: () => null,
});
