// Stress tests of the book as it is now: its worst historical N-day moves, and user-defined shocks by symbol, sector and currency.
import type { ValuedBook } from './bookValuation';
import type { AlignedCloses } from './scenarioHistory';

export interface HistoricalStressWindow {
  readonly horizonDays: number;
  readonly start: number;
  readonly end: number;
  /** Book P&L in the base currency (negative = loss). */
  readonly pnl: number;
  readonly returnOnGross: number;
}

/**
 * P&L_t = Σ value_i × (C_i,t+h / C_i,t − 1) over every h-day window of the aligned history (`closes`
 * in book order); the `top` worst windows that do not overlap, worst first.
 */
export function worstHistoricalWindows(book: ValuedBook, closes: AlignedCloses, horizonDays: number, top: number): HistoricalStressWindow[] {
  const days = closes.days;
  const count = days - horizonDays;
  if (count <= 0) return [];
  const pnl = new Float64Array(count);
  book.values.forEach((v, i) => {
    if (v === 0) return;
    const base = i * days;
    for (let t = 0; t < count; t++) pnl[t] = pnl[t]! + v * (closes.closes[base + t + horizonDays]! / closes.closes[base + t]! - 1);
  });
  const order = Array.from({ length: count }, (_, t) => t).sort((a, b) => pnl[a]! - pnl[b]! || a - b);
  const taken: number[] = [];
  const out: HistoricalStressWindow[] = [];
  for (const t of order) {
    if (out.length >= top) break;
    if (taken.some((s) => Math.abs(s - t) < horizonDays)) continue;
    taken.push(t);
    out.push({ horizonDays, start: closes.times[t]!, end: closes.times[t + horizonDays]!, pnl: pnl[t]!, returnOnGross: book.gross > 0 ? pnl[t]! / book.gross : 0 });
  }
  return out;
}

/** A user-defined shock: a fractional move (−0.2 = −20%) of a symbol's price, a sector's prices, or a currency against the base. */
export interface Shock {
  readonly kind: 'symbol' | 'sector' | 'currency';
  readonly key: string;
  readonly move: number;
}

export interface ShockResult {
  readonly name: string;
  readonly pnl: number;
  readonly positions: readonly { readonly symbol: string; readonly move: number; readonly pnl: number }[];
}

/** A symbol shock overrides its sector's; a currency shock compounds: (1 + price move)(1 + currency move) − 1. */
export function applyShocks(book: ValuedBook, name: string, shocks: readonly Shock[]): ShockResult {
  const bySymbol = new Map<string, number>();
  const bySector = new Map<string, number>();
  const byCurrency = new Map<string, number>();
  for (const s of shocks) {
    switch (s.kind) {
      case 'symbol':
        bySymbol.set(s.key, s.move);
        break;
      case 'sector':
        bySector.set(s.key, s.move);
        break;
      case 'currency':
        byCurrency.set(s.key, s.move);
        break;
      default: {
        const never: never = s.kind;
        throw new Error(`unhandled shock kind ${String(never)}`);
      }
    }
  }
  let total = 0;
  const positions = book.positions.map((p) => {
    const price = bySymbol.get(p.symbol) ?? bySector.get(p.sector) ?? 0;
    const fx = p.currency === book.baseCurrency ? 0 : (byCurrency.get(p.currency) ?? 0);
    const move = fx === 0 ? price : (1 + price) * (1 + fx) - 1;
    const pnl = p.value * move;
    total += pnl;
    return { symbol: p.symbol, move, pnl };
  });
  return { name, pnl: total, positions };
}
