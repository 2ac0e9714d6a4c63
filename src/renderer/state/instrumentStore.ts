// The instrument master as the renderer knows it (market.instruments), by symbol.
import { create } from 'zustand';
import type { Instrument } from '../../core/model/instrument';

interface InstrumentState {
  bySymbol: Readonly<Record<string, Instrument>>;
  symbols: readonly string[];
  loaded: boolean;
  setAll(list: readonly Instrument[]): void;
  /** One instrument put on the desk since the snapshot (a stored real symbol enabled for trading). */
  add(instrument: Instrument): void;
}

export const useInstruments = create<InstrumentState>((set) => ({
  bySymbol: {},
  symbols: [],
  loaded: false,
  setAll: (list) => set({ bySymbol: Object.fromEntries(list.map((i) => [i.symbol, i])), symbols: list.map((i) => i.symbol), loaded: true }),
  add: (instrument) =>
    set((s) => ({
      bySymbol: { ...s.bySymbol, [instrument.symbol]: instrument },
      symbols: s.symbols.includes(instrument.symbol) ? s.symbols : [...s.symbols, instrument.symbol],
    })),
}));
