// What a trading node simulates itself: one simulated venue (a backtest's) or a market of several (the live
// workstation's). The node steps it, feeds it quotes, ends its sessions and lists new instruments on it.
import type { Instrument, Symbol } from '../model/instrument';
import type { Quote } from '../model/marketData';
import type { ViewedVenue } from '../execution/nodeVenueViews';

export interface SimulatedExchange {
  /** The underlying moved: every venue's book follows. `freshLiquidity` false: a later price of the same bar. */
  onQuote(quote: Quote, freshLiquidity?: boolean): void;
  /** Delivers messages whose latency has elapsed. */
  poll(): void;
  /** DAY orders expire (of the given symbols only, when given). */
  endSession(symbols?: Iterable<Symbol>): void;
  /** Lists a stored real symbol on every venue; false when it trades here already. */
  addInstrument(instrument: Instrument): boolean;
  /** How the smart router sees each venue (costs, latency, fill odds and displayed book), in the order they were built. */
  viewedVenues(): readonly ViewedVenue[];
}
