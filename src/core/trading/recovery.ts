// Start-up and reconciliation: rebuild the OMS from the journal, then settle what only the venues know (Unknown orders, missed fills).
import type { ClientOrderId } from '../model/ids';
import type { Order, OrderStatus } from '../model/order';
import type { JournalRecord } from './journal';
import type { OrderManager } from './oms';
import type { VenueOpenOrder } from './venue';

export interface RestoreReport {
  readonly records: number;
  readonly orders: number;
  readonly working: number;
  /** Orders whose last request had no answer in the journal: Unknown until reconciled. */
  readonly unknown: ClientOrderId[];
}

/**
 * Replays the journal into a fresh OMS (positions and risk aggregates follow from the same events).
 * Requests still outstanding at the crash may or may not have reached the venue: their orders go
 * Unknown and are never re-sent; call reconcile() next. Reactions cut short (bracket exits) resume.
 */
export function restoreFromJournal(oms: OrderManager, records: Iterable<JournalRecord>): RestoreReport {
  let count = 0;
  for (const record of records) {
    oms.applyRecord(record);
    count += 1;
  }
  const unknown: ClientOrderId[] = [];
  for (const order of [...oms.store.live]) {
    if (order.status === 'Unknown' || oms.markUnknown(order)) unknown.push(order.clientOrderId);
  }
  oms.resumeReactions();
  return { records: count, orders: oms.store.size, working: oms.store.live.size, unknown };
}

export interface ReconcileReport {
  readonly fillsRecovered: number;
  readonly settled: { readonly clientOrderId: ClientOrderId; readonly status: OrderStatus }[];
  /** Working at a venue but unknown to this OMS (placed elsewhere, e.g. in TWS). */
  readonly foreignOrders: VenueOpenOrder[];
}

const differs = (order: Order, open: VenueOpenOrder): boolean =>
  open.quantity !== order.quantity || open.limitPrice !== order.limitPrice || open.stopPrice !== order.stopPrice;

/**
 * Asks every venue (or only `venues`: one that is not connected cannot answer) for its open orders and
 * executions and settles our view to theirs.
 */
export async function reconcile(oms: OrderManager, venues?: readonly string[]): Promise<ReconcileReport> {
  let fillsRecovered = 0;
  const settled: { clientOrderId: ClientOrderId; status: OrderStatus }[] = [];
  const foreignOrders: VenueOpenOrder[] = [];
  const clock = oms.options.clock;
  for (const venue of oms.options.router.allVenues()) {
    if (venues && !venues.includes(venue.name)) continue;
    const mine = [...oms.store.live].filter((o) => oms.store.runtimeOf(o.clientOrderId).venue === venue.name);
    const since = mine.reduce((min, o) => Math.min(min, o.createdAt), clock.now());
    const [open, executions] = await Promise.all([venue.openOrders(), venue.executions(since)]);
    for (const execution of [...executions].sort((a, b) => a.time - b.time)) {
      if (oms.hasSeenExecution(execution.executionId) || !oms.store.get(execution.clientOrderId)) continue;
      oms.onVenueEvent(venue.name, execution);
      fillsRecovered += 1;
    }
    const openById = new Map(open.map((o) => [o.clientOrderId, o]));
    for (const o of open) if (!oms.store.get(o.clientOrderId)) foreignOrders.push(o);
    for (const order of mine) {
      const status = order.status;
      // Requests in flight will still be answered; only settle what cannot be.
      if (status !== 'Unknown' && status !== 'Accepted' && status !== 'PartiallyFilled') continue;
      const atVenue = openById.get(order.clientOrderId);
      const time = clock.now();
      const id = order.clientOrderId;
      if (atVenue) {
        if (status !== 'Unknown') continue;
        if (differs(order, atVenue)) {
          oms.onVenueEvent(venue.name, { kind: 'REPLACED', clientOrderId: id, quantity: atVenue.quantity, limitPrice: atVenue.limitPrice, stopPrice: atVenue.stopPrice, time });
        } else if (order.filledQuantity === 0) {
          oms.onVenueEvent(venue.name, { kind: 'ACCEPTED', clientOrderId: id, venueOrderId: atVenue.venueOrderId, time });
        }
      } else if (order.filledQuantity > 0 || oms.store.runtimeOf(id).cancelRequested || status !== 'Unknown') {
        oms.onVenueEvent(venue.name, { kind: 'CANCELED', clientOrderId: id, reason: 'RECONCILED_NOT_OPEN_AT_VENUE', time });
      } else {
        oms.markNotFound(order);
      }
      settled.push({ clientOrderId: id, status: order.status });
    }
  }
  return { fillsRecovered, settled, foreignOrders };
}
