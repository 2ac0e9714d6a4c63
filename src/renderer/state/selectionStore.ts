// What the trader is looking at: the watchlist's symbols, the selected symbol and the chart's timeframe (persisted).
import { create } from 'zustand';
import type { Timeframe } from '../../core/model/marketData';

export const CHART_TIMEFRAMES = ['1m', '5m', '1h', '1D'] as const satisfies readonly Timeframe[];
export type ChartTimeframe = (typeof CHART_TIMEFRAMES)[number];

const KEY = 'nautilus.selection';

interface Persisted {
  watchlist: string[];
  symbol: string | null;
  timeframe: ChartTimeframe;
}

interface SelectionState extends Persisted {
  select(symbol: string): void;
  addToWatchlist(symbol: string): void;
  removeFromWatchlist(symbol: string): void;
  setTimeframe(timeframe: ChartTimeframe): void;
  /** A fresh workspace starts with the first few instruments rather than an empty list. */
  seedWatchlist(symbols: readonly string[]): void;
}

function load(): Persisted {
  const fallback: Persisted = { watchlist: [], symbol: null, timeframe: '5m' };
  try {
    const raw = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? 'null') as Partial<Persisted> | null;
    if (!raw) return fallback;
    return {
      watchlist: Array.isArray(raw.watchlist) ? raw.watchlist.filter((s): s is string => typeof s === 'string') : [],
      symbol: typeof raw.symbol === 'string' ? raw.symbol : null,
      timeframe: CHART_TIMEFRAMES.includes(raw.timeframe as ChartTimeframe) ? (raw.timeframe as ChartTimeframe) : '5m',
    };
  } catch {
    return fallback;
  }
}

export const useSelection = create<SelectionState>((set) => ({
  ...load(),
  select: (symbol) => set({ symbol }),
  addToWatchlist: (symbol) => set((s) => (s.watchlist.includes(symbol) ? { symbol } : { watchlist: [...s.watchlist, symbol], symbol })),
  removeFromWatchlist: (symbol) => set((s) => ({ watchlist: s.watchlist.filter((w) => w !== symbol) })),
  setTimeframe: (timeframe) => set({ timeframe }),
  seedWatchlist: (symbols) => set((s) => (s.watchlist.length > 0 ? s : { watchlist: [...symbols], symbol: s.symbol ?? symbols[0] ?? null })),
}));

useSelection.subscribe((s) => {
  const persisted: Persisted = { watchlist: s.watchlist, symbol: s.symbol, timeframe: s.timeframe };
  globalThis.localStorage?.setItem(KEY, JSON.stringify(persisted));
});
