// The smart router's decision, pure: each venue's expected all-in cost and eligibility, then a sweep of displayed
// liquidity best effective price first for what is marketable and a passive placement for what rests.
import { roundToIncrement } from '../model/instrument';
import { err, ok, type Result } from '../model/result';
import type { OrderSide } from '../model/order';
import type { VenueSummary } from './venueStats';
import type { VenueStatus, VenueView } from './venueView';

export interface RouteRequest {
  readonly side: OrderSide;
  readonly quantity: number;
  /** null: a market order (takes whatever is displayed, any remainder goes as a market order to the cheapest venue). */
  readonly limitPrice: number | null;
  /** false (IOC): what is not taken at once is not rested. */
  readonly mayRest: boolean;
  readonly tickSize: number;
  readonly lotSize: number;
}

export interface RouteConfig {
  /** What a millisecond of latency is expected to cost, in bps of price (the quote may move meanwhile). */
  readonly latencyCostBpsPerMs: number;
  /** The floor of a passive placement's cost, bps, so fill probability per unit of cost stays finite under rebates. */
  readonly passiveCostFloorBps: number;
  /** Our statistics replace the venue's stated fill probability in proportion to filled orders, up to this many. */
  readonly statsConfidenceOrders: number;
}

export const DEFAULT_ROUTE_CONFIG: RouteConfig = { latencyCostBpsPerMs: 0.05, passiveCostFloorBps: 0.1, statsConfidenceOrders: 50 };

export type Ineligibility = Exclude<VenueStatus, 'UP'> | 'OVER_PACING' | 'NO_QUOTE';

/** One venue as the router judged it: the inputs a trader sees under "why". */
export interface VenueAssessment {
  readonly venue: string;
  readonly ineligible: Ineligibility | null;
  readonly touch: number | null;
  readonly displayed: number;
  /** Per share added to the price when taking here: fee plus latency and our observed slippage. */
  readonly takeCostPerShare: number;
  /** Per share when resting here (negative under a rebate), plus latency and slippage. */
  readonly restCostPerShare: number;
  readonly fillProbability: number;
  /** Fill probability per bp of cost: the passive ranking. */
  readonly passiveScore: number;
}

export interface ChildPlan {
  readonly venue: string;
  readonly quantity: number;
  readonly type: 'MARKET' | 'LIMIT';
  readonly limitPrice: number | null;
  readonly timeInForce: 'IOC' | 'DAY';
  readonly liquidity: 'TAKE' | 'REST';
}

export interface RoutePlan {
  readonly assessments: readonly VenueAssessment[];
  readonly children: readonly ChildPlan[];
  /** Quantity not placed (an IOC remainder beyond displayed liquidity). */
  readonly unplaced: number;
}

export type RouteRefusal = { readonly code: 'NO_AVAILABLE_VENUE'; readonly field: 'destination'; readonly reasons: readonly { venue: string; ineligible: Ineligibility }[] };

const EPS = 1e-9;

export function assessVenue(view: VenueView, side: OrderSide, overPacing: boolean, stats: VenueSummary | undefined, config: RouteConfig): VenueAssessment {
  const book = side === 'BUY' ? view.asks : view.bids;
  // The best level with size left: a level taken out this quote shows size 0 and is not the touch.
  let touch: number | null = null;
  let displayed = 0;
  for (const level of book) {
    if (level.size <= 0) continue;
    touch ??= level.price;
    displayed += level.size;
  }
  const ineligible: Ineligibility | null = view.status !== 'UP' ? view.status : overPacing ? 'OVER_PACING' : touch === null ? 'NO_QUOTE' : null;
  const price = touch ?? 0;
  const slippageBps = Math.max(0, stats?.slippageBps ?? 0);
  const riskPerShare = (price * (view.latencyMs * config.latencyCostBpsPerMs + slippageBps)) / 10_000;
  const weight = stats && stats.fillRate !== null ? Math.min(1, stats.ordersSent / config.statsConfidenceOrders) : 0;
  const fillProbability = (1 - weight) * view.fillProbability + weight * (stats?.fillRate ?? 0);
  const restCostPerShare = view.makerFeePerShare + riskPerShare;
  const restCostBps = price > 0 ? (restCostPerShare / price) * 10_000 : Infinity;
  return {
    venue: view.venue,
    ineligible,
    touch,
    displayed,
    takeCostPerShare: view.takerFeePerShare + riskPerShare,
    restCostPerShare,
    fillProbability,
    passiveScore: fillProbability / Math.max(config.passiveCostFloorBps, restCostBps + config.passiveCostFloorBps),
  };
}

interface Candidate {
  readonly venue: number;
  readonly price: number;
  readonly effective: number;
  readonly size: number;
}

