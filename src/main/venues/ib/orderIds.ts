// IB order ids and request ids: order ids never reused (max of nextValidId and every id ever used), request ids in a separate range.
import type { JournalRecord } from '../../../core/trading/journal';

/**
 * Request ids (market data, history, executions …) start here, far above any order id, so an
 * error for one can never be mistaken for the other (TWS reports order errors under the order id).
 */
export const REQUEST_ID_BASE = 1_000_000_000;

export class OrderIdAllocator {
  private nextValid = 0;
  private highestUsed: number;

  /** `highestKnown`: the highest order id the journal (or a settings store) knows was used. */
  constructor(highestKnown = 0) {
    this.highestUsed = Math.max(0, Math.floor(highestKnown));
  }

  /** The gateway's nextValidId (handshake, reqIds). A lower value than before is ignored for our purposes. */
  onNextValidId(id: number): void {
    if (Number.isSafeInteger(id)) this.nextValid = Math.max(this.nextValid, id);
  }

  /** An id seen in use (open orders, executions, error 103): never hand it out again. */
  observe(id: number): void {
    if (Number.isSafeInteger(id) && id > this.highestUsed) this.highestUsed = id;
  }

  /** Re-reads the journal's high-water mark (at each session start). */
  raiseTo(highestKnown: number): void {
    this.observe(highestKnown);
  }

  /** The id next() will hand out. */
  peek(): number {
    return Math.max(this.nextValid, this.highestUsed + 1, 1);
  }

  next(): number {
    const id = this.peek();
    if (id >= REQUEST_ID_BASE) throw new Error(`IB order id ${id} ran into the request id range`);
    this.highestUsed = id;
    return id;
  }

  get highest(): number {
    return this.highestUsed;
  }
}

export class RequestIdSource {
  private last = REQUEST_ID_BASE;
  next(): number {
    this.last += 1;
    return this.last;
  }
}

export const isRequestId = (id: number): boolean => id > REQUEST_ID_BASE;

/** The venue order ids this adapter hands out are the IB order ids as decimal strings. */
export function parseIbOrderId(venueOrderId: string | null | undefined): number | undefined {
  if (!venueOrderId || !/^\d{1,10}$/.test(venueOrderId)) return undefined;
  return Number(venueOrderId);
}

/** The highest IB order id recorded in a journal for orders routed to `venueName` (seed for OrderIdAllocator). */
export function highestIbOrderIdInJournal(records: Iterable<JournalRecord>, venueName: string): number {
  const ours = new Set<string>();
  let highest = 0;
  for (const r of records) {
    if (r.kind === 'ORDER_SUBMITTED' && r.venue === venueName) ours.add(r.order.clientOrderId);
    if (r.kind !== 'VENUE_EVENT' || !ours.has(r.event.clientOrderId)) continue;
    const e = r.event;
    const id = e.kind === 'ACCEPTED' || e.kind === 'FILL' ? parseIbOrderId(e.venueOrderId) : undefined;
    if (id !== undefined && id > highest) highest = id;
  }
  return highest;
}
