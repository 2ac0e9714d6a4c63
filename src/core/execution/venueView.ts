// What the smart router sees of one venue for one symbol: its state, its costs and its displayed book.
import type { Symbol } from '../model/instrument';
import type { ExecutionOwner } from './parentOrder';

/** DEGRADED: connected but not to be trusted with new orders (IB 1100, lost market-data farm). */
export type VenueStatus = 'UP' | 'DEGRADED' | 'DOWN';

export interface BookLevel {
  readonly price: number;
  readonly size: number;
}

export interface VenueView {
  readonly venue: string;
  readonly status: VenueStatus;
  readonly takerFeePerShare: number;
  /** Negative is a rebate. */
  readonly makerFeePerShare: number;
  readonly latencyMs: number;
  /** The venue's stated odds that a passive order at the touch fills (its profile), before our own statistics. */
  readonly fillProbability: number;
  /** Offers, best (lowest) first: what a buyer takes. */
  readonly asks: readonly BookLevel[];
  /** Bids, best (highest) first: what a seller takes. */
  readonly bids: readonly BookLevel[];
}

/** Anything that can show the router its venues (the simulated market; IB when connected). */
export interface VenueViewSource {
  views(symbol: Symbol): readonly VenueView[];
  /** The consolidated mid of the venues' quotes, when the source can give it without building every book. */
  mid?(symbol: Symbol): number;
}

/** The venues a parent may use: its owner's venue only, when it has one (a strategy deployed on one venue). */
export const usable = (views: readonly VenueView[], owner: ExecutionOwner | null | undefined): readonly VenueView[] => (owner?.venue ? views.filter((v) => v.venue === owner.venue) : views);

/** The best price across views on one side (NaN when no venue shows one). */
export function bestPrice(views: readonly VenueView[], side: 'BID' | 'ASK'): number {
  let best = NaN;
  for (const view of views) {
    const top = (side === 'BID' ? view.bids : view.asks).find((level) => level.size > 0);
    if (!top) continue;
    if (Number.isNaN(best) || (side === 'BID' ? top.price > best : top.price < best)) best = top.price;
  }
  return best;
}

/** The consolidated mid (best bid and best offer across venues), NaN when one side is empty. */
export function consolidatedMid(views: readonly VenueView[]): number {
  return (bestPrice(views, 'BID') + bestPrice(views, 'ASK')) / 2;
}
