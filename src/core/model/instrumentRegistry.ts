// The desk's instruments by symbol: the one home every part of the trading system looks a symbol up in. Seeded with
// the synthetic universe; extended at run time with a stored real symbol or a broker's contract, never changed after.
import type { Instrument, Symbol } from './instrument';

export class InstrumentRegistry<T extends Instrument = Instrument> {
  private readonly bySymbol = new Map<Symbol, T>();
  private readonly listeners = new Set<(added: T) => void>();

  constructor(initial: Iterable<T> = []) {
    for (const instrument of initial) this.bySymbol.set(instrument.symbol, instrument);
  }

  get(symbol: Symbol): T | undefined {
    return this.bySymbol.get(symbol);
  }

  has(symbol: Symbol): boolean {
    return this.bySymbol.has(symbol);
  }

  /** Every instrument, in the order they were added. */
  all(): T[] {
    return [...this.bySymbol.values()];
  }

  get size(): number {
    return this.bySymbol.size;
  }

  /** Adds an instrument; an existing symbol keeps its instrument (false), so nothing already priced or held changes under it. */
  add(instrument: T): boolean {
    if (this.bySymbol.has(instrument.symbol)) return false;
    this.bySymbol.set(instrument.symbol, instrument);
    for (const listener of this.listeners) listener(instrument);
    return true;
  }

  /** Called with every instrument added after now. */
  onAdded(listener: (added: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
