// Venue profiles: how one simulated venue differs from another (spread, displayed depth, fees and rebates, latency,
// fill probability), and the venue's own quote derived from the one underlying price process.
import type { Quote } from '../model/marketData';
import { roundToIncrement } from '../model/instrument';

export interface VenueProfile {
  readonly name: string;
  /** Ticks the venue's best bid and offer sit outside the underlying's (0: at the underlying's touch). */
  readonly extraHalfSpreadTicks: number;
  /** Displayed size at each level as a fraction of the underlying's top size. */
  readonly depthFraction: number;
  /** Price levels displayed per side, one tick apart. */
  readonly levels: number;
  /** Per share when taking liquidity. */
  readonly takerFeePerShare: number;
  /** Per share when adding liquidity; negative is a rebate paid to us. */
  readonly makerFeePerShare: number;
  /** One-way latency from the router to the venue. */
  readonly latencyMs: number;
  /** Chance a passive order at the touch fills before the quote moves away (the venue's queue position odds). */
  readonly fillProbability: number;
}

/**
 * Five venues with the trade-offs real ones make: a rebate for a wider book, a fee for fast and deep liquidity. The
 * live workstation, the bench and the execution tests all trade on these. The first is the primary venue, named SIM as
 * the single simulated exchange was: plain orders go there by default, paper strategies trade there, and journals,
 * deployments and routes written before the market had five venues still find it.
 */
export const DEFAULT_VENUE_PROFILES: readonly VenueProfile[] = [
  { name: 'SIM', extraHalfSpreadTicks: 0, depthFraction: 1, levels: 5, takerFeePerShare: 0.003, makerFeePerShare: -0.002, latencyMs: 1, fillProbability: 0.6 },
  { name: 'SIM-B', extraHalfSpreadTicks: 0, depthFraction: 0.5, levels: 5, takerFeePerShare: 0.0015, makerFeePerShare: 0.0015, latencyMs: 2, fillProbability: 0.45 },
  { name: 'SIM-C', extraHalfSpreadTicks: 1, depthFraction: 2, levels: 5, takerFeePerShare: 0.001, makerFeePerShare: -0.001, latencyMs: 3, fillProbability: 0.35 },
  { name: 'SIM-D', extraHalfSpreadTicks: 0, depthFraction: 0.25, levels: 3, takerFeePerShare: 0.0005, makerFeePerShare: 0.0005, latencyMs: 5, fillProbability: 0.3 },
  { name: 'SIM-E', extraHalfSpreadTicks: 2, depthFraction: 3, levels: 5, takerFeePerShare: 0, makerFeePerShare: 0, latencyMs: 8, fillProbability: 0.2 },
];

/** The venue's quote: the underlying's touch widened by the profile's extra half-spread, sized by its depth fraction. */
export function venueQuote(profile: VenueProfile, underlying: Quote, tickSize: number): Quote {
  const widen = profile.extraHalfSpreadTicks * tickSize;
  return {
    ...underlying,
    bid: roundToIncrement(underlying.bid - widen, tickSize),
    ask: roundToIncrement(underlying.ask + widen, tickSize),
    bidSize: Math.floor(underlying.bidSize * profile.depthFraction),
    askSize: Math.floor(underlying.askSize * profile.depthFraction),
  };
}

/** True for the name of one of the simulated market's venues (never real money). */
export const isSimulatedVenue = (name: string): boolean => DEFAULT_VENUE_PROFILES.some((p) => p.name === name);
