// The venue's view of its IB orders: tracked orders, IB callbacks → VenueEvents (deduplicated, fills paired with commissions, late commissions amended, in order per order).
import type { CommissionReport, Contract, Execution, Order as IbOrder, OrderState } from '@stoqey/ib';
import type { ClientOrderId } from '../../../core/model/ids';
import { parseClientOrderId } from '../../../core/model/ids';
import type { Liquidity } from '../../../core/model/fill';
import type { FillEvent, VenueEvent, VenueModification, VenueOrder } from '../../../core/trading/venue';
import { CommissionLedger, type ExecutionCommission } from './commissionLedger';
import { classifyIbError, ibReason } from './errorMapping';
import { describeTimeProblem, readIbTime, type IbSessionZone } from './ibTime';
import { fromIbOrder } from './orderMapping';
import type { PacingTimers } from './pacing';

export interface TrackedOrder {
  readonly clientOrderId: ClientOrderId;
  readonly orderId: number;
  readonly contract: Contract;
  spec: VenueOrder;
  permId: number;
  /** placeOrder was handed to the client (it may or may not have reached TWS). */
  sent: boolean;
  accepted: boolean;
  /** A terminal event (REJECTED, CANCELED, EXPIRED) went out, or the order is completely filled. */
  done: boolean;
  filled: number;
  pendingModify: VenueModification | null;
  cancelRequested: boolean;
  /** Placed in an earlier session (or run) and found again at TWS by its orderRef. */
  adopted: boolean;
  /** Bracket children: the entry's IB order id (kept on modifications). */
  readonly parentId: number | undefined;
  /** The IB order as placed; a modification re-sends it with new values. */
  readonly ib: IbOrder | undefined;
}

interface Queued {
  event: VenueEvent;
  ready: boolean;
}

const EPS = 1e-9;

export interface IbOrderBookOptions {
  readonly timers: PacingTimers;
  /** How long a fill waits for its commission report before it goes out without one. */
  readonly commissionWaitMs: number;
  readonly emit: (event: VenueEvent) => void;
  readonly log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Symbol of a contract TWS reports (reverse of the contract resolver). */
  readonly symbolOf: (contract: Contract) => string;
  /** The TWS session's time zone (from the handshake): zone-less execution times are local to it. */
  readonly sessionZone: () => IbSessionZone;
}

export class IbOrderBook {
  private readonly byClientId = new Map<ClientOrderId, TrackedOrder>();
  private readonly byOrderId = new Map<number, TrackedOrder>();
  /** Every execution of this run (live and reconciled): its order, and the commission stated for it. */
  private readonly commissions = new CommissionLedger();
  private readonly awaitingCommission = new Map<string, { fill: Queued; timer: unknown }>();
  private readonly queues = new Map<ClientOrderId, Queued[]>();
  /** Time of the newest execution seen (for "executions since the last one"). */
  lastExecutionTime: number | null = null;
  /** Execution times read as UTC because their zone was unknown (each one also logged as an error). */
  executionTimeFallbacks = 0;

  constructor(private readonly o: IbOrderBookOptions) {}

  track(order: TrackedOrder): void {
    this.byClientId.set(order.clientOrderId, order);
    this.byOrderId.set(order.orderId, order);
  }

  get(clientOrderId: ClientOrderId): TrackedOrder | undefined {
    return this.byClientId.get(clientOrderId);
  }

  byIbId(orderId: number): TrackedOrder | undefined {
    return this.byOrderId.get(orderId);
  }

  all(): TrackedOrder[] {
    return [...this.byClientId.values()];
  }

  live(): TrackedOrder[] {
    return this.all().filter((t) => !t.done);
  }

  hasSeenExecution(execId: string): boolean {
    return this.commissions.has(execId);
  }

  // ---- outcomes the venue decides -----------------------------------------------------------

  accept(t: TrackedOrder): void {
    if (t.accepted || t.done || t.filled > EPS) return;
    t.accepted = true;
    this.push(t.clientOrderId, { kind: 'ACCEPTED', clientOrderId: t.clientOrderId, venueOrderId: String(t.orderId), time: this.now() });
  }

