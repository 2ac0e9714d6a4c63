// When a parent's resting children should be pulled and routed again: their venue went away, another venue would
// now fill them at their price, or their venue's quote moved away from them by more than the best venue's has.
import type { OrderSide } from '../model/order';
import type { ChildRecord } from './childBook';
import type { RouteReason } from './parentOrder';
import type { VenueView } from './venueView';

const EPS = 1e-9;

export function rerouteReason(side: OrderSide, working: readonly ChildRecord[], views: readonly VenueView[], tickSize: number, rerouteTicks: number): RouteReason | null {
  const buy = side === 'BUY';
  // The best level with size left on the side a resting child would trade against.
  const opposite = (v: VenueView): number | null => (buy ? v.asks : v.bids).find((level) => level.size > 0)?.price ?? null;
  for (const child of working) {
    if (child.liquidity !== 'REST' || child.limitPrice === null) continue;
    const view = views.find((v) => v.venue === child.venue);
    if (!view || view.status !== 'UP') return 'REROUTE_VENUE_UNAVAILABLE';
    let bestDistance = Infinity;
    for (const v of views) {
      const touch = opposite(v);
      if (v.status !== 'UP' || touch === null) continue;
      if (v.venue !== child.venue && (buy ? touch <= child.limitPrice + EPS : touch >= child.limitPrice - EPS)) return 'REROUTE_MARKETABLE_ELSEWHERE';
      bestDistance = Math.min(bestDistance, Math.abs(touch - child.limitPrice) / tickSize);
    }
    const own = opposite(view);
    const ownDistance = own === null ? Infinity : Math.abs(own - child.limitPrice) / tickSize;
    if (ownDistance - bestDistance >= rerouteTicks - EPS) return 'REROUTE_QUOTE_MOVED';
  }
  return null;
}
