// The latest quote per symbol, applied once per animation frame from the coalesced quote stream.
import { create } from 'zustand';
import type { Quote } from '../../core/model/marketData';

interface QuoteState {
  quotes: Readonly<Record<string, Quote>>;
  /** Frames applied so far (the bench and tests read it to see that batching happens). */
  frames: number;
  applyBatch(batch: ReadonlyMap<string, Quote>): void;
  seed(quotes: readonly Quote[]): void;
}

export const useQuotes = create<QuoteState>((set) => ({
  quotes: {},
  frames: 0,
  // One new object per frame; rows select their own symbol, so only changed rows re-render.
  applyBatch: (batch) =>
    set((s) => {
      const quotes = { ...s.quotes };
      for (const [symbol, quote] of batch) {
        const current = quotes[symbol];
        if (!current || current.time <= quote.time) quotes[symbol] = quote;
      }
      return { quotes, frames: s.frames + 1 };
    }),
  seed: (list) =>
    set((s) => {
      const quotes = { ...s.quotes };
      for (const q of list) if (!quotes[q.symbol] || quotes[q.symbol]!.time <= q.time) quotes[q.symbol] = q;
      return { quotes };
    }),
}));