  reject(t: TrackedOrder, reason: string): void {
    if (t.done) return;
    t.done = true;
    this.push(t.clientOrderId, { kind: 'REJECTED', clientOrderId: t.clientOrderId, reason, time: this.now() });
  }

  cancelled(t: TrackedOrder, reason: string | null, expired = false): void {
    if (t.done) return;
    t.done = true;
    t.cancelRequested = false;
    const time = this.now();
    this.push(t.clientOrderId, expired ? { kind: 'EXPIRED', clientOrderId: t.clientOrderId, time } : { kind: 'CANCELED', clientOrderId: t.clientOrderId, reason, time });
  }

  cancelRefused(t: TrackedOrder, reason: string): void {
    if (!t.cancelRequested) return;
    t.cancelRequested = false;
    this.push(t.clientOrderId, { kind: 'CANCEL_REJECTED', clientOrderId: t.clientOrderId, reason, time: this.now() });
  }

  replaced(t: TrackedOrder): void {
    const m = t.pendingModify;
    if (!m) return;
    t.pendingModify = null;
    t.spec = { ...t.spec, quantity: m.quantity, limitPrice: m.limitPrice, stopPrice: m.stopPrice };
    this.push(t.clientOrderId, { kind: 'REPLACED', clientOrderId: t.clientOrderId, quantity: m.quantity, limitPrice: m.limitPrice, stopPrice: m.stopPrice, time: this.now() });
  }

  replaceRefused(t: TrackedOrder, reason: string): void {
    if (!t.pendingModify) return;
    t.pendingModify = null;
    this.push(t.clientOrderId, { kind: 'REPLACE_REJECTED', clientOrderId: t.clientOrderId, reason, time: this.now() });
  }

  // ---- IB callbacks -------------------------------------------------------------------------

  onOpenOrder(orderId: number, contract: Contract, order: IbOrder, state: OrderState | undefined): TrackedOrder | undefined {
    const t = this.byOrderId.get(orderId) ?? this.adopt(orderId, contract, order);
    if (!t) return undefined;
    if (order.permId) t.permId = order.permId;
    if (state?.status) this.onStatus(t, state.status);
    // The order's commission so far: the fallback for fills whose report does not come.
    this.amendAll(this.commissions.onOrderCommission(orderId, state?.commission, state?.commissionCurrency || contract.currency || 'USD'), 'estimated from the order');
    const m = t.pendingModify;
    if (m && order.totalQuantity === m.quantity && (m.limitPrice === null || order.lmtPrice === m.limitPrice) && (m.stopPrice === null || order.auxPrice === m.stopPrice)) this.replaced(t);
    return t;
  }

  onOrderStatus(orderId: number, status: string): void {
    const t = this.byOrderId.get(orderId);
    if (t) this.onStatus(t, status);
  }

  /** Errors addressed to an order id. Returns false when the id is not one of our orders. */
  onOrderError(orderId: number, code: number, message: string): boolean {
    const t = this.byOrderId.get(orderId);
    if (!t) return false;
    const c = classifyIbError(code, message);
    switch (c.kind) {
      case 'ORDER_REFUSED':
        if (t.pendingModify && (t.accepted || t.filled > EPS)) this.replaceRefused(t, ibReason(c.code, code, message));
        else if (!t.accepted && t.filled <= EPS) this.reject(t, ibReason(c.code, code, message));
        else this.o.log('warn', `IB ${code} for working order ${t.clientOrderId}: ${message}`);
        return true;
      case 'ORDER_CANCELED':
        this.cancelled(t, t.cancelRequested ? null : ibReason('ORDER_CANCELED', code, message), c.expired);
        return true;
      case 'CANCEL_REFUSED':
        this.cancelRefused(t, ibReason(c.code, code, message));
        return true;
      case 'MODIFY_REFUSED':
        this.replaceRefused(t, ibReason('MODIFY_REFUSED', code, message));
        return true;
      default:
        this.o.log(c.kind === 'INFO' ? 'info' : 'warn', `IB ${code} for order ${t.clientOrderId} (#${orderId}): ${message}`);
        return true;
    }
  }

