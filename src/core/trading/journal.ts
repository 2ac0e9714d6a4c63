// The journal records the OMS writes (commands and venue events) and the writer interface it needs; storage lives in main.
import type { EpochMs } from '../model/clock';
import type { ClientOrderId } from '../model/ids';
import type { OrderSpec } from '../model/order';
import type { VenueEvent } from './venue';

export type JournalRecord =
  | { readonly kind: 'ORDER_SUBMITTED'; readonly time: EpochMs; readonly order: OrderSpec; readonly venue: string }
  | {
      readonly kind: 'ORDER_MODIFY_REQUESTED';
      readonly time: EpochMs;
      readonly clientOrderId: ClientOrderId;
      readonly quantity: number;
      readonly limitPrice: number | null;
      readonly stopPrice: number | null;
    }
  | { readonly kind: 'ORDER_CANCEL_REQUESTED'; readonly time: EpochMs; readonly clientOrderId: ClientOrderId; readonly reason?: CancelReason }
  | { readonly kind: 'ORDER_TIMED_OUT'; readonly time: EpochMs; readonly clientOrderId: ClientOrderId }
  | { readonly kind: 'ORDER_NOT_FOUND_AT_VENUE'; readonly time: EpochMs; readonly clientOrderId: ClientOrderId }
  | { readonly kind: 'VENUE_EVENT'; readonly time: EpochMs; readonly event: VenueEvent }
  | { readonly kind: 'KILL_SWITCH'; readonly time: EpochMs; readonly engaged: boolean; readonly by: string; readonly reason: string }
  | { readonly kind: 'REDUCE_ONLY'; readonly time: EpochMs; readonly enabled: boolean; readonly by: string };

/** Why the OMS itself asked for a cancel (absent: the trader asked). */
export type CancelReason = 'FLATTEN' | 'POSITION_FLAT' | 'POSITION_REVERSED' | 'BRACKET_EXIT_DONE' | 'KILL_SWITCH';

export type JournalRecordKind = JournalRecord['kind'];

/**
 * Append is buffered; commit makes every buffered record durable in one write (group commit).
 * The OMS hands orders to venues only after commit returns.
 */
export interface JournalWriter {
  append(record: JournalRecord): void;
  commit(): void;
}

/** An in-memory journal for tests, backtests and simulations that need no durability. */
export class MemoryJournal implements JournalWriter {
  readonly committed: JournalRecord[] = [];
  private pending: JournalRecord[] = [];
  commits = 0;
  append(record: JournalRecord): void {
    this.pending.push(record);
  }
  commit(): void {
    if (this.pending.length === 0) return;
    for (const record of this.pending) this.committed.push(record);
    this.pending = [];
    this.commits += 1;
  }
  get pendingCount(): number {
    return this.pending.length;
  }
}
