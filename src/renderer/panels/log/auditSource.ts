// The log's audit trail: every order event with ids and original times. From the journal (`journal.events`) when
// the backend serves it; until then (INTERIM, see deriveAuditEvents) derived from the orders and fills the
// workspace already holds, which come from the backend and so survive a reload.
import { z } from 'zod';
import type { Fill } from '../../../core/model/fill';
import type { Order, OrderStatus } from '../../../core/model/order';
import { isMethodName } from '../../../shared/contracts/api';
import type { WorkstationClient } from '../../../shared/contracts/client';

/**
 * One journaled order event, the shape the ordersafety branch's `journal.events` returns. `seq` is the journal's
 * sequence number (null for an event derived from the order's current state, which has none).
 */
export const auditEventSchema = z.object({
  seq: z.number().int().nullable(),
  time: z.number().finite(),
  kind: z.string().min(1).max(40),
  clientOrderId: z.string().min(1),
  symbol: z.string().optional(),
  side: z.string().optional(),
  quantity: z.number().finite().optional(),
  price: z.number().finite().optional(),
  status: z.string().optional(),
  reason: z.string().optional(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

/** The method the journal's events come from once merged; looked up at run time so this compiles before it exists. */
export const JOURNAL_METHOD = 'journal.events';
const MAX_EVENTS = 5_000;

/** True when this build's contract has the journal method (after the ordersafety branch is merged). */
export const journalServed = (): boolean => isMethodName(JOURNAL_METHOD);

/** The journal's events, newest MAX_EVENTS, validated; null when the contract has no such method. */
export async function loadJournalEvents(api: WorkstationClient): Promise<AuditEvent[] | null> {
  if (!journalServed()) return null;
  const call = api.call as unknown as (method: string, input: unknown) => Promise<unknown>;
  const reply = await call(JOURNAL_METHOD, { limit: MAX_EVENTS });
  const parsed = z.array(auditEventSchema).safeParse(reply);
  if (!parsed.success) throw new Error(`${JOURNAL_METHOD}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** The event an order's current status stands for (the status it reached, at updatedAt). */
const STATUS_KIND: Readonly<Record<OrderStatus, string | null>> = {
  PendingNew: null,
  Submitted: 'submitted',
  Accepted: 'ack',
  PartiallyFilled: null, // its fills are events of their own
  Filled: null,
  PendingCancel: 'cancel-request',
  PendingReplace: 'modify-request',
  Canceled: 'cancel',
  Rejected: 'reject',
  Expired: 'expire',
  Unknown: 'unknown',
};

/**
 * INTERIM, until `journal.events` is served: each order's submit (at its createdAt), the state it is in now (at its
 * updatedAt, with the reject reason) and each fill (at its own time). Intermediate steps the workspace did not see
 * (an ack before a fill, a modify before a reload) are missing; the journal has them.
 */
export function deriveAuditEvents(orders: readonly Order[], fills: readonly Fill[]): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (const o of orders) {
    const base = { seq: null, clientOrderId: o.clientOrderId, symbol: o.symbol, side: o.side };
    const price = o.limitPrice ?? o.stopPrice ?? undefined;
    events.push({ ...base, time: o.createdAt, kind: 'new', quantity: o.quantity, ...(price !== undefined ? { price } : {}), status: o.type });
    const kind = STATUS_KIND[o.status];
    if (kind) events.push({ ...base, time: o.updatedAt, kind, status: o.status, ...(o.rejectReason ? { reason: o.rejectReason } : {}) });
  }
  for (const f of fills) events.push({ seq: null, time: f.time, kind: 'fill', clientOrderId: f.clientOrderId, symbol: f.symbol, side: f.side, quantity: f.quantity, price: f.price });
  return events.sort((a, b) => a.time - b.time);
}

/** One order event as a sentence: `new BUY 100 NVTX @ 182.40 LIMIT`, `reject: price collar`. */
export function describeAuditEvent(e: AuditEvent): string {
  const what = [e.side, e.quantity, e.symbol].filter((v) => v !== undefined).join(' ');
  const price = e.price !== undefined ? ` @ ${e.price}` : '';
  const status = e.status && e.kind === 'new' ? ` ${e.status}` : e.status ? ` → ${e.status}` : '';
  const reason = e.reason ? `: ${e.reason}` : '';
  return `${e.kind}${what ? ` ${what}` : ''}${price}${status}${reason}`;
}