  /** The UTC time of an execution: TWS prints it in the session's zone unless it names one. */
  executionTime(e: Execution): number {
    const reading = readIbTime(e.time, this.o.sessionZone());
    if (!reading) {
      this.o.log('error', `IB execution ${e.execId ?? '?'}: unreadable time ${JSON.stringify(e.time)}; recorded at arrival`);
      return this.now();
    }
    if (reading.fallback) {
      this.executionTimeFallbacks += 1;
      this.o.log('error', `IB execution ${e.execId ?? '?'} time ${JSON.stringify(e.time)}: ${describeTimeProblem(reading.fallback)}; READ AS UTC (fallback), the fill time may be off by the zone's offset`);
    }
    return reading.ms;
  }

  /**
   * Live fills and reconciliation replies alike; each execution id is applied once. `reconciled`:
   * from a reqExecutions reply, so the OMS may know the fill from an earlier run.
   */
  onExecution(contract: Contract, e: Execution, reconciled = false): void {
    const execId = e.execId;
    if (!execId || this.commissions.has(execId)) return;
    const t = (e.orderRef ? this.byClientId.get(e.orderRef) : undefined) ?? (e.orderId !== undefined ? this.byOrderId.get(e.orderId) : undefined);
    const clientOrderId = t?.clientOrderId ?? (e.orderRef && parseClientOrderId(e.orderRef) !== undefined ? e.orderRef : undefined);
    if (!clientOrderId) {
      this.o.log('info', `IB execution ${execId} of a foreign order (#${e.orderId ?? '?'} ${contract.symbol ?? ''}) ignored`);
      return;
    }
    const shares = e.shares ?? 0;
    const currency = contract.currency ?? 'USD';
    const record = this.commissions.add({ executionId: execId, clientOrderId, orderId: t?.orderId ?? e.orderId, shares, currency, restate: reconciled });
    const time = this.executionTime(e);
    this.lastExecutionTime = Math.max(this.lastExecutionTime ?? time, time);
    if (t) {
      t.filled += shares;
      if (t.filled >= t.spec.quantity - EPS) t.done = true;
    }
    const liquidity: Liquidity = e.lastLiquidity === 1 ? 'MAKER' : 'TAKER';
    const fill: FillEvent = {
      kind: 'FILL',
      clientOrderId,
      venueOrderId: String(t?.orderId ?? e.orderId ?? ''),
      executionId: execId,
      quantity: shares,
      price: e.price ?? 0,
      commission: record.commission,
      commissionCurrency: record.currency,
      liquidity,
      time,
    };
    const queued: Queued = { event: fill, ready: record.basis === 'REPORTED' };
    this.enqueue(clientOrderId, queued);
    if (queued.ready) {
      if (record.restate) this.enqueue(clientOrderId, { event: this.commissionEvent(record), ready: true });
    } else {
      const timer = this.o.timers.setTimeout(() => this.giveUpOnCommission(execId), this.o.commissionWaitMs);
      this.awaitingCommission.set(execId, { fill: queued, timer });
    }
    this.flush(clientOrderId);
  }

  /** A commission report, whenever it comes: with its fill if that still waits, else as an amendment. */
  onCommission(report: CommissionReport): void {
    const outcome = this.commissions.onReport(report);
    switch (outcome.kind) {
      case 'EARLY':
      case 'REPEATED':
        return;
      case 'INVALID':
        this.o.log('warn', `IB commission report for ${report.execId ?? '?'} ignored: ${outcome.reason}`);
        return;
      case 'FOR_WAITING_FILL': {
        const { record } = outcome;
        const waiting = this.awaitingCommission.get(record.executionId);
        if (waiting) {
          this.awaitingCommission.delete(record.executionId);
          this.o.timers.clearTimeout(waiting.timer);
          waiting.fill.event = { ...(waiting.fill.event as FillEvent), commission: record.commission, commissionCurrency: record.currency };
          waiting.fill.ready = true;
          if (record.restate) this.enqueue(record.clientOrderId, { event: this.commissionEvent(record), ready: true });
          this.flush(record.clientOrderId);
        }
        this.amendAll(this.commissions.reestimate(record.orderId), 'estimated from the order');
        return;
      }
      case 'AMEND':
        this.amendAll([outcome.record], 'late report');
        this.amendAll(this.commissions.reestimate(outcome.record.orderId), 'estimated from the order');
        return;
      default: {
        const never: never = outcome;
        throw new Error(`unhandled commission outcome ${JSON.stringify(never)}`);
      }
    }
  }

