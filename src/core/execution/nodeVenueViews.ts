// The router's view of the venues a trading node trades on (live or in a backtest): a simulated exchange shows its
// book; a broker venue (IB) shows its last quote as one level, and is DOWN while it cannot trade (disconnected, reconciling, 1100).
import type { Quote } from '../model/marketData';
import type { Symbol } from '../model/instrument';
import type { Venue } from '../trading/venue';
import type { BookLevel, VenueStatus, VenueView, VenueViewSource } from './venueView';

export interface ViewedVenue {
  readonly venue: Venue;
  readonly takerFeePerShare: number;
  readonly makerFeePerShare: number;
  readonly latencyMs: number;
  readonly fillProbability: number;
  /** The venue's own displayed book, when it has one (the simulated exchange); else its last quote is used. */
  readonly levels?: (symbol: Symbol, side: 'BUY' | 'SELL') => BookLevel[];
  /** DEGRADED while the connection is impaired though not lost (IB 1100/2103). */
  readonly degraded?: () => boolean;
  /** DOWN while the venue is out though its connection stands (a simulated venue set down). */
  readonly down?: () => boolean;
}

export class NodeVenueViews implements VenueViewSource {
  private readonly quotes = new Map<Symbol, Quote>();

  constructor(private readonly venues: readonly ViewedVenue[]) {}

  onQuote(quote: Quote): void {
    this.quotes.set(quote.symbol, quote);
  }

  views(symbol: Symbol): readonly VenueView[] {
    const q = this.quotes.get(symbol);
    return this.venues.map((v) => {
      const status: VenueStatus = (v.venue.canTrade && !v.venue.canTrade()) || v.down?.() ? 'DOWN' : v.degraded?.() ? 'DEGRADED' : 'UP';
      const quoted = (price: number | undefined, size: number | undefined): BookLevel[] => (price && price > 0 && size && size > 0 ? [{ price, size }] : []);
      return {
        venue: v.venue.name,
        status,
        takerFeePerShare: v.takerFeePerShare,
        makerFeePerShare: v.makerFeePerShare,
        latencyMs: v.latencyMs,
        fillProbability: v.fillProbability,
        asks: v.levels ? v.levels(symbol, 'BUY') : quoted(q?.ask, q?.askSize),
        bids: v.levels ? v.levels(symbol, 'SELL') : quoted(q?.bid, q?.bidSize),
      };
    });
  }

  mid(symbol: Symbol): number {
    const q = this.quotes.get(symbol);
    return q && q.bid > 0 && q.ask > 0 ? (q.bid + q.ask) / 2 : NaN;
  }

  sessionVolume(symbol: Symbol): number {
    return this.quotes.get(symbol)?.volume ?? 0;
  }
}
