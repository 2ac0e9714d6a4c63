// The one order state table: (status, event) → status. Anything not listed is refused with a typed error.
import { err, ok, type Result } from '../model/result';
import { ORDER_STATUSES, type OrderStatus } from '../model/order';

/**
 * Events that move an order. Venue answers that leave an order "where it was before the pending
 * request" are split by whether the order has fills, so the table stays a pure lookup.
 */
export const ORDER_EVENTS = [
  'SUBMIT', // journaled and handed to the venue
  'ACCEPT', // venue acknowledged
  'REJECT', // venue (or reconciliation) refused
  'PARTIAL_FILL',
  'FILL', // the last fill: cumulative quantity reached the order quantity
  'CANCEL_REQUEST',
  'CANCELED',
  'CANCEL_REJECTED',
  'CANCEL_REJECTED_AFTER_FILL',
  'REPLACE_REQUEST',
  'REPLACED',
  'REPLACED_AFTER_FILL',
  'REPLACE_REJECTED',
  'REPLACE_REJECTED_AFTER_FILL',
  'EXPIRE',
  'TIMEOUT', // no venue answer (or a restart while one was outstanding)
  'NOT_FOUND_AT_VENUE', // reconciliation: the venue never saw the order
] as const;
export type OrderEvent = (typeof ORDER_EVENTS)[number];

type Row = Partial<Record<OrderEvent, OrderStatus>>;

const live = (extra: Row): Row => ({
  PARTIAL_FILL: 'PartiallyFilled',
  FILL: 'Filled',
  CANCELED: 'Canceled',
  EXPIRE: 'Expired',
  ...extra,
});

export const ORDER_STATE_TABLE: Readonly<Record<OrderStatus, Readonly<Row>>> = {
  PendingNew: { SUBMIT: 'Submitted', REJECT: 'Rejected' },
  Submitted: live({
    ACCEPT: 'Accepted',
    REJECT: 'Rejected',
    CANCEL_REQUEST: 'PendingCancel',
    TIMEOUT: 'Unknown',
  }),
  Accepted: live({ CANCEL_REQUEST: 'PendingCancel', REPLACE_REQUEST: 'PendingReplace' }),
  PartiallyFilled: live({ CANCEL_REQUEST: 'PendingCancel', REPLACE_REQUEST: 'PendingReplace' }),
  PendingCancel: live({
    // Fills still arrive while a cancel is in flight; the order stays pending cancel.
    PARTIAL_FILL: 'PendingCancel',
    ACCEPT: 'PendingCancel',
    CANCEL_REJECTED: 'Accepted',
    CANCEL_REJECTED_AFTER_FILL: 'PartiallyFilled',
    // A replace confirmed before our cancel reached the venue: the cancel is still pending.
    REPLACED: 'PendingCancel',
    REPLACED_AFTER_FILL: 'PendingCancel',
    REPLACE_REJECTED: 'PendingCancel',
    REPLACE_REJECTED_AFTER_FILL: 'PendingCancel',
    TIMEOUT: 'Unknown',
  }),
  PendingReplace: live({
    PARTIAL_FILL: 'PendingReplace',
    CANCEL_REQUEST: 'PendingCancel',
    REPLACED: 'Accepted',
    REPLACED_AFTER_FILL: 'PartiallyFilled',
    REPLACE_REJECTED: 'Accepted',
    REPLACE_REJECTED_AFTER_FILL: 'PartiallyFilled',
    TIMEOUT: 'Unknown',
  }),
  Filled: {},
  Canceled: {},
  Rejected: {},
  Expired: {},
  // Settled only by what the venue reports during reconciliation; never re-sent.
  Unknown: live({
    ACCEPT: 'Accepted',
    REJECT: 'Rejected',
    REPLACED: 'Accepted',
    REPLACED_AFTER_FILL: 'PartiallyFilled',
    NOT_FOUND_AT_VENUE: 'Rejected',
  }),
};

export interface InvalidTransition {
  readonly code: 'INVALID_TRANSITION';
  readonly from: OrderStatus;
  readonly event: OrderEvent;
}

export function transition(from: OrderStatus, event: OrderEvent): Result<OrderStatus, InvalidTransition> {
  const to = ORDER_STATE_TABLE[from][event];
  return to === undefined ? err({ code: 'INVALID_TRANSITION', from, event }) : ok(to);
}

/** Every (status, event) pair, for tests and documentation. */
export function allTransitions(): { from: OrderStatus; event: OrderEvent; to: OrderStatus | undefined }[] {
  return ORDER_STATUSES.flatMap((from) =>
    ORDER_EVENTS.map((event) => ({ from, event, to: ORDER_STATE_TABLE[from][event] })),
  );
}

/** Statuses in which an order may still trade at the venue (it is in the book or may be). */
export const WORKING_STATUSES: ReadonlySet<OrderStatus> = new Set([
  'Submitted',
  'Accepted',
  'PartiallyFilled',
  'PendingCancel',
  'PendingReplace',
  'Unknown',
]);