  close(): void {
    for (const [, w] of this.awaitingCommission) this.o.timers.clearTimeout(w.timer);
    this.awaitingCommission.clear();
  }

  // ---- internals ----------------------------------------------------------------------------

  private giveUpOnCommission(execId: string): void {
    const waiting = this.awaitingCommission.get(execId);
    const outcome = this.commissions.giveUp(execId);
    if (!waiting || !outcome) return;
    this.awaitingCommission.delete(execId);
    const { record } = outcome;
    const how = record.basis === 'ESTIMATED' ? `its share of the order's commission (${record.commission} ${record.currency})` : 'no commission';
    this.o.log('warn', `IB execution ${execId}: no commission report within ${this.o.commissionWaitMs} ms; fill applied with ${how}, corrected when the report comes`);
    waiting.fill.event = { ...(waiting.fill.event as FillEvent), commission: record.commission, commissionCurrency: record.currency };
    waiting.fill.ready = true;
    this.flush(record.clientOrderId);
    this.amendAll(outcome.others, 'estimated from the order');
  }

  /** Commission amendments for fills already out, each behind its order's earlier events. */
  private amendAll(records: readonly ExecutionCommission[], why: string): void {
    for (const record of records) {
      this.o.log('info', `IB execution ${record.executionId} (${record.clientOrderId}): commission ${record.commission} ${record.currency} (${why})`);
      this.push(record.clientOrderId, this.commissionEvent(record));
    }
  }

  private commissionEvent(record: ExecutionCommission): VenueEvent {
    return { kind: 'COMMISSION_REPORT', clientOrderId: record.clientOrderId, executionId: record.executionId, commission: record.commission, commissionCurrency: record.currency, time: this.now() };
  }

  private onStatus(t: TrackedOrder, status: string): void {
    switch (status) {
      case 'PreSubmitted':
      case 'Submitted':
      case 'PendingCancel':
      case 'Filled':
        this.accept(t);
        return;
      case 'Cancelled':
      case 'ApiCancelled':
        this.cancelled(t, t.cancelRequested ? null : 'ORDER_CANCELED: cancelled at IB');
        return;
      default:
        return; // ApiPending, PendingSubmit, Inactive: errors and later statuses say more
    }
  }

  /** An order of ours (orderRef in our id format) that this run did not place: track it so it can be cancelled. */
  private adopt(orderId: number, contract: Contract, order: IbOrder): TrackedOrder | undefined {
    const ref = order.orderRef;
    if (!ref || parseClientOrderId(ref) === undefined || this.byClientId.has(ref)) return undefined;
    const spec = fromIbOrder(ref, this.o.symbolOf(contract), order);
    if (!spec) return undefined;
    const t: TrackedOrder = { clientOrderId: ref, orderId, contract, spec, permId: order.permId ?? 0, sent: true, accepted: false, done: false, filled: 0, pendingModify: null, cancelRequested: false, adopted: true, parentId: order.parentId || undefined, ib: order };
    this.track(t);
    this.o.log('info', `IB order #${orderId} (${ref}) adopted from TWS`);
    return t;
  }

  private push(clientOrderId: ClientOrderId, event: VenueEvent): void {
    this.enqueue(clientOrderId, { event, ready: true });
    this.flush(clientOrderId);
  }

  private enqueue(clientOrderId: ClientOrderId, q: Queued): void {
    let queue = this.queues.get(clientOrderId);
    if (!queue) this.queues.set(clientOrderId, (queue = []));
    queue.push(q);
  }

  /** A fill waiting for its commission holds back the order's later events, so a cancel never overtakes a fill. */
  private flush(clientOrderId: ClientOrderId): void {
    const queue = this.queues.get(clientOrderId);
    while (queue && queue.length > 0 && (queue[0] as Queued).ready) {
      const { event } = queue.shift() as Queued;
      this.o.emit(event);
    }
    if (queue && queue.length === 0) this.queues.delete(clientOrderId);
  }

  private now(): number {
    return this.o.timers.now();
  }
}
