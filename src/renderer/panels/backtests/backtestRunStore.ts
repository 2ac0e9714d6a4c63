// The run the Backtests panel has open: its id and fills, so the chart can draw them on its own symbol.
import { create } from 'zustand';

export interface BacktestFill {
  readonly time: number;
  readonly symbol: string;
  readonly side: string;
  readonly quantity: number;
  readonly price: number;
}

interface BacktestRunState {
  openRunId: string | null;
  fills: readonly BacktestFill[];
  open(runId: string, fills: readonly BacktestFill[]): void;
  close(): void;
}

export const useOpenBacktestRun = create<BacktestRunState>((set) => ({
  openRunId: null,
  fills: [],
  open: (openRunId, fills) => set({ openRunId, fills }),
  close: () => set({ openRunId: null, fills: [] }),
}));
