// The book's historical scenario P&L vector held incrementally, so the order path asks for VaR/ES after a trade synchronously.
import type { FxRates } from '../trading/fxRates';
import type { RiskInstrument } from './bookValuation';
import type { ReturnWindow } from './scenarioHistory';
import type { BookRiskEstimator, HypotheticalTrade } from '../trading/risk/bookRiskEstimator';
import { scenarioVarEs } from './varFigures';

export type { BookRiskEstimator, HypotheticalTrade };

/**
 * Holds P&L_t = Σ value_i × r_i,t over the window. Setting a position adds (new − old value) × r_i
 * (O(window)); a what-if adds the trade's value × r_i to a scratch copy and sorts it (O(N log N)).
 */
export class ScenarioBook implements BookRiskEstimator {
  private readonly row = new Map<string, number>();
  private readonly values = new Map<string, number>();
  /** Symbols held that have no returns in the window: the book's figures are then unknown. */
  private readonly withoutHistory = new Set<string>();
  private readonly pnl: Float64Array;
  private readonly scratch: Float64Array;

  constructor(
    private readonly window: ReturnWindow,
    private readonly instruments: ReadonlyMap<string, RiskInstrument>,
    private readonly fx: FxRates,
  ) {
    window.symbols.forEach((s, i) => this.row.set(s, i));
    this.pnl = new Float64Array(window.days);
    this.scratch = new Float64Array(window.days);
  }

  /** Base-currency value of `quantity` at `price`; undefined without instrument or FX rate. */
  valueOf(symbol: string, quantity: number, price: number): number | undefined {
    const instrument = this.instruments.get(symbol);
    const rate = instrument && this.fx.rate(instrument.currency);
    return instrument && rate !== undefined ? quantity * price * instrument.multiplier * rate : undefined;
  }

  /** Sets a holding (quantity 0 removes it), marked at `price`. */
  setPosition(symbol: string, quantity: number, price: number): void {
    const value = quantity === 0 ? 0 : this.valueOf(symbol, quantity, price);
    const i = this.row.get(symbol);
    if (value === undefined || i === undefined) {
      if (quantity === 0) this.withoutHistory.delete(symbol);
      else this.withoutHistory.add(symbol);
      return;
    }
    const delta = value - (this.values.get(symbol) ?? 0);
    if (value === 0) this.values.delete(symbol);
    else this.values.set(symbol, value);
    this.addScaled(this.pnl, i, delta);
  }

  /** Recomputes the vector from the held values, dropping the rounding that incremental updates accumulate. */
  rebuild(): void {
    this.pnl.fill(0);
    for (const [symbol, value] of this.values) this.addScaled(this.pnl, this.row.get(symbol)!, value);
  }

  /** The current scenario P&L (a copy). */
  scenarioPnl(): Float64Array {
    return Float64Array.from(this.pnl);
  }

  measureAfter(change: HypotheticalTrade | undefined, confidence: number): { readonly var: number; readonly es: number } | undefined {
    if (this.withoutHistory.size > 0 || !(confidence > 0 && confidence < 1)) return undefined;
    if (!change || change.quantity === 0) return scenarioVarEs(this.pnl, confidence, this.scratch);
    const i = this.row.get(change.symbol);
    const value = this.valueOf(change.symbol, change.quantity, change.price);
    if (i === undefined || value === undefined || !Number.isFinite(value)) return undefined;
    this.scratch.set(this.pnl);
    this.addScaled(this.scratch, i, value);
    return scenarioVarEs(this.scratch, confidence, this.scratch);
  }

  private addScaled(target: Float64Array, i: number, amount: number): void {
    if (amount === 0) return;
    const r = this.window.returns;
    const base = i * this.window.days;
    for (let t = 0; t < target.length; t++) target[t] = target[t]! + amount * r[base + t]!;
  }
}
