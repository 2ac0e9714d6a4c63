// Execution parents (a SMART order or an algorithm): their vocabulary and the (state, event) → state table they move by.
import type { EpochMs } from '../model/clock';
import type { ClientOrderId } from '../model/ids';
import type { Symbol } from '../model/instrument';
import type { OrderSide } from '../model/order';
import type { StrategyOrderRef } from '../model/strategyRef';
import { err, ok, type Result } from '../model/result';
import type { ChildPlan, VenueAssessment } from './routePlanner';
import type { ParentPricing, ResolvedPricing } from './pricingPolicy';

/** ENDING: its window or time in force is over and its children are being cancelled; EXPIRED once they are. */
export const PARENT_STATUSES = ['WORKING', 'PAUSED', 'CANCELING', 'ENDING', 'FILLED', 'CANCELED', 'EXPIRED'] as const;
export type ParentStatus = (typeof PARENT_STATUSES)[number];
export type ParentEvent = 'PAUSE' | 'RESUME' | 'MODIFY' | 'CANCEL' | 'CHILDREN_DONE' | 'FILLED' | 'END';

export const ALGO_KINDS = ['SMART', 'TWAP', 'VWAP', 'POV', 'ICEBERG'] as const;
export type AlgoKind = (typeof ALGO_KINDS)[number];

const TABLE: Readonly<Record<ParentStatus, Partial<Record<ParentEvent, ParentStatus>>>> = {
  WORKING: { PAUSE: 'PAUSED', MODIFY: 'WORKING', CANCEL: 'CANCELING', FILLED: 'FILLED', END: 'ENDING' },
  PAUSED: { RESUME: 'WORKING', MODIFY: 'PAUSED', CANCEL: 'CANCELING', FILLED: 'FILLED', END: 'ENDING' },
  CANCELING: { CHILDREN_DONE: 'CANCELED', FILLED: 'FILLED' },
  ENDING: { CHILDREN_DONE: 'EXPIRED', CANCEL: 'CANCELING', FILLED: 'FILLED' },
  FILLED: {},
  CANCELED: {},
  EXPIRED: {},
};

export const isParentDone = (status: ParentStatus): boolean => status === 'FILLED' || status === 'CANCELED' || status === 'EXPIRED';

export type ParentTransitionError = { readonly code: 'INVALID_PARENT_TRANSITION'; readonly status: ParentStatus; readonly event: ParentEvent };

export function parentTransition(status: ParentStatus, event: ParentEvent): Result<ParentStatus, ParentTransitionError> {
  const next = TABLE[status][event];
  return next === undefined ? err({ code: 'INVALID_PARENT_TRANSITION', status, event }) : ok(next);
}

/** A strategy's parent: its children carry the strategy's version and go only to its venue (when it has one). */
export interface ExecutionOwner {
  readonly strategy: StrategyOrderRef | null;
  readonly venue: string | null;
}

export interface ExecutionParent {
  readonly id: ClientOrderId;
  readonly symbol: Symbol;
  readonly side: OrderSide;
  readonly algo: AlgoKind;
  /** The strategy that sent it; null for the trader's own. */
  readonly owner: ExecutionOwner | null;
  readonly createdAt: EpochMs;
  /** The consolidated mid when the parent arrived: TCA's benchmark and the slippage statistics' reference. */
  readonly arrivalMid: number;
  status: ParentStatus;
  quantity: number;
  /** The parent's own limit (null: market); algorithms never price a child through it. */
  limitPrice: number | null;
  /** Quantity the parent lets the router work so far (all of it for SMART; an algorithm's schedule for the rest). */
  released: number;
  pricing: ParentPricing;
  filled: number;
  filledNotional: number;
  fees: number;
  readonly children: ClientOrderId[];
  updatedAt: EpochMs;
}

export type RouteReason = 'NEW' | 'RELEASE' | 'REROUTE_VENUE_UNAVAILABLE' | 'REROUTE_MARKETABLE_ELSEWHERE' | 'REROUTE_QUOTE_MOVED' | 'REROUTE_MODIFIED' | 'REROUTE_REPRICED';

/** One routing decision with everything it was made from. */
export interface RouteDecisionRecord {
  readonly parentId: ClientOrderId;
  readonly time: EpochMs;
  readonly reason: RouteReason;
  readonly quantity: number;
  readonly pricing: ParentPricing;
  /** The policy as priced against the books at the time. */
  readonly resolved: ResolvedPricing;
  readonly assessments: readonly VenueAssessment[];
  readonly children: readonly (ChildPlan & { readonly clientOrderId: ClientOrderId | null; readonly refused: string | null })[];
  readonly unplaced: number;
}
