// Per-symbol cash sleeves for strategies that trade each symbol on its own money: the starting cash split equally,
// each sleeve moved only by its own symbol's fills (what buys paid, what sells received, commissions).
import type { Fill } from '../model/fill';

export class CashSleeves {
  private readonly cash = new Map<string, number>();

  constructor(symbols: readonly string[], total: number) {
    for (const symbol of symbols) this.cash.set(symbol, total / symbols.length);
  }

  /** Cash-equity fills: value = quantity × price (no contract multiplier). */
  onFill(fill: Fill): void {
    const value = fill.quantity * fill.price;
    this.cash.set(fill.symbol, this.of(fill.symbol) + (fill.side === 'BUY' ? -value : value) - fill.commission);
  }

  of(symbol: string): number {
    return this.cash.get(symbol) ?? 0;
  }
}
