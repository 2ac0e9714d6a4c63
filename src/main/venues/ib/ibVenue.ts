// The Interactive Brokers venue: implements Venue over IbConnection — place, modify, cancel, brackets, events, reconciliation.
import { EventName, type CommissionReport, type Contract, type Execution, type Order as IbOrder, type OrderState } from '@stoqey/ib';
import type { ClientOrderId } from '../../../core/model/ids';
import type { EpochMs } from '../../../core/model/clock';
import type { FillEvent, Venue, VenueEvent, VenueListener, VenueModification, VenueOpenOrder, VenueOrder } from '../../../core/trading/venue';
import type { IbConnection, IbLog } from './ibConnection';
import { IbOrderBook, type TrackedOrder } from './ibOrderBook';
import { OrderIdAllocator } from './orderIds';
import { contractResolver, fromIbOrder, toIbBracket, toIbOrder, type ContractResolver, type VenueBracket } from './orderMapping';
import { fetchExecutions, fetchOpenOrders, settle, takeSnapshot, type PositionReport, type SettleReport } from './reconciliation';
import type { IbRequests } from './requests';
import { systemTimers, type PacingTimers } from './pacing';

export interface IbVenueOptions {
  readonly name?: string;
  readonly connection: IbConnection;
  readonly requests: IbRequests;
  readonly resolveContract?: ContractResolver;
  /** Our symbol for a contract TWS reports; defaults to its symbol (localSymbol for FX). */
  readonly symbolOf?: (contract: Contract) => string;
  readonly account?: string;
  /** The highest IB order id the journal knows was used; read at every session start. */
  readonly highestOrderId?: () => number;
  /** Called with each order id before its placeOrder leaves, so a host can persist the high-water mark. */
  readonly onOrderIdReserved?: (orderId: number) => void;
  readonly commissionWaitMs?: number;
  readonly log?: IbLog;
  readonly timers?: PacingTimers;
}

const defaultSymbolOf = (c: Contract): string => (c.secType === 'CASH' ? (c.localSymbol ?? `${c.symbol}.${c.currency}`) : (c.symbol ?? ''));
const notReady = (state: string) => `IB_NOT_READY: connection ${state}; new orders are blocked until IB is connected and reconciled`;

export class IbVenue implements Venue {
  readonly name: string;
  readonly ids: OrderIdAllocator;
  private readonly book: IbOrderBook;
  private readonly listeners = new Set<VenueListener>();
  private readonly connection: IbConnection;
  private readonly requests: IbRequests;
  private readonly resolve: ContractResolver;
  private readonly log: IbLog;
  private fillsEmitted = 0;
  private positions: readonly PositionReport[] = [];
  private lastReport: SettleReport | null = null;
  private readonly startedAt: number;
  private readonly timers: PacingTimers;

  constructor(private readonly options: IbVenueOptions) {
    this.name = options.name ?? 'IB';
    this.connection = options.connection;
    this.requests = options.requests;
    this.resolve = options.resolveContract ?? contractResolver();
    this.log = options.log ?? (() => undefined);
    this.ids = new OrderIdAllocator(options.highestOrderId?.() ?? 0);
    this.timers = options.timers ?? systemTimers;
    this.startedAt = this.timers.now();
    this.book = new IbOrderBook({
      timers: this.timers,
      commissionWaitMs: options.commissionWaitMs ?? 2_000,
      emit: (event) => this.emit(event),
      log: this.log,
      symbolOf: options.symbolOf ?? defaultSymbolOf,
      sessionZone: () => this.connection.sessionZone(),
    });
    const c = this.connection;
    c.on(EventName.nextValidId, (id: number) => this.ids.onNextValidId(id));
    c.onLifecycle((e) => {
      if (e.kind === 'session') this.ids.raiseTo(options.highestOrderId?.() ?? 0);
    });
    c.on(EventName.openOrder, (orderId: number, contract: Contract, order: IbOrder, state: OrderState) => {
      this.ids.observe(orderId);
      this.book.onOpenOrder(orderId, contract, order, state);
    });
    c.on(EventName.orderStatus, (orderId: number, status: string) => this.book.onOrderStatus(orderId, status));
    // reqId −1: a live fill; any other: a reqExecutions reply (reconciliation).
    c.on(EventName.execDetails, (reqId: number, contract: Contract, execution: Execution) => this.book.onExecution(contract, execution, reqId !== -1));
    c.on(EventName.commissionReport, (report: CommissionReport) => this.book.onCommission(report));
    c.on(EventName.error, (error: Error, code: number, id: number) => {
      if (id === undefined || id < 0 || this.requests.owns(id)) return;
      if (code === 103) this.ids.observe(id);
      this.book.onOrderError(id, code, error?.message ?? '');
    });
    c.setReconciler(() => this.reconcileSession());
  }

