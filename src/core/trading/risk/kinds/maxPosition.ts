// Limit kind MAX_POSITION: the worst-case position after the order, working orders included.
import { defineLimitKind, noState } from '../limitKind';
import { largest } from './measures';
import type { SymbolRisk } from '../riskBook';

const worstPosition = (r: SymbolRisk): number => Math.max(Math.abs(r.long), Math.abs(r.short));

/** Worst-case position in the order's direction, before and after. */
export const maxPosition = defineLimitKind({
  kind: 'MAX_POSITION',
  label: 'Position',
  unit: 'quantity',
  scope: 'ACCOUNT',
  params: { max: 'positive', symbol: 'symbol?' },
  threshold: 'max',
  compile: noState,
  check(limit, c) {
    const r = c.risk;
    if (limit.symbol !== undefined && limit.symbol !== r.instrument.symbol) return null;
    const before = Math.abs(c.side === 'BUY' ? r.long : r.short);
    const position = c.side === 'BUY' ? r.long + c.added : r.short - c.added;
    const after = Math.abs(position);
    if (after <= limit.max || after <= before) return null;
    return { code: 'POSITION_EXCEEDS_MAX', limitId: limit.id, symbol: r.instrument.symbol, position, max: limit.max };
  },
  usage(limit, ctx) {
    if (limit.symbol === undefined) return largest(ctx.book.symbols.values(), worstPosition, (r) => r.instrument.symbol);
    const r = ctx.book.symbols.get(limit.symbol);
    return { used: r ? worstPosition(r) : 0, scope: limit.symbol };
  },
  usageAfter(limit, c) {
    const r = c.risk;
    if (limit.symbol !== undefined && limit.symbol !== r.instrument.symbol) return null;
    return Math.abs(c.side === 'BUY' ? r.long + c.added : r.short - c.added);
  },
});
