// The log's audit trail: every order event from the journal (`journal.events`), with ids and original times, in the
// log's own vocabulary of kinds (`new`, `ack`, `fill`, `cancel`, …).
import type { AuditEntry, AuditKind } from '../../../core/trading/auditTrail';
import { AUDIT_MAX_LIMIT } from '../../../shared/contracts/audit';
import type { WorkstationClient } from '../../../shared/contracts/client';

/** One journaled order event as the log shows it. `clientOrderId` is null for account-wide events (kill switch). */
export interface AuditEvent {
  readonly seq: number | null;
  readonly time: number;
  readonly kind: string;
  readonly clientOrderId: string | null;
  readonly symbol?: string;
  readonly side?: string;
  readonly quantity?: number;
  readonly price?: number;
  readonly status?: string;
  readonly reason?: string;
}

/** The log's name for each journal record kind: one entry per kind, so a new kind cannot go unshown. */
export const LOG_KIND: Readonly<Record<AuditKind, string>> = {
  NEW: 'new',
  MODIFY_REQUESTED: 'modify-request',
  CANCEL_REQUESTED: 'cancel-request',
  TIMED_OUT: 'unknown',
  NOT_FOUND_AT_VENUE: 'not-found',
  ACCEPTED: 'ack',
  REJECTED: 'reject',
  FILL: 'fill',
  CANCELED: 'cancel',
  CANCEL_REJECTED: 'cancel-reject',
  REPLACED: 'modify',
  REPLACE_REJECTED: 'modify-reject',
  EXPIRED: 'expire',
  COMMISSION: 'commission',
  KILL_SWITCH: 'kill-switch',
  REDUCE_ONLY: 'reduce-only',
};

/** How many of the newest events the log reads (pages of AUDIT_MAX_LIMIT). */
const MAX_EVENTS = 5_000;

export function auditEventOf(entry: AuditEntry): AuditEvent {
  const { kind, ...rest } = entry;
  return { ...rest, kind: LOG_KIND[kind] };
}

/** The newest MAX_EVENTS journal events, oldest first. */
export async function loadJournalEvents(api: WorkstationClient): Promise<AuditEvent[]> {
  const entries: AuditEntry[] = [];
  let beforeSeq: number | undefined;
  do {
    const page = await api.call('journal.events', { limit: AUDIT_MAX_LIMIT, ...(beforeSeq !== undefined ? { beforeSeq } : {}) });
    entries.push(...page.entries);
    beforeSeq = page.nextBeforeSeq ?? undefined;
  } while (beforeSeq !== undefined && entries.length < MAX_EVENTS);
  return entries.reverse().map(auditEventOf);
}

/** One order event as a sentence: `new BUY 100 NVTX @ 182.40 LIMIT`, `reject: price collar`. */
export function describeAuditEvent(e: AuditEvent): string {
  const what = [e.side, e.quantity, e.symbol].filter((v) => v !== undefined).join(' ');
  const price = e.price !== undefined ? ` @ ${e.price}` : '';
  const status = e.status && e.kind === 'new' ? ` ${e.status}` : e.status ? ` → ${e.status}` : '';
  const reason = e.reason ? `: ${e.reason}` : '';
  return `${e.kind}${what ? ` ${what}` : ''}${price}${status}${reason}`;
}
