// Order lifecycle: venue events and journal records applied through the state table to orders, positions and risk; the OMS adds commands on top.
import type { EpochMs } from '../model/clock';
import type { ClientOrderId, ExecutionId } from '../model/ids';
import { roundToIncrement } from '../model/instrument';
import type { Fill } from '../model/fill';
import { assertNever } from '../model';
import type { Order } from '../model/order';
import { transition, type OrderEvent } from './orderStateTable';
import type { JournalRecord } from './journal';
import type { CommissionReportEvent, FillEvent, VenueEvent } from './venue';
import { OrderStore } from './orderStore';
import { BracketManager } from './brackets';
import type { OmsAnomaly, OmsEvent, OmsListener, OmsOptions } from './omsTypes';
import { CommitGate } from './commitGate';

const EPS = 1e-9;

export abstract class OrderLifecycle {
  readonly store: OrderStore;
  protected readonly brackets = new BracketManager();
  /** Replaced, never mutated (copy on write): a listener that unsubscribes while an event is delivered (a strategy
   * stopped from its own onFill) cannot make the delivery skip the listener after it. */
  protected listeners: readonly OmsListener[] = [];
  /**
   * Every fill applied (this run and replayed), by execution id: a re-report with the same facts (order, quantity,
   * price) is dropped, different facts are an anomaly, a late commission report amends it.
   */
  private readonly fills = new Map<string, Fill>();
  protected flushScheduled = false;
  protected flushing = false;
  /** Events and durable-waiters held until the group commit that covers their records. */
  protected readonly gate = new CommitGate<OmsEvent>();
  /** True while rebuilding from the journal: nothing is appended, sent or reacted to. */
  protected replaying = false;
  /**
   * The time status changes are stamped with while a journal record or venue event is applied: its
   * own time, live and in replay alike, so an order shows the same times after a restart. Null: now.
   */
  private eventTime: EpochMs | null = null;
  private readonly runFlush = (): void => this.flush();

  constructor(readonly options: OmsOptions) {
    this.store = new OrderStore(options.risk.book);
    options.router.onEvent((venue, event) => this.onVenueEvent(venue, event));
  }

  abstract flush(): void;
  /** Reactions to an order change (brackets); not run during replay. */
  protected abstract react(order: Order): void;
  /** A fill moved the symbol's position to `position`; not run during replay. */
  protected abstract onPositionChanged(symbol: Order['symbol'], position: number): void;