  /** New orders are accepted only when connected and reconciled. */
  canTrade(): boolean {
    return this.connection.canTrade();
  }

  subscribe(listener: VenueListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  submit(order: VenueOrder): void {
    const refused = this.refuseNew(order);
    if (refused) return this.emit({ kind: 'REJECTED', clientOrderId: order.clientOrderId, reason: refused, time: this.timers.now() });
    const contract = this.resolve(order.symbol) as Contract;
    const mapped = toIbOrder(order, this.accountOption());
    if (!mapped.ok) return this.emit({ kind: 'REJECTED', clientOrderId: order.clientOrderId, reason: `INVALID_ORDER: ${JSON.stringify(mapped.error)}`, time: this.timers.now() });
    this.place(this.trackNew(order, contract, mapped.value));
  }

  /** A native IB bracket: entry, take-profit and stop-loss go out as one family (children wait for the entry's fill, OCA). */
  submitBracket(bracket: VenueBracket): void {
    const members = [bracket.entry, bracket.takeProfit, bracket.stopLoss];
    const refusedAll = (reason: string) => {
      for (const m of members) this.emit({ kind: 'REJECTED', clientOrderId: m.clientOrderId, reason, time: this.timers.now() });
    };
    const refused = members.map((m) => this.refuseNew(m)).find((r) => r !== null);
    if (refused) return refusedAll(refused);
    const contract = this.resolve(bracket.entry.symbol) as Contract;
    const ids = [this.ids.next(), this.ids.next(), this.ids.next()] as const;
    const mapped = toIbBracket(bracket, ids, this.options.account);
    if (!mapped.ok) return refusedAll(`INVALID_BRACKET: ${JSON.stringify(mapped.error)}`);
    members.forEach((m, i) => this.place(this.trackNew(m, contract, mapped.value[i] as IbOrder, ids[i])));
  }

  modify(m: VenueModification): void {
    const t = this.book.get(m.clientOrderId);
    const reject = (reason: string) => this.emit({ kind: 'REPLACE_REJECTED', clientOrderId: m.clientOrderId, reason, time: this.timers.now() });
    if (!t) return reject('UNKNOWN_ORDER');
    if (t.done) return reject('ORDER_NOT_WORKING');
    if (t.pendingModify) return reject('MODIFY_ALREADY_PENDING');
    if (!this.connection.canTrade()) return reject(notReady(this.connection.state));
    const mapped = toIbOrder({ ...t.spec, quantity: m.quantity, limitPrice: m.limitPrice, stopPrice: m.stopPrice }, this.accountOption());
    if (!mapped.ok) return reject(`INVALID_MODIFICATION: ${JSON.stringify(mapped.error)}`);
    t.pendingModify = m;
    const order: IbOrder = { ...mapped.value, transmit: true, ...(t.parentId !== undefined ? { parentId: t.parentId } : {}) };
    this.connection.send('order', (ib) => ib.placeOrder(t.orderId, t.contract, order), (reason) => this.book.replaceRefused(t, `NOT_SENT: ${reason}`));
  }

  cancel(clientOrderId: ClientOrderId): void {
    const t = this.book.get(clientOrderId);
    const refuse = (reason: string) => this.emit({ kind: 'CANCEL_REJECTED', clientOrderId, reason, time: this.timers.now() });
    if (!t) return refuse('UNKNOWN_ORDER');
    if (t.done) return refuse('ORDER_NOT_WORKING');
    // Cancels reduce risk: they go out whenever a session exists, also while degraded or reconciling.
    if (!this.connection.hasSession()) return refuse(`IB_NOT_CONNECTED: connection ${this.connection.state}`);
    t.cancelRequested = true;
    this.connection.send('order', (ib) => ib.cancelOrder(t.orderId), (reason) => this.book.cancelRefused(t, `NOT_SENT: ${reason}`));
  }

  async openOrders(): Promise<readonly VenueOpenOrder[]> {
    const open = await fetchOpenOrders(this.requests, (e, h) => this.connection.on(e, h));
    const out: VenueOpenOrder[] = [];
    for (const o of open) {
      const ref = o.order.orderRef ?? this.book.byIbId(o.orderId)?.clientOrderId;
      const spec = ref ? fromIbOrder(ref, (this.options.symbolOf ?? defaultSymbolOf)(o.contract), o.order) : undefined;
      if (spec) out.push({ ...spec, venueOrderId: String(o.orderId), filledQuantity: o.filled });
    }
    return out;
  }

  async executions(since: EpochMs): Promise<readonly FillEvent[]> {
    const reports = await fetchExecutions(this.requests, (e, h) => this.connection.on(e, h), since);
    const out: FillEvent[] = [];
    for (const { contract, execution: e, commission } of reports) {
      const ref = e.orderRef || (e.orderId !== undefined ? this.book.byIbId(e.orderId)?.clientOrderId : undefined);
      const time = this.book.executionTime(e);
      if (!ref || !e.execId || time < since) continue;
      const c = commission?.commission;
      out.push({
        kind: 'FILL',
        clientOrderId: ref,
        venueOrderId: String(e.orderId ?? ''),
        executionId: e.execId,
        quantity: e.shares ?? 0,
        price: e.price ?? 0,
        commission: c !== undefined && Number.isFinite(c) && c < 1e300 ? c : 0,
        commissionCurrency: commission?.currency || contract.currency || 'USD',
        liquidity: e.lastLiquidity === 1 ? 'MAKER' : 'TAKER',
        time,
      });
    }
    return out;
  }

  /** Positions as of the last reconciliation. */
  lastPositions(): readonly PositionReport[] {
    return this.positions;
  }

  lastReconciliation(): SettleReport | null {
    return this.lastReport;
  }

  /** @internal What the venue tracks (tests, diagnostics). */
  tracked(clientOrderId: ClientOrderId): Readonly<TrackedOrder> | undefined {
    return this.book.get(clientOrderId);
  }

  /** Execution times read as UTC because TWS named a zone we do not know (each logged as an error). */
  executionTimeFallbacks(): number {
    return this.book.executionTimeFallbacks;
  }

  close(): void {
    this.book.close();
  }

  /** Runs on every session start and 1101/1102, before trading is unblocked. */
  private async reconcileSession(): Promise<void> {
    const before = this.fillsEmitted;
    const last = this.book.lastExecutionTime;
    // Executions since the last one seen (with slack for clock skew), or since the start of the day's session.
    const since = last !== null ? last - 5 * 60_000 : Math.min(this.startedAt, this.timers.now()) - 24 * 3_600_000;
    const snapshot = await takeSnapshot(this.requests, this.connection, since);
    this.positions = snapshot.positions;
    this.lastReport = settle(this.book, snapshot, before, this.fillsEmitted);
    this.log('info', `IB reconciled: ${snapshot.open.length} open, ${snapshot.executions.length} executions, ${snapshot.completed.length} completed, ${this.lastReport.fillsRecovered} fills recovered, ${this.lastReport.settled.length} orders settled`);
  }

  private refuseNew(order: VenueOrder): string | null {
    if (!this.connection.canTrade()) return notReady(this.connection.state);
    if (this.book.get(order.clientOrderId)) return 'DUPLICATE_CLIENT_ORDER_ID';
    if (!this.resolve(order.symbol)) return 'UNKNOWN_SYMBOL';
    return null;
  }

  private trackNew(order: VenueOrder, contract: Contract, ib: IbOrder, orderId = this.ids.next()): TrackedOrder {
    const t: TrackedOrder = { clientOrderId: order.clientOrderId, orderId, contract, spec: order, permId: 0, sent: false, accepted: false, done: false, filled: 0, pendingModify: null, cancelRequested: false, adopted: false, parentId: ib.parentId, ib };
    this.book.track(t);
    return t;
  }

  private place(t: TrackedOrder): void {
    this.options.onOrderIdReserved?.(t.orderId);
    const order = t.ib as IbOrder;
    this.connection.send(
      'order',
      (ib) => {
        t.sent = true;
        ib.placeOrder(t.orderId, t.contract, order);
      },
      // Still in our queue: it never reached TWS, so saying "rejected" is the truth. The id stays used.
      (reason) => this.book.reject(t, `NOT_SENT: ${reason}`),
    );
  }

  private accountOption(): { account?: string } {
    return this.options.account === undefined ? {} : { account: this.options.account };
  }

  private emit(event: VenueEvent): void {
    if (event.kind === 'FILL') this.fillsEmitted += 1;
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch (e) {
        this.log('error', `IB venue listener failed on ${event.kind} ${event.clientOrderId}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
    }
  }
}
