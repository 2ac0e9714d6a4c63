// The audit trail: each journal record as one plain entry a trader can read (what happened to which order, when, and why), and the filter over them.
import { assertNever } from '../model/assert';
import type { EpochMs } from '../model/clock';
import type { ClientOrderId } from '../model/ids';
import type { Symbol } from '../model/instrument';
import type { OrderSide, OrderSpec, OrderStatus } from '../model/order';
import type { JournalRecord } from './journal';

export const AUDIT_KINDS = [
  'NEW',
  'MODIFY_REQUESTED',
  'CANCEL_REQUESTED',
  'TIMED_OUT',
  'NOT_FOUND_AT_VENUE',
  'ACCEPTED',
  'REJECTED',
  'FILL',
  'CANCELED',
  'CANCEL_REJECTED',
  'REPLACED',
  'REPLACE_REJECTED',
  'EXPIRED',
  'COMMISSION',
  'KILL_SWITCH',
  'REDUCE_ONLY',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export interface AuditEntry {
  /** The journal's sequence number: unique, increasing; page with `beforeSeq`. */
  readonly seq: number;
  /** When it happened (the original time, also after restarts). */
  readonly time: EpochMs;
  readonly kind: AuditKind;
  /** Null for account-wide events (kill switch, reduce-only). */
  readonly clientOrderId: ClientOrderId | null;
  readonly symbol?: Symbol;
  readonly side?: OrderSide;
  /** Order quantity (NEW, MODIFY_REQUESTED, REPLACED) or filled quantity (FILL). */
  readonly quantity?: number;
  /** Limit (else stop) price of the order, or the fill price. */
  readonly price?: number;
  /** The status this event puts the order in, where the event alone decides it. */
  readonly status?: OrderStatus;
  /** Why: the venue's reason, the OMS's cancel reason, who engaged the kill switch. */
  readonly reason?: string;
}

/** The order an event belongs to, as submitted (symbol and side come from it). */
export type OrderLookup = (clientOrderId: ClientOrderId) => Pick<OrderSpec, 'symbol' | 'side'> | undefined;

const priceOf = (limitPrice: number | null, stopPrice: number | null): number | undefined => limitPrice ?? stopPrice ?? undefined;

type Detail = Omit<AuditEntry, 'seq' | 'time' | 'clientOrderId' | 'symbol' | 'side'>;

function detailOf(record: JournalRecord): Detail {
  switch (record.kind) {
    case 'ORDER_SUBMITTED': {
      const o = record.order;
      const role = o.bracketRole ? `${o.bracketRole}${o.parentId ? ` of ${o.parentId}` : ''}` : undefined;
      return { kind: 'NEW', quantity: o.quantity, price: priceOf(o.limitPrice, o.stopPrice), status: 'Submitted', reason: [`${o.type} ${o.timeInForce} → ${record.venue}`, role, o.tag].filter(Boolean).join(' · ') };
    }
    case 'ORDER_MODIFY_REQUESTED':
      return { kind: 'MODIFY_REQUESTED', quantity: record.quantity, price: priceOf(record.limitPrice, record.stopPrice), status: 'PendingReplace' };
    case 'ORDER_CANCEL_REQUESTED':
      return { kind: 'CANCEL_REQUESTED', status: 'PendingCancel', ...(record.reason ? { reason: record.reason } : {}) };
    case 'ORDER_TIMED_OUT':
      return { kind: 'TIMED_OUT', status: 'Unknown', reason: 'no answer from the venue in time' };
    case 'ORDER_NOT_FOUND_AT_VENUE':
      return { kind: 'NOT_FOUND_AT_VENUE', status: 'Rejected', reason: 'the venue has no trace of the order' };
    case 'KILL_SWITCH':
      return { kind: 'KILL_SWITCH', reason: `${record.engaged ? 'engaged' : 'released'} by ${record.by}: ${record.reason}` };
    case 'REDUCE_ONLY':
      return { kind: 'REDUCE_ONLY', reason: `${record.enabled ? 'on' : 'off'} by ${record.by}` };
    case 'VENUE_EVENT': {
      const e = record.event;
      switch (e.kind) {
        case 'ACCEPTED':
          return { kind: 'ACCEPTED', status: 'Accepted' };
        case 'REJECTED':
          return { kind: 'REJECTED', status: 'Rejected', reason: e.reason };
        case 'FILL':
          return { kind: 'FILL', quantity: e.quantity, price: e.price, reason: `execution ${e.executionId}` };
        case 'CANCELED':
          return { kind: 'CANCELED', status: 'Canceled', ...(e.reason ? { reason: e.reason } : {}) };
        case 'CANCEL_REJECTED':
          return { kind: 'CANCEL_REJECTED', reason: e.reason };
        case 'REPLACED':
          return { kind: 'REPLACED', quantity: e.quantity, price: priceOf(e.limitPrice, e.stopPrice) };
        case 'REPLACE_REJECTED':
          return { kind: 'REPLACE_REJECTED', reason: e.reason };
        case 'EXPIRED':
          return { kind: 'EXPIRED', status: 'Expired' };
        case 'COMMISSION_REPORT':
          return { kind: 'COMMISSION', reason: `execution ${e.executionId}: commission ${e.commission} ${e.commissionCurrency}` };
        default:
          return assertNever(e, 'venue event');
      }
    }
    default:
      return assertNever(record, 'journal record');
  }
}

/** The order a journal record concerns, or null for account-wide records. */
export function clientOrderIdOfRecord(record: JournalRecord): ClientOrderId | null {
  switch (record.kind) {
    case 'ORDER_SUBMITTED':
      return record.order.clientOrderId;
    case 'VENUE_EVENT':
      return record.event.clientOrderId;
    case 'ORDER_MODIFY_REQUESTED':
    case 'ORDER_CANCEL_REQUESTED':
    case 'ORDER_TIMED_OUT':
    case 'ORDER_NOT_FOUND_AT_VENUE':
      return record.clientOrderId;
    case 'KILL_SWITCH':
    case 'REDUCE_ONLY':
      return null;
    default:
      return assertNever(record, 'journal record');
  }
}

export function toAuditEntry(seq: number, record: JournalRecord, orderOf: OrderLookup): AuditEntry {
  const clientOrderId = clientOrderIdOfRecord(record);
  const order = record.kind === 'ORDER_SUBMITTED' ? record.order : clientOrderId === null ? undefined : orderOf(clientOrderId);
  const detail = detailOf(record);
  const entry = { seq, time: record.time, clientOrderId, ...(order ? { symbol: order.symbol, side: order.side } : {}), ...detail };
  // Optional fields are absent rather than undefined, so the entry is the same object after JSON.
  return Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined)) as unknown as AuditEntry;
}

export interface AuditFilter {
  readonly symbol?: Symbol;
  readonly clientOrderId?: ClientOrderId;
  readonly kinds?: readonly AuditKind[];
  readonly from?: EpochMs;
  readonly to?: EpochMs;
  /** Case-insensitive, in the id, symbol, side, kind, status and reason. */
  readonly text?: string;
}

export function auditEntryMatches(entry: AuditEntry, filter: AuditFilter): boolean {
  if (filter.symbol !== undefined && entry.symbol !== filter.symbol) return false;
  if (filter.clientOrderId !== undefined && entry.clientOrderId !== filter.clientOrderId) return false;
  if (filter.kinds && filter.kinds.length > 0 && !filter.kinds.includes(entry.kind)) return false;
  if (filter.from !== undefined && entry.time < filter.from) return false;
  if (filter.to !== undefined && entry.time > filter.to) return false;
  if (filter.text) {
    const needle = filter.text.toLowerCase();
    const haystack = [entry.clientOrderId, entry.symbol, entry.side, entry.kind, entry.status, entry.reason].filter(Boolean).join(' ').toLowerCase();
    if (!haystack.includes(needle)) return false;
  }
  return true;
}