  subscribe(listener: OmsListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /**
   * Settles once everything this OMS has done so far is durable: a reply to a client awaits it, so
   * nothing is acknowledged that a crash could take back. Rejects with JournalFailedError if the
   * commit fails. Client order ids: the id source continues after the journal's highest durable id,
   * so an id handed out in a batch lost in a crash may be handed out again after the restart; that
   * is safe because such an id was never shown to anyone: its reply and events were held behind the
   * commit that never happened, and its order was never sent to a venue.
   */
  whenDurable(): Promise<void> {
    return this.gate.whenDurable();
  }

  /** @internal Applies one journal record without journaling, sending or reacting. */
  applyRecord(record: JournalRecord): void {
    this.replaying = true;
    this.eventTime = record.time;
    try {
      this.replayRecord(record);
    } finally {
      this.replaying = false;
      this.eventTime = null;
    }
  }

  /** @internal After replay: re-run reactions that a crash may have cut short. */
  resumeReactions(): void {
    for (const order of [...this.store.all()]) this.react(order);
  }

  /** @internal Journals and applies a venue event (reconciliation feeds synthetic ones through here). */
  onVenueEvent(_venue: string, event: VenueEvent): void {
    // A commission report repeated or restated (IB resends them on reconciliation) changes nothing: nothing to record.
    if (event.kind === 'COMMISSION_REPORT' && this.isCommissionKnown(event)) return;
    if (!this.replaying) this.append({ kind: 'VENUE_EVENT', time: event.time, event });
    this.applyVenueEvent(event);
  }

  /** @internal */
  hasSeenExecution(executionId: ExecutionId): boolean {
    return this.fills.has(executionId);
  }

  /** @internal A request whose answer may be lost (time-out, restart): the order waits for reconciliation. */
  markUnknown(order: Order): boolean {
    if (!transition(order.status, 'TIMEOUT').ok) return false;
    this.append({ kind: 'ORDER_TIMED_OUT', time: this.options.clock.now(), clientOrderId: order.clientOrderId });
    return this.step(order, 'TIMEOUT');
  }

  /** @internal Reconciliation: the venue has no trace of the order. */
  markNotFound(order: Order): void {
    this.append({ kind: 'ORDER_NOT_FOUND_AT_VENUE', time: this.options.clock.now(), clientOrderId: order.clientOrderId });
    this.step(order, 'NOT_FOUND_AT_VENUE');
  }

  private replayRecord(record: JournalRecord): void {
    const time = record.time;
    switch (record.kind) {
      case 'ORDER_SUBMITTED': {
        this.options.ids.observe(record.order.clientOrderId);
        const order = this.store.create(record.order, record.venue, time);
        this.brackets.register(order);
        this.store.transition(order, 'SUBMIT', time);
        return;
      }
      case 'ORDER_MODIFY_REQUESTED': {
        const order = this.store.get(record.clientOrderId);
        if (!order) return;
        this.store.change(order, () => {
          order.pendingModification = { quantity: record.quantity, limitPrice: record.limitPrice ?? undefined, stopPrice: record.stopPrice ?? undefined };
        });
        this.step(order, 'REPLACE_REQUEST');
        return;
      }
      case 'ORDER_CANCEL_REQUESTED': {
        const order = this.store.get(record.clientOrderId);
        if (!order) return;
        this.store.runtimeOf(order.clientOrderId).cancelRequested = true;
        this.step(order, 'CANCEL_REQUEST');
        return;
      }
      case 'ORDER_TIMED_OUT':
      case 'ORDER_NOT_FOUND_AT_VENUE': {
        const order = this.store.get(record.clientOrderId);
        if (order) this.step(order, record.kind === 'ORDER_TIMED_OUT' ? 'TIMEOUT' : 'NOT_FOUND_AT_VENUE');
        return;
      }
      case 'VENUE_EVENT':
        this.applyVenueEvent(record.event);
        return;
      case 'KILL_SWITCH':
        if (record.engaged) this.options.risk.killSwitch.engage(record.reason, record.by, time);
        else this.options.risk.killSwitch.release(record.by, time);
        return;
      case 'REDUCE_ONLY':
        this.options.risk.killSwitch.setReduceOnly(record.enabled, record.by, time);
        return;
      default:
        assertNever(record, 'journal record');
    }
  }

  private applyVenueEvent(event: VenueEvent): void {
    this.eventTime = event.time;
    try {
      this.applyVenueEventAt(event);
    } finally {
      if (!this.replaying) this.eventTime = null;
    }
  }

  private applyVenueEventAt(event: VenueEvent): void {
    const order = this.store.get(event.clientOrderId);
    if (!order) return this.anomaly('UNKNOWN_ORDER_EVENT', event.clientOrderId, event.kind);
    const hasFills = order.filledQuantity > EPS;
    switch (event.kind) {
      case 'ACCEPTED':
        if (this.step(order, 'ACCEPT')) order.venueOrderId = event.venueOrderId;
        break;
      case 'REJECTED':
        // The reason is on the order before anyone is told it was rejected.
        if (transition(order.status, 'REJECT').ok) order.rejectReason = event.reason;
        this.step(order, 'REJECT');
        break;
      case 'FILL':
        if (!this.applyFill(order, event)) return;
        break;
      case 'CANCELED':
        this.step(order, 'CANCELED');
        break;
      case 'CANCEL_REJECTED':
        this.store.runtimeOf(order.clientOrderId).cancelRequested = false;
        // A cancel that lost its race to the last fill: a normal outcome, not a broken state machine.
        if (order.status === 'Filled') {
          if (!this.replaying) this.emit({ kind: 'NOTICE', notice: 'CANCEL_TOO_LATE', clientOrderId: order.clientOrderId, message: 'cancel too late: order already filled' });
          break;
        }
        this.step(order, hasFills ? 'CANCEL_REJECTED_AFTER_FILL' : 'CANCEL_REJECTED');
        break;
      case 'REPLACED': {
        const ev: OrderEvent = hasFills ? 'REPLACED_AFTER_FILL' : 'REPLACED';
        if (!transition(order.status, ev).ok) return this.anomaly('INVALID_VENUE_TRANSITION', order.clientOrderId, `${order.status} + ${ev}`);
        this.store.change(order, () => {
          order.quantity = event.quantity;
          order.limitPrice = event.limitPrice;
          order.stopPrice = event.stopPrice;
          order.pendingModification = null;
        });
        this.step(order, ev);
        break;
      }
      case 'REPLACE_REJECTED':
        this.store.change(order, () => {
          order.pendingModification = null;
        });
        this.step(order, hasFills ? 'REPLACE_REJECTED_AFTER_FILL' : 'REPLACE_REJECTED');
        break;
      case 'EXPIRED':
        this.step(order, 'EXPIRE');
        break;
      case 'COMMISSION_REPORT':
        this.amendCommission(order, event);
        return; // no status change, nothing to react to
      default:
        assertNever(event, 'venue event');
    }
    const status = order.status;
    if (status !== 'Submitted' && status !== 'PendingCancel' && status !== 'PendingReplace') {
      this.store.runtimeOf(order.clientOrderId).awaitingSince = null;
    }
    if (this.replaying) return;
    // Reactions are new commands: they happen now.
    this.eventTime = null;
    if (event.kind === 'FILL') this.onPositionChanged(order.symbol, this.options.positions.quantity(order.account, order.symbol));
    this.react(order);
  }

  /** A fill is a fact: it moves the position even when the order's status cannot take it. */
  private applyFill(order: Order, event: FillEvent): boolean {
    const seen = this.fills.get(event.executionId);
    if (seen) {
      // Reconciliation re-reports known executions: the same facts are a no-op. Different facts under a
      // known id are a venue (or id) fault that would silently lose a fill: reported, never ignored.
      if (seen.clientOrderId !== event.clientOrderId || Math.abs(seen.quantity - event.quantity) > EPS || Math.abs(seen.price - event.price) > EPS) {
        this.anomaly(
          'DUPLICATE_EXECUTION_ID',
          event.clientOrderId,
          `execution ${event.executionId}: ${event.quantity} @ ${event.price} for ${event.clientOrderId} dropped; the id was already booked as ${seen.quantity} @ ${seen.price} for ${seen.clientOrderId}`,
        );
      }
      return false;
    }
    const { positions, risk } = this.options;
    const lot = risk.book.symbol(order.symbol)?.instrument.lotSize ?? 1e-9;
    const filled = roundToIncrement(order.filledQuantity + event.quantity, lot);
    if (filled > order.quantity + EPS) this.anomaly('OVERFILL', order.clientOrderId, `${filled} > ${order.quantity}`);
    const ev: OrderEvent = filled >= order.quantity - EPS ? 'FILL' : 'PARTIAL_FILL';
    this.store.change(order, () => {
      order.averageFillPrice = (order.averageFillPrice * order.filledQuantity + event.price * event.quantity) / filled;
      order.filledQuantity = filled;
      order.commission += event.commission;
    });
    this.step(order, ev);
    if (event.venueOrderId && order.venueOrderId === null) order.venueOrderId = event.venueOrderId;
    const fill: Fill = {
      executionId: event.executionId,
      clientOrderId: order.clientOrderId,
      venueOrderId: event.venueOrderId,
      account: order.account,
      symbol: order.symbol,
      side: order.side,
      quantity: event.quantity,
      price: event.price,
      commission: event.commission,
      commissionCurrency: event.commissionCurrency,
      liquidity: event.liquidity,
      time: event.time,
    };
    this.fills.set(fill.executionId, fill);
    const position = positions.applyFill(fill);
    risk.book.positionChanged(order.symbol, order.side === 'BUY' ? event.quantity : -event.quantity);
    if (this.listeners.length > 0) this.emit({ kind: 'FILL', fill, position });
    return true;
  }

  private isCommissionKnown(event: CommissionReportEvent): boolean {
    const fill = this.fills.get(event.executionId);
    return fill !== undefined && fill.commission === event.commission && fill.commissionCurrency === event.commissionCurrency;
  }

  /** A late commission report: the fill, its order's commission and the position's commissions (so net P&L) take the reported figure. */
  private amendCommission(order: Order, event: CommissionReportEvent): void {
    const previous = this.fills.get(event.executionId);
    if (!previous || previous.clientOrderId !== order.clientOrderId) {
      return this.anomaly('UNKNOWN_EXECUTION', order.clientOrderId, `commission report for execution ${event.executionId}, which is not a fill of this order`);
    }
    if (!Number.isFinite(event.commission)) return this.anomaly('UNKNOWN_EXECUTION', order.clientOrderId, `commission report for ${event.executionId} is not a finite number`);
    if (previous.commission === event.commission && previous.commissionCurrency === event.commissionCurrency) return;
    const fill: Fill = { ...previous, commission: event.commission, commissionCurrency: event.commissionCurrency };
    this.fills.set(fill.executionId, fill);
    const position = this.options.positions.amendCommission(previous, fill.commission, fill.commissionCurrency);
    // The order's commission is the sum of its fills' commissions, as applyFill keeps it.
    order.commission += fill.commission - previous.commission;
    order.updatedAt = this.options.clock.now();
    if (this.listeners.length > 0) {
      this.emit({ kind: 'FILL_AMENDED', fill, previous, position });
      this.emit({ kind: 'ORDER_UPDATED', order });
    }
  }

  /** One state-table step; a refused venue transition is reported, never thrown. */
  protected step(order: Order, event: OrderEvent): boolean {
    const result = this.store.transition(order, event, this.eventTime ?? this.options.clock.now());
    if (!result.ok) {
      this.anomaly('INVALID_VENUE_TRANSITION', order.clientOrderId, `${order.status} + ${event}`);
      return false;
    }
    // A snapshot: the event is released after the commit, when the live order may have moved on.
    if (this.listeners.length > 0) this.emit({ kind: 'ORDER_UPDATED', order: { ...order } });
    return true;
  }

  protected append(record: JournalRecord): void {
    if (this.replaying || this.gate.failed) return;
    this.options.journal.append(record);
    this.gate.opened();
    if (!this.flushing) this.scheduleFlushIfPending();
  }

  /** One group commit; then the events it made durable go to listeners and waiting replies settle. */
  protected commitAndRelease(): boolean {
    const failedBefore = this.gate.failed !== null;
    const committed = this.gate.commit(
      () => this.options.journal.commit(),
      (event) => this.deliver(event),
    );
    const failure = this.gate.failed;
    if (!failedBefore && failure) this.deliver({ kind: 'JOURNAL_FAILED', message: failure.message });
    return committed;
  }

  protected scheduleFlushIfPending(): void {
    if (this.flushScheduled || !this.gate.pending || !this.options.scheduleFlush) return;
    this.flushScheduled = true;
    this.options.scheduleFlush(this.runFlush);
  }

  protected anomaly(anomaly: OmsAnomaly, clientOrderId: ClientOrderId, detail: string): void {
    this.emit({ kind: 'ANOMALY', anomaly, clientOrderId, detail });
  }

  /** Replayed events come from the journal and are durable already; live ones wait for their commit. */
  protected emit(event: OmsEvent): void {
    if (this.replaying) this.deliver(event);
    else {
      this.gate.hold(event);
      if (!this.flushing) this.scheduleFlushIfPending();
    }
  }

  private deliver(event: OmsEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
