// Valuation ratios from a per-bar fundamentals series: price/earnings.

/** P/E — close / trailing EPS on the same bar; NaN when EPS is missing or not positive (not meaningful). */
export class PriceEarnings {
  value = NaN;

  update(close: number, eps: number): number {
    return (this.value = eps > 0 ? close / eps : NaN);
  }
}
