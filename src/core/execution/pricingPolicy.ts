// How a parent's open quantity is priced, as a policy the router resolves against the venues' books when it routes
// (not a price fixed when an algorithm's slice was cut, which is stale by the time cancels come back).
import type { OrderSide } from '../model/order';
import { roundToIncrement } from '../model/instrument';
import { assertNever } from '../model/assert';
import { bestPrice, type VenueView } from './venueView';

export type ParentPricing =
  /** A SMART order or an iceberg: its own limit (null: market); `mayRest` false for IOC. */
  | { readonly style: 'LIMIT'; readonly limitPrice: number | null; readonly mayRest: boolean }
  /** Rest at the best price on our own side across venues, never through `cap`. */
  | { readonly style: 'JOIN'; readonly cap: number | null }
  /** Take what is shown up to `throughTicks` past the best opposite price, never through `cap`; nothing rests. */
  | { readonly style: 'CROSS'; readonly cap: number | null; readonly throughTicks: number };

export interface ResolvedPricing {
  readonly limitPrice: number | null;
  readonly mayRest: boolean;
}

export const samePricing = (a: ParentPricing, b: ParentPricing): boolean => {
  switch (a.style) {
    case 'LIMIT':
      return b.style === 'LIMIT' && a.limitPrice === b.limitPrice && a.mayRest === b.mayRest;
    case 'JOIN':
      return b.style === 'JOIN' && a.cap === b.cap;
    case 'CROSS':
      return b.style === 'CROSS' && a.cap === b.cap && a.throughTicks === b.throughTicks;
    default:
      return assertNever(a, 'pricing');
  }
};

/** The price and resting rule for routing now; null when the policy needs a market that is not there. */
export function resolvePricing(pricing: ParentPricing, side: OrderSide, views: readonly VenueView[], tickSize: number): ResolvedPricing | null {
  const buy = side === 'BUY';
  const capped = (price: number, cap: number | null): number => roundToIncrement(cap === null ? price : buy ? Math.min(price, cap) : Math.max(price, cap), tickSize);
  switch (pricing.style) {
    case 'LIMIT':
      return { limitPrice: pricing.limitPrice, mayRest: pricing.mayRest };
    case 'JOIN': {
      const own = bestPrice(views, buy ? 'BID' : 'ASK');
      if (Number.isNaN(own)) return pricing.cap === null ? null : { limitPrice: pricing.cap, mayRest: true };
      return { limitPrice: capped(own, pricing.cap), mayRest: true };
    }
    case 'CROSS': {
      const opposite = bestPrice(views, buy ? 'ASK' : 'BID');
      if (Number.isNaN(opposite)) return null;
      const through = (buy ? 1 : -1) * pricing.throughTicks * tickSize;
      return { limitPrice: capped(opposite + through, pricing.cap), mayRest: false };
    }
    default:
      return assertNever(pricing, 'pricing');
  }
}

/** A policy's cap follows a parent whose limit is modified. */
export function withLimit(pricing: ParentPricing, previous: number | null, limitPrice: number | null): ParentPricing {
  switch (pricing.style) {
    case 'LIMIT':
      return pricing.limitPrice === previous ? { ...pricing, limitPrice } : pricing;
    case 'JOIN':
    case 'CROSS':
      return { ...pricing, cap: limitPrice };
    default:
      return assertNever(pricing, 'pricing');
  }
}