/**
 * Plans the children for `request` over `views`. `overPacing(venue)` and `stats(venue)` come from the router's own
 * records. Refused with NO_AVAILABLE_VENUE when no venue may take an order now.
 */
export function planRoute(
  request: RouteRequest,
  views: readonly VenueView[],
  overPacing: (venue: string) => boolean,
  stats: (venue: string) => VenueSummary | undefined,
  config: RouteConfig = DEFAULT_ROUTE_CONFIG,
): Result<RoutePlan, RouteRefusal> {
  const { side, limitPrice, lotSize } = request;
  const buy = side === 'BUY';
  const assessments = views.map((v) => assessVenue(v, side, overPacing(v.venue), stats(v.venue), config));
  // A venue without a quote can still take a resting order; down, degraded or over pacing cannot take any.
  const usable = assessments.map((a) => a.ineligible === null || (a.ineligible === 'NO_QUOTE' && limitPrice !== null && request.mayRest));
  if (!usable.some(Boolean)) {
    return err({ code: 'NO_AVAILABLE_VENUE', field: 'destination', reasons: assessments.map((a) => ({ venue: a.venue, ineligible: a.ineligible as Ineligibility })) });
  }
  // The sweep: every displayed level within the limit, best price after the venue's costs first.
  const candidates: Candidate[] = [];
  for (let i = 0; i < views.length; i++) {
    const a = assessments[i] as VenueAssessment;
    if (a.ineligible !== null) continue;
    const view = views[i] as VenueView;
    for (const level of buy ? view.asks : view.bids) {
      if (level.size <= EPS) continue;
      if (limitPrice !== null && (buy ? level.price > limitPrice + EPS : level.price < limitPrice - EPS)) break;
      candidates.push({ venue: i, price: level.price, effective: buy ? level.price + a.takeCostPerShare : level.price - a.takeCostPerShare, size: level.size });
    }
  }
  candidates.sort((x, y) => (buy ? x.effective - y.effective : y.effective - x.effective) || x.venue - y.venue);
  // Whole lots throughout: one rounding per child instead of one per level.
  // Plain arrays of doubles: a router makes these per order, and small typed arrays cost more to make.
  const takeLots: number[] = new Array<number>(views.length).fill(0);
  const worstPrice: number[] = new Array<number>(views.length).fill(0);
  let lotsLeft = Math.round(request.quantity / lotSize);
  for (const c of candidates) {
    if (lotsLeft <= 0) break;
    const lots = Math.min(lotsLeft, Math.floor(c.size / lotSize + EPS));
    if (lots <= 0) continue;
    takeLots[c.venue] = (takeLots[c.venue] as number) + lots;
    worstPrice[c.venue] = c.price;
    lotsLeft -= lots;
  }
  const children: ChildPlan[] = [];
  for (let i = 0; i < views.length; i++) {
    const lots = takeLots[i] as number;
    if (lots <= 0) continue;
    children.push({ venue: (views[i] as VenueView).venue, quantity: roundToIncrement(lots * lotSize, lotSize), type: 'LIMIT', limitPrice: worstPrice[i] as number, timeInForce: 'IOC', liquidity: 'TAKE' });
  }
  let left = lotsLeft > 0 ? roundToIncrement(lotsLeft * lotSize, lotSize) : 0;
  if (left > EPS) {
    if (limitPrice === null) {
      const cheapest = cheapestTaker(assessments, usable);
      if (cheapest !== null) {
        children.push({ venue: cheapest, quantity: left, type: 'MARKET', limitPrice: null, timeInForce: request.mayRest ? 'DAY' : 'IOC', liquidity: 'TAKE' });
        left = 0;
      }
    } else if (request.mayRest) {
      const venue = bestPassive(assessments, usable);
      if (venue !== null) {
        children.push({ venue, quantity: left, type: 'LIMIT', limitPrice, timeInForce: 'DAY', liquidity: 'REST' });
        left = 0;
      }
    }
  }
  return ok({ assessments, children, unplaced: left });
}

function cheapestTaker(assessments: readonly VenueAssessment[], usable: readonly boolean[]): string | null {
  let best: VenueAssessment | null = null;
  assessments.forEach((a, i) => {
    if (!usable[i] || a.touch === null) return;
    if (best === null || a.takeCostPerShare < best.takeCostPerShare) best = a;
  });
  return (best as VenueAssessment | null)?.venue ?? null;
}

/** The venue with the best fill probability per unit of cost (first listed on a tie). */
export function bestPassive(assessments: readonly VenueAssessment[], usable: readonly boolean[]): string | null {
  let best: VenueAssessment | null = null;
  assessments.forEach((a, i) => {
    if (!usable[i]) return;
    if (best === null || a.passiveScore > best.passiveScore + EPS) best = a;
  });
  return (best as VenueAssessment | null)?.venue ?? null;
}
