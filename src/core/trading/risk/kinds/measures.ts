// Figures several limit kinds share: scope names, the largest member of a group, exposure after an order.
import type { SymbolRisk } from '../riskBook';
import type { Usage } from '../limitKind';

export const LAST_ORDER = 'last order';
export const ACCOUNT = 'account';

/** The largest value of `measure` over the book's symbols (or groups), with its name. */
export function largest<T>(items: Iterable<T>, measure: (item: T) => number, name: (item: T) => string): Usage {
  let used = 0;
  let scope = 'none';
  for (const item of items) {
    const value = measure(item);
    if (value > used) {
      used = value;
      scope = name(item);
    }
  }
  return { used, scope };
}

/** An amount as a fraction of equity (infinite when there is no equity to hold it). */
/** A group's (sector's, industry's) gross exposure with the order's symbol moved from its gross now to its gross after. */
export const groupGrossAfter = (groupGross: number, c: { readonly risk: SymbolRisk; readonly symbolGrossAfter: number }): number => groupGross - c.risk.gross + c.symbolGrossAfter;

export const ofEquity = (amount: number, equity: number): number => (equity > 0 ? amount / equity : amount > 0 ? Infinity : 0);

/** Net exposure before the order (worst case in its direction) and after it. */
export const netAfter = (c: { side: string; added: number; risk: SymbolRisk }, netHigh: number, netLow: number): { before: number; exposure: number } => {
  const delta = c.added * c.risk.unitValue;
  const before = c.side === 'BUY' ? netHigh : netLow;
  return { before, exposure: c.side === 'BUY' ? before + delta : before - delta };
};
