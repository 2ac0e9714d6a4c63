// The OMS's public vocabulary: its errors, the events it publishes and the collaborators it is built from.
import type { Clock } from '../model/clock';
import type { AccountId, ClientOrderId, ClientOrderIdSource } from '../model/ids';
import type { Fill } from '../model/fill';
import type { Order } from '../model/order';
import type { PositionSnapshot } from '../model/position';
import type { InvalidTransition } from './orderStateTable';
import type { JournalWriter } from './journal';
import type { ExecutionRouter, RouteError } from './router';
import type { PositionKeeper } from './positions';
import type { PreTradeRisk } from './risk/preTradeRisk';
import type { RiskDenial } from './risk/denial';
import type { KillSwitchError } from './risk/killSwitch';

export type OmsError =
  | RiskDenial
  | InvalidTransition
  | KillSwitchError
  | { readonly code: 'UNKNOWN_ORDER'; readonly clientOrderId: ClientOrderId }
  | RouteError
  | { readonly code: 'NOTHING_TO_MODIFY'; readonly clientOrderId: ClientOrderId }
  | { readonly code: 'QUANTITY_NOT_ABOVE_FILLED'; readonly quantity: number; readonly filledQuantity: number }
  | { readonly code: 'INVALID_BRACKET'; readonly takeProfitPrice: number; readonly stopLossPrice: number; readonly reason: string }
  /** One leg of a bracket is unusable: the whole bracket is refused before the entry is sent. */
  | { readonly code: 'INVALID_BRACKET_LEG'; readonly leg: BracketLeg; readonly denial: BracketLegDenial };

/** The prices a bracket carries for its exits, each validated on its own. */
export type BracketLeg = 'TAKE_PROFIT' | 'STOP_LOSS' | 'STOP_LOSS_LIMIT';

/** Why a bracket leg was refused: the order-shape denial its exit order would get, or a price no trader means. */
export type BracketLegDenial =
  | RiskDenial
  | { readonly code: 'PRICE_NOT_USABLE'; readonly price: number }
  | { readonly code: 'PRICE_OUTSIDE_BAND'; readonly price: number; readonly referencePrice: number; readonly maxFactor: number };

/** DUPLICATE_EXECUTION_ID: a fill under a known execution id with different facts (order, quantity, price), dropped. */
export type OmsAnomaly = 'UNKNOWN_ORDER_EVENT' | 'INVALID_VENUE_TRANSITION' | 'OVERFILL' | 'UNKNOWN_EXECUTION' | 'DUPLICATE_EXECUTION_ID';

/** Normal outcomes worth telling the trader about, at info level (never an error). */
export type OmsNotice = 'CANCEL_TOO_LATE';

export type OmsEvent =
  | { readonly kind: 'ORDER_UPDATED'; readonly order: Readonly<Order> }
  | { readonly kind: 'FILL'; readonly fill: Fill; readonly position: PositionSnapshot }
  /** A fill already published, with its commission corrected (a late commission report); `fill` replaces `previous`. */
  | { readonly kind: 'FILL_AMENDED'; readonly fill: Fill; readonly previous: Fill; readonly position: PositionSnapshot }
  | { readonly kind: 'TRADING_HALT'; readonly killSwitch: boolean; readonly reduceOnly: boolean; readonly by: string; readonly reason: string }
  | { readonly kind: 'ANOMALY'; readonly anomaly: OmsAnomaly; readonly clientOrderId: ClientOrderId; readonly detail: string }
  | { readonly kind: 'NOTICE'; readonly notice: OmsNotice; readonly clientOrderId: ClientOrderId; readonly message: string }
  /** The journal refused a group commit: nothing since the last durable one is sent or published, ever (fail-stop). */
  | { readonly kind: 'JOURNAL_FAILED'; readonly message: string };

export type OmsListener = (event: OmsEvent) => void;

export interface OmsOptions {
  readonly account: AccountId;
  readonly clock: Clock;
  readonly journal: JournalWriter;
  readonly router: ExecutionRouter;
  readonly risk: PreTradeRisk;
  readonly positions: PositionKeeper;
  /** Seeded from the journal's highest id, so ids stay unique and monotonic across restarts. */
  readonly ids: ClientOrderIdSource;
  /** Schedules a group commit (queueMicrotask or setImmediate in the backend); omit to call flush() yourself. */
  readonly scheduleFlush?: (flush: () => void) => void;
  /** A request without a venue answer after this long leaves its order Unknown (see checkTimeouts). */
  readonly ackTimeoutMs?: number;
}

