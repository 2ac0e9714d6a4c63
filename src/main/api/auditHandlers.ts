// journal.events: the order audit trail read from the SQLite journal, filtered and paged newest first.
import type { ClientOrderId } from '../../core/model/ids';
import type { OrderSpec } from '../../core/model/order';
import { auditEntryMatches, toAuditEntry, type AuditEntry, type AuditFilter } from '../../core/trading/auditTrail';
import type { JournalRecordKind } from '../../core/trading/journal';
import { AUDIT_DEFAULT_LIMIT, type AuditPage } from '../../shared/contracts/audit';
import type { WorkstationApi } from '../../shared/contracts/api';
import type { SqliteJournal } from '../storage/journal/sqliteJournal';

type AuditHandlers = Pick<WorkstationApi, 'journal.events'>;

/** One call reads at most this many journal rows, so a search that matches little cannot stall the backend; page on with nextBeforeSeq. */
export const AUDIT_MAX_ROWS_SCANNED = 200_000;

export interface AuditQuery extends AuditFilter {
  readonly limit?: number;
  readonly beforeSeq?: number;
}

/** Journal kinds that can yield entries of the asked kinds (narrows the scan in SQL). */
function journalKindsFor(filter: AuditFilter): JournalRecordKind[] | undefined {
  if (!filter.kinds || filter.kinds.length === 0) return undefined;
  const kinds = new Set<JournalRecordKind>();
  for (const kind of filter.kinds) {
    if (kind === 'NEW') kinds.add('ORDER_SUBMITTED');
    else if (kind === 'MODIFY_REQUESTED') kinds.add('ORDER_MODIFY_REQUESTED');
    else if (kind === 'CANCEL_REQUESTED') kinds.add('ORDER_CANCEL_REQUESTED');
    else if (kind === 'TIMED_OUT') kinds.add('ORDER_TIMED_OUT');
    else if (kind === 'NOT_FOUND_AT_VENUE') kinds.add('ORDER_NOT_FOUND_AT_VENUE');
    else if (kind === 'KILL_SWITCH' || kind === 'REDUCE_ONLY') kinds.add(kind);
    else kinds.add('VENUE_EVENT');
  }
  return [...kinds];
}

/**
 * Reads one page of the audit trail, newest first. Synchronous on purpose: the journal's writer runs on
 * the same connection between event-loop turns, so a read never interleaves with a group commit.
 */
export function readAuditTrail(journal: SqliteJournal, query: AuditQuery): AuditPage {
  const limit = query.limit ?? AUDIT_DEFAULT_LIMIT;
  // One pass for every order's submit record: entries name their order's symbol, side and type.
  const orders = journal.orderSpecs();
  const orderOf = (id: ClientOrderId): OrderSpec | undefined => orders.get(id);
  const entries: AuditEntry[] = [];
  let scanned = 0;
  let lastSeq: number | null = null;
  let stoppedEarly = false;
  const rows = journal.query({ beforeSeq: query.beforeSeq, from: query.from, to: query.to, clientOrderId: query.clientOrderId, kinds: journalKindsFor(query) });
  for (const { seq, record } of rows) {
    scanned += 1;
    lastSeq = seq;
    const entry = toAuditEntry(seq, record, orderOf);
    if (auditEntryMatches(entry, query)) entries.push(entry);
    if (entries.length >= limit || scanned >= AUDIT_MAX_ROWS_SCANNED) {
      stoppedEarly = true;
      break;
    }
  }
  return { entries, nextBeforeSeq: stoppedEarly ? lastSeq : null };
}

export function auditHandlers(journal: () => SqliteJournal): AuditHandlers {
  return {
    'journal.events': async (query) => readAuditTrail(journal(), query),
  };
}
