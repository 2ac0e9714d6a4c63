// The order ticket's line, shared so that hotkeys (B, S, +, -) and the watchlist can write into it.
import { create } from 'zustand';

interface TicketState {
  line: string;
  /** Bumped to ask the ticket input to take the keyboard. */
  focusRequest: number;
  setLine(line: string): void;
  /** Replaces the line and moves the keyboard to the ticket. */
  start(line: string): void;
  clear(): void;
}

export const useTicket = create<TicketState>((set) => ({
  line: '',
  focusRequest: 0,
  setLine: (line) => set({ line }),
  start: (line) => set((s) => ({ line, focusRequest: s.focusRequest + 1 })),
  clear: () => set({ line: '' }),
}));
