// A small real BookRiskEstimator for tests: historical VaR/ES of the book over a hand-made matrix of daily returns.
import type { BookRiskEstimator, RiskBook } from '../../../../../src/core/trading';

/** numpy's default ('linear') quantile of sorted values. */
export function linearQuantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

/**
 * The day-t P&L is Σ value × return of day t over the scenarios; VaR = −(1 − confidence) quantile, ES = −mean of the
 * P&L at or below −VaR. Positions are valued at the book's reference prices, the change at its own price.
 */
export class HistoricalEstimator implements BookRiskEstimator {
  constructor(
    private readonly book: RiskBook,
    private readonly returns: Readonly<Record<string, readonly number[]>>,
  ) {}

  measureAfter(change: { readonly symbol: string; readonly quantity: number; readonly price: number } | undefined, confidence: number) {
    const values = new Map<string, number>();
    for (const r of this.book.symbols.values()) if (r.position !== 0) values.set(r.instrument.symbol, r.position * r.unitValue);
    if (change) values.set(change.symbol, (values.get(change.symbol) ?? 0) + change.quantity * change.price);
    let days = -1;
    for (const symbol of values.keys()) {
      const series = this.returns[symbol];
      if (!series) return undefined;
      days = days < 0 ? series.length : Math.min(days, series.length);
    }
    if (days <= 0) return { var: 0, es: 0 };
    const pnl: number[] = [];
    for (let t = 0; t < days; t++) {
      let sum = 0;
      for (const [symbol, value] of values) sum += value * (this.returns[symbol]?.[t] as number);
      pnl.push(sum);
    }
    pnl.sort((a, b) => a - b);
    const valueAtRisk = -linearQuantile(pnl, 1 - confidence);
    const tail = pnl.filter((x) => x <= -valueAtRisk);
    const es = tail.length > 0 ? -tail.reduce((a, b) => a + b, 0) / tail.length : valueAtRisk;
    return { var: valueAtRisk, es };
  }
}
