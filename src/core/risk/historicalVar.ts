// Historical VaR/ES of a book: the book as it is now revalued with each of the window's daily returns.
import type { ReturnWindow } from './scenarioHistory';
import { ascendingOrder, scenarioComponents, scenarioTail, type VarFigures } from './varFigures';

/** Day-t P&L = Σ value_i × r_i,t; `values` in the window's symbol order. */
export function scenarioPnl(values: Float64Array, window: ReturnWindow): Float64Array {
  const days = window.days;
  const pnl = new Float64Array(days);
  const r = window.returns;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === 0) continue;
    const base = i * days;
    for (let t = 0; t < days; t++) pnl[t] = pnl[t]! + v * r[base + t]!;
  }
  return pnl;
}

export function historicalVar(values: Float64Array, window: ReturnWindow, confidences: readonly number[]): VarFigures[] {
  const pnl = scenarioPnl(values, window);
  const order = ascendingOrder(pnl);
  const r = window.returns;
  const days = window.days;
  return confidences.map((c) => scenarioComponents('historical', c, values, scenarioTail(pnl, c, order), (i, k) => r[i * days + k]!));
}
