// Limit utilization (used / limit) for the risk panel, read from the same incremental aggregates the checks use.
import { assertNever } from '../../model';
import type { LimitUtilization } from './limits';
import type { Compiled, PreTradeRisk } from './preTradeRisk';
import type { RiskBook, SymbolRisk } from './riskBook';

export interface LastOrder {
  symbol: string;
  quantity: number;
  notional: number;
  collarPercent: number;
  collarTicks: number;
  advFraction: number;
}

const row = (c: Compiled, used: number, limit: number, scope: string): LimitUtilization => ({
  id: c.limit.id,
  kind: c.limit.kind,
  used,
  limit,
  ratio: limit > 0 ? used / limit : null,
  scope,
});

/** The largest value of `measure` over the book's symbols (or groups), with its name. */
function largest<T>(items: Iterable<T>, measure: (item: T) => number, name: (item: T) => string): { used: number; scope: string } {
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

const worstPosition = (r: SymbolRisk): number => Math.max(Math.abs(r.long), Math.abs(r.short));

export function utilizationOf(c: Compiled, risk: PreTradeRisk, now: number): LimitUtilization {
  const book: RiskBook = risk.book;
  const last = risk.lastAccepted;
  const limit = c.limit;
  const equity = risk.equity();
  switch (limit.kind) {
    case 'MAX_ORDER_QUANTITY':
      return row(c, last.quantity, limit.max, 'last order');
    case 'MAX_ORDER_NOTIONAL':
      return row(c, last.notional, limit.max, 'last order');
    case 'PRICE_COLLAR_PERCENT':
      return row(c, last.collarPercent, limit.maxPercent, 'last order');
    case 'PRICE_COLLAR_TICKS':
      return row(c, last.collarTicks, limit.maxTicks, 'last order');
    case 'FAT_FINGER_ADV':
      return row(c, last.advFraction, limit.maxFraction, 'last order');
    case 'DUPLICATE_ORDER_WINDOW':
    case 'ALLOWED_SYMBOLS':
    case 'RESTRICTED_SYMBOLS':
      return { id: limit.id, kind: limit.kind, used: 0, limit: 0, ratio: null, scope: 'rule' };
    case 'MAX_POSITION': {
      if (limit.symbol !== undefined) {
        const r = book.symbols.get(limit.symbol);
        return row(c, r ? worstPosition(r) : 0, limit.max, limit.symbol);
      }
      const { used, scope } = largest(book.symbols.values(), worstPosition, (r) => r.instrument.symbol);
      return row(c, used, limit.max, scope);
    }
    case 'MAX_GROSS_EXPOSURE':
      return row(c, book.gross, limit.max, 'account');
    case 'MAX_NET_EXPOSURE':
      return row(c, Math.max(Math.abs(book.netHigh), Math.abs(book.netLow)), limit.max, 'account');
    case 'MAX_LEVERAGE':
      return row(c, equity > 0 ? book.gross / equity : book.gross > 0 ? Infinity : 0, limit.max, 'account');
    case 'MAX_SYMBOL_CONCENTRATION': {
      const { used, scope } = largest(book.symbols.values(), (r) => r.gross, (r) => r.instrument.symbol);
      return row(c, equity > 0 ? used / equity : 0, limit.maxFraction, scope);
    }
    case 'MAX_SECTOR_CONCENTRATION': {
      const { used, scope } = largest(book.sectors.values(), (s) => s.gross, (s) => s.sector);
      return row(c, equity > 0 ? used / equity : 0, limit.maxFraction, scope);
    }
    case 'MAX_CURRENCY_EXPOSURE': {
      const base = book.fx.baseCurrency;
      const applies = [...book.currencies.values()].filter((x) => (limit.currency !== undefined ? x.currency === limit.currency : x.currency !== base));
      const { used, scope } = largest(applies, (x) => Math.max(Math.abs(x.netHigh), Math.abs(x.netLow)), (x) => x.currency);
      return row(c, used, limit.max, scope);
    }
    case 'MAX_DAILY_LOSS':
      return row(c, Math.max(0, -risk.dailyPnl()), limit.max, 'account');
    case 'ORDER_RATE':
    case 'MESSAGE_RATE':
      return row(c, c.window ? c.window.count(now) : 0, limit.max, 'account');
    default:
      return assertNever(limit, 'risk limit');
  }
}
