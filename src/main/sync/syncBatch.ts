// Turns outbox entries into the shared record's rows: journal groups decoded into order events, orders, fills and
// commission corrections; limit changes and breaches as they are. Pure over the SQLite record, no PostgreSQL here.
import type { JournalRecord } from '../../core/trading/journal';
import { clientOrderIdOfRecord } from '../../core/trading/auditTrail';
import type { BreachRecord } from '../../shared/contracts/risk';
import type { RegisteredModel } from '../../shared/contracts/mlRegistry';
import { decodeGroup } from '../storage/journal/journalCodec';
import type { LimitChange, OutboxEntry, OutboxRow } from '../storage/outbox/outbox';
import type { SqliteDatabase } from '../storage/sqlite/database';

export interface OrderEventRow {
  readonly seq: number;
  readonly time: number;
  readonly kind: string;
  readonly clientOrderId: string | null;
  readonly record: JournalRecord;
}
export interface OrderRow {
  readonly clientOrderId: string;
  readonly account: string;
  readonly symbol: string;
  readonly side: string;
  readonly type: string;
  readonly quantity: number;
  readonly limitPrice: number | null;
  readonly stopPrice: number | null;
  readonly venue: string;
  readonly submittedAt: number;
}
export interface FillRow {
  readonly executionId: string;
  readonly clientOrderId: string;
  readonly venueOrderId: string;
  readonly time: number;
  readonly quantity: number;
  readonly price: number;
  readonly commission: number;
  readonly commissionCurrency: string;
  readonly liquidity: string;
}
export interface CommissionRow {
  readonly executionId: string;
  readonly commission: number;
  readonly commissionCurrency: string;
}

/** The rows one push writes, each list in outbox order; `lastOutboxId` is acknowledged once they are committed. */
export interface SyncBatch {
  readonly lastOutboxId: number;
  readonly entries: number;
  readonly orderEvents: OrderEventRow[];
  readonly orders: OrderRow[];
  readonly fills: FillRow[];
  readonly commissions: CommissionRow[];
  readonly limitChanges: LimitChange[];
  readonly breaches: BreachRecord[];
  /** Model registry rows, each in its last state within the batch. */
  readonly models: RegisteredModel[];
  readonly backtestRuns: Extract<OutboxEntry, { topic: 'backtest' }>[];
  readonly riskReports: Extract<OutboxEntry, { topic: 'riskReport' }>[];
}

/** The records an outbox journal entry stands for, read back from the (append-only) journal. */
export function journalRecordsOf(db: SqliteDatabase, entry: Extract<OutboxEntry, { topic: 'journal' }>): JournalRecord[] {
  if ('legacy' in entry) {
    const rows = db.prepare('SELECT body FROM journal ORDER BY seq').all() as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as JournalRecord);
  }
  const row = db.prepare('SELECT format, body FROM journal_group WHERE seq = ?').get(entry.group) as { format: number; body: string } | undefined;
  if (!row) throw new Error(`outbox names journal group ${entry.group}, which the journal does not hold`);
  return [...decodeGroup(row.format, row.body)];
}

/** Rows for the shared record from outbox rows, in order. */
export function buildSyncBatch(db: SqliteDatabase, rows: readonly OutboxRow[]): SyncBatch {
  const batch: SyncBatch = { lastOutboxId: 0, entries: rows.length, orderEvents: [], orders: [], fills: [], commissions: [], limitChanges: [], breaches: [], models: [], backtestRuns: [], riskReports: [] };
  const breaches = new Map<number, BreachRecord>();
  const models = new Map<number, RegisteredModel>();
  const commissions = new Map<string, CommissionRow>();
  let lastOutboxId = 0;
  for (const { id, entry } of rows) {
    lastOutboxId = id;
    switch (entry.topic) {
      case 'journal': {
        const records = journalRecordsOf(db, entry);
        records.forEach((record, i) => addJournalRecord(batch, commissions, entry.firstSeq + i, record));
        break;
      }
      case 'limits':
        batch.limitChanges.push(entry.change);
        break;
      case 'breach':
        // A breach opened and cleared within one push: its last state wins (one upsert per key and statement).
        breaches.delete(entry.breach.id);
        breaches.set(entry.breach.id, entry.breach);
        break;
      case 'backtest':
        batch.backtestRuns.push(entry);
        break;
      case 'riskReport':
        batch.riskReports.push(entry);
        break;
      case 'model':
        models.delete(entry.model.id);
        models.set(entry.model.id, entry.model);
        break;
      default:
        return entry satisfies never;
    }
  }
  batch.breaches.push(...breaches.values());
  batch.models.push(...models.values());
  batch.commissions.push(...commissions.values());
  return { ...batch, lastOutboxId };
}

function addJournalRecord(batch: SyncBatch, commissions: Map<string, CommissionRow>, seq: number, record: JournalRecord): void {
  batch.orderEvents.push({ seq, time: record.time, kind: record.kind, clientOrderId: clientOrderIdOfRecord(record) ?? null, record });
  if (record.kind === 'ORDER_SUBMITTED') {
    const o = record.order;
    batch.orders.push({
      clientOrderId: o.clientOrderId,
      account: o.account,
      symbol: o.symbol,
      side: o.side,
      type: o.type,
      quantity: o.quantity,
      limitPrice: o.limitPrice ?? null,
      stopPrice: o.stopPrice ?? null,
      venue: record.venue,
      submittedAt: record.time,
    });
    return;
  }
  if (record.kind !== 'VENUE_EVENT') return;
  const e = record.event;
  if (e.kind === 'FILL') {
    batch.fills.push({
      executionId: e.executionId,
      clientOrderId: e.clientOrderId,
      venueOrderId: e.venueOrderId,
      time: e.time,
      quantity: e.quantity,
      price: e.price,
      commission: e.commission,
      commissionCurrency: e.commissionCurrency,
      liquidity: e.liquidity,
    });
  } else if (e.kind === 'COMMISSION_REPORT') {
    commissions.set(e.executionId, { executionId: e.executionId, commission: e.commission, commissionCurrency: e.commissionCurrency });
  }
}
