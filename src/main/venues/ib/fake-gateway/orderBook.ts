// Owns the fake gateway's orders: placement, modification, cancellation, matching against the feed, brackets and OCA.
import { err, ok, type Result } from '../../../../core/model/result';
import { commissionFor, type Ledger } from './ledger';
import type { InstrumentRegistry } from './instruments';
import { executablePrice, stopTriggered } from './matching';
import type { MarketFeed } from './marketFeed';
import { isTerminal, nextOrderState, type FakeOrderEvent } from './orderStateTable';
import { isRejection, validateOrder } from './orderValidation';
import type { BookEvent, ExecutionFilterRequest, ExecutionRecord, FakeOrder, InstrumentSpec, PlaceOrderRequest } from './types';

export interface OrderBookDeps {
  readonly registry: InstrumentRegistry;
  readonly feed: MarketFeed;
  readonly ledger: Ledger;
  readonly clock: () => number;
  readonly emit: (clientId: number, event: BookEvent) => void;
  /** First permId handed out; every order gets a unique, non-zero one. */
  readonly firstPermId: number;
}

export type ForceFillError =
  | { readonly code: 'UNKNOWN_ORDER'; readonly orderId: number }
  | { readonly code: 'ORDER_NOT_WORKING'; readonly orderId: number; readonly state: string }
  | { readonly code: 'BAD_QUANTITY'; readonly orderId: number; readonly quantity: number };

export class OrderBook {
  private readonly orders = new Map<string, FakeOrder>();
  private readonly highWater = new Map<number, number>();
  private readonly executions: ExecutionRecord[] = [];
  private readonly fillPlans = new Map<number, number[]>();
  private readonly scriptedRejections: string[] = [];
  private nextPermId: number;
  private execSeq = 0;

  constructor(private readonly deps: OrderBookDeps) {
    this.nextPermId = deps.firstPermId;
  }

  // ---- queries -------------------------------------------------------------------------------

  all(): FakeOrder[] {
    return [...this.orders.values()].sort((a, b) => a.clientId - b.clientId || a.orderId - b.orderId);
  }

  find(clientId: number, orderId: number): FakeOrder | undefined {
    return this.orders.get(key(clientId, orderId));
  }

  /** Working (and held) orders; all clients when clientId is undefined. */
  openOrders(clientId?: number): FakeOrder[] {
    return this.all().filter((o) => !isTerminal(o.state) && (clientId === undefined || o.clientId === clientId));
  }

  completedOrders(): FakeOrder[] {
    return this.all()
      .filter((o) => o.state === 'Filled' || o.state === 'Cancelled')
      .sort((a, b) => (a.completedAt ?? 0) - (b.completedAt ?? 0));
  }

  /** Executions visible to `clientId` (client 0 sees all), narrowed by the request's filter. */
  executionsFor(clientId: number, filter: ExecutionFilterRequest): ExecutionRecord[] {
    return this.executions.filter(
      (e) =>
        (clientId === 0 || e.clientId === clientId) &&
        (filter.clientId === 0 || e.clientId === filter.clientId) &&
        (filter.account === '' || e.account === filter.account) &&
        (filter.since === undefined || e.time >= filter.since) &&
        (filter.symbol === '' || e.instrument.symbol === filter.symbol.toUpperCase()) &&
        (filter.secType === '' || e.instrument.secType === filter.secType.toUpperCase()) &&
        (filter.side === '' || sideMatches(e.side, filter.side)),
    );
  }

  allExecutions(): readonly ExecutionRecord[] {
    return this.executions;
  }

  /** The id TWS would announce: above every id this client used, and never below `floor`. */
  nextValidId(clientId: number, floor: number): number {
    return Math.max(floor, (this.highWater.get(clientId) ?? 0) + 1);
  }

  // ---- script hooks --------------------------------------------------------------------------

  /** The next matching passes of `orderId` fill these sizes, one per pass; then the rest at once. */
  setFillPlan(orderId: number, sizes: readonly number[]): void {
    this.fillPlans.set(orderId, [...sizes]);
  }

  rejectNextOrder(reason: string): void {
    this.scriptedRejections.push(reason);
  }

  /** Fills a working order now, whatever the market, e.g. while its client is disconnected. */
  forceFill(clientId: number, orderId: number, quantity?: number, price?: number): Result<ExecutionRecord, ForceFillError> {
    const order = this.find(clientId, orderId);
    if (!order) return err({ code: 'UNKNOWN_ORDER', orderId });
    if (order.state !== 'Submitted') return err({ code: 'ORDER_NOT_WORKING', orderId, state: order.state });
    const remaining = order.totalQuantity - order.filled;
    const qty = quantity ?? remaining;
    if (!(qty > 0) || qty > remaining) return err({ code: 'BAD_QUANTITY', orderId, quantity: qty });
    const quote = this.deps.feed.quote(order.instrument);
    const px = price ?? order.lmtPrice ?? (order.action === 'BUY' ? quote.ask : quote.bid);
    return ok(this.fill(order, qty, px));
  }

  /** End of day: DAY orders still working are cancelled. */
  expireDayOrders(): number {
    const expiring = this.all().filter((o) => !isTerminal(o.state) && o.tif === 'DAY');
    for (const o of expiring) this.cancelInternal(o, 'Expired');
    return expiring.length;
  }

  // ---- client requests -----------------------------------------------------------------------

  place(clientId: number, req: PlaceOrderRequest): void {
    const error = (code: number, message: string) => this.deps.emit(clientId, { kind: 'orderError', clientId, orderId: req.orderId, code, message });
    if (req.orderId <= 0) return error(201, 'Order rejected - reason:Invalid order id');
    const existing = this.find(clientId, req.orderId);
    if (existing) {
      if (isTerminal(existing.state)) return error(103, `Duplicate order id ${req.orderId}`);
      return this.modify(existing, req);
    }
    if (req.orderId <= (this.highWater.get(clientId) ?? 0)) return error(103, `Duplicate order id ${req.orderId}`);
    const instrument = this.deps.registry.resolve(req.contract);
    if (!instrument) return error(200, 'No security definition has been found for the request');
    const v = validateOrder(req, instrument);
    // 110 leaves the id unused (nothing was accepted); a 201 consumes it, as a rejected order exists.
    if (isRejection(v) && v.code === 110) return error(v.code, v.message);
    this.highWater.set(clientId, req.orderId);
    const parent = req.parentId !== 0 ? this.find(clientId, req.parentId) : undefined;
    const scripted = this.scriptedRejections.shift();
    const rejection = isRejection(v)
      ? v.message
      : scripted !== undefined
        ? `Order rejected - reason:${scripted}`
        : req.parentId !== 0 && (!parent || (isTerminal(parent.state) && parent.state !== 'Filled'))
          ? `Order rejected - reason:Parent order ${req.parentId} is not working`
          : undefined;
    const order: FakeOrder = {
      clientId,
      orderId: req.orderId,
      permId: this.nextPermId++,
      instrument,
      action: isRejection(v) ? 'BUY' : v.action,
      totalQuantity: isRejection(v) ? (req.totalQuantity ?? 0) : v.totalQuantity,
      orderType: isRejection(v) ? 'MKT' : v.orderType,
      lmtPrice: isRejection(v) ? req.lmtPrice : v.lmtPrice,
      auxPrice: isRejection(v) ? req.auxPrice : v.auxPrice,
      tif: isRejection(v) ? 'DAY' : v.tif,
      ocaGroup: req.ocaGroup,
      ocaType: req.ocaType,
      account: req.account || this.deps.ledger.account,
      orderRef: req.orderRef,
      transmit: req.transmit,
      parentId: req.parentId,
      outsideRth: req.outsideRth,
      state: rejection !== undefined ? 'Rejected' : 'ApiPending',
      filled: 0,
      avgFillPrice: 0,
      lastFillPrice: 0,
      triggered: false,
      createdAt: this.deps.clock(),
      completedAt: undefined,
      completedStatus: '',
    };
    this.orders.set(key(clientId, order.orderId), order);
    if (rejection !== undefined) {
      // 201 is terminal: no openOrder or orderStatus follows.
      return error(201, rejection);
    }
    if (!order.transmit) {
      this.announce(order);
      return;
    }
    this.transmitFamily(order);
  }

  cancel(clientId: number, orderId: number): void {
    const order = this.find(clientId, orderId);
    if (!order) {
      this.deps.emit(clientId, { kind: 'orderError', clientId, orderId, code: 10147, message: `OrderId ${orderId} that needs to be cancelled is not found.` });
      return;
    }
    if (isTerminal(order.state)) {
      this.deps.emit(clientId, {
        kind: 'orderError',
        clientId,
        orderId,
        code: 161,
        message: `Cancel attempted when order is not in a cancellable state.  Order permId =${order.permId}`,
      });
      return;
    }
    this.cancelInternal(order, 'Cancelled by Trader');
  }

  /** reqGlobalCancel: every working order of every client. */
  cancelAll(): void {
    for (const o of this.openOrders()) if (!isTerminal(o.state)) this.cancelInternal(o, 'Cancelled by Global Cancel');
  }

  /** The feed moved: give every working order on that instrument a matching pass, oldest first. */
  onQuote(instrument: InstrumentSpec): void {
    for (const o of this.all()) {
      if (o.state === 'Submitted' && o.instrument.conId === instrument.conId) this.match(o, false);
    }
  }

  /** One matching pass for every working order (scripts use it to release the next fill-plan slice). */
  matchAll(): void {
    for (const o of this.all()) if (o.state === 'Submitted') this.match(o, false);
  }

  // ---- internals -----------------------------------------------------------------------------

  private modify(order: FakeOrder, req: PlaceOrderRequest): void {
    const error = (code: number, message: string) =>
      this.deps.emit(order.clientId, { kind: 'orderError', clientId: order.clientId, orderId: order.orderId, code, message });
    const instrument = this.deps.registry.resolve(req.contract);
    const v = instrument ? validateOrder(req, instrument) : undefined;
    if (!instrument || instrument.conId !== order.instrument.conId || (v && !isRejection(v) && v.action !== order.action)) {
      return error(105, 'Order being modified does not match original order');
    }
    if (!v || isRejection(v)) return error(v?.code ?? 201, v?.message ?? 'Order rejected');
    if (v.totalQuantity <= order.filled) return error(105, `Order being modified does not match original order: quantity ${v.totalQuantity} is not above the filled ${order.filled}`);
    order.totalQuantity = v.totalQuantity;
    order.orderType = v.orderType;
    order.lmtPrice = v.lmtPrice;
    order.auxPrice = v.auxPrice;
    order.tif = v.tif;
    order.orderRef = req.orderRef;
    order.outsideRth = req.outsideRth;
    this.transition(order, 'MODIFY');
    if (order.state === 'ApiPending' && req.transmit) {
      order.transmit = true;
      this.transmitFamily(order);
      return;
    }
    this.announce(order);
    if (order.state === 'Submitted') this.match(order, true);
  }

  /** An order with transmit=true releases its held parent and held siblings with it (how brackets go out). */
  private transmitFamily(order: FakeOrder): void {
    const root = order.parentId !== 0 ? this.find(order.clientId, order.parentId) : order;
    const family = root ? [root, ...this.children(root)] : [order];
    const released: FakeOrder[] = [];
    for (const member of family) {
      if (member.state !== 'ApiPending') continue;
      member.transmit = true;
      const parent = member.parentId !== 0 ? this.find(member.clientId, member.parentId) : undefined;
      const waiting = parent !== undefined && parent.state !== 'Filled';
      this.transition(member, waiting ? 'TRANSMIT_AWAITING_PARENT' : 'TRANSMIT');
      this.announce(member);
      released.push(member);
    }
    for (const member of released) this.match(member, true);
  }

  private children(parent: FakeOrder): FakeOrder[] {
    return this.all().filter((o) => o.clientId === parent.clientId && o.parentId === parent.orderId);
  }

  private match(order: FakeOrder, arriving: boolean): void {
    if (order.state !== 'Submitted') return;
    const quote = this.deps.feed.quote(order.instrument);
    // A stop that triggers now enters the market now: it takes the touch like an arriving order.
    const triggersNow = !order.triggered && stopTriggered(order, quote);
    if (triggersNow) order.triggered = true;
    const price = executablePrice(order, quote, arriving || triggersNow);
    const immediate = order.tif === 'IOC' || order.tif === 'FOK';
    if (price === undefined) {
      if (arriving && immediate) this.cancelInternal(order, `${order.tif} order not marketable`);
      return;
    }
    const remaining = order.totalQuantity - order.filled;
    const plan = this.fillPlans.get(order.orderId);
    const slice = plan && plan.length > 0 ? (plan[0] as number) : remaining;
    if (order.tif === 'FOK' && slice < remaining) {
      this.cancelInternal(order, 'FOK order could not be filled in full');
      return;
    }
    plan?.shift();
    this.fill(order, Math.min(slice, remaining), price);
    if (immediate && order.state === 'Submitted') this.cancelInternal(order, 'IOC remainder');
  }

  private fill(order: FakeOrder, quantity: number, price: number): ExecutionRecord {
    const { instrument } = order;
    const side = order.action === 'BUY' ? 'BOT' : 'SLD';
    const commission = commissionFor(instrument, quantity, price);
    const outcome = this.deps.ledger.applyFill(instrument, side, quantity, price, commission);
    order.avgFillPrice = (order.avgFillPrice * order.filled + price * quantity) / (order.filled + quantity);
    order.filled += quantity;
    order.lastFillPrice = price;
    const complete = order.filled >= order.totalQuantity;
    this.transition(order, complete ? 'FULL_FILL' : 'PARTIAL_FILL');
    this.execSeq += 1;
    const execution: ExecutionRecord = {
      execId: `0000f${order.permId.toString(16).padStart(7, '0')}.${String(this.execSeq).padStart(8, '0')}.01.01`,
      clientId: order.clientId,
      orderId: order.orderId,
      permId: order.permId,
      instrument,
      side,
      shares: quantity,
      price,
      cumQty: order.filled,
      avgPrice: order.avgFillPrice,
      time: this.deps.clock(),
      account: order.account,
      orderRef: order.orderRef,
      commission,
      realizedPnl: outcome.realizedPnl,
    };
    this.executions.push(execution);
    const emit = (event: BookEvent) => this.deps.emit(order.clientId, event);
    emit({ kind: 'execution', order, execution });
    if (complete) {
      order.completedAt = execution.time;
      order.completedStatus = `Filled Size: ${order.filled}`;
      emit({ kind: 'openOrder', order });
    }
    emit({ kind: 'orderStatus', order });
    emit({ kind: 'commission', order, execution });
    emit({ kind: 'position', position: outcome.position });
    this.applyOca(order, quantity);
    if (complete) this.releaseChildren(order);
    return execution;
  }

  /** Bracket children wait for the parent's complete fill, then go live. */
  private releaseChildren(parent: FakeOrder): void {
    for (const child of this.children(parent)) {
      if (child.state !== 'PreSubmitted') continue;
      this.transition(child, 'PARENT_FILLED');
      this.announce(child);
      this.match(child, true);
    }
  }

  /**
   * One-cancels-all: an explicit group with ocaType 1 (or unset) cancels the others on any fill;
   * types 2/3, and bracket children (which TWS links implicitly), reduce the others by the filled size.
   */
  private applyOca(order: FakeOrder, quantity: number): void {
    const live = (o: FakeOrder) => o !== order && !isTerminal(o.state) && o.clientId === order.clientId;
    const group = order.ocaGroup !== '' ? this.all().filter((o) => live(o) && o.ocaGroup === order.ocaGroup) : [];
    const reduceGroup = order.ocaType === 2 || order.ocaType === 3;
    for (const o of group) {
      if (reduceGroup) this.reduce(o, quantity);
      else this.cancelInternal(o, `OCA group ${order.ocaGroup} member ${order.orderId} filled`);
    }
    if (order.parentId !== 0) {
      const siblings = this.all().filter((o) => live(o) && o.parentId === order.parentId && !group.includes(o));
      for (const o of siblings) this.reduce(o, quantity);
    }
  }

  private reduce(order: FakeOrder, quantity: number): void {
    const total = order.totalQuantity - quantity;
    if (total <= order.filled) {
      this.cancelInternal(order, 'OCA reduced to zero');
      return;
    }
    order.totalQuantity = total;
    this.announce(order);
  }

  private cancelInternal(order: FakeOrder, reason: string): void {
    this.transition(order, 'CANCEL');
    order.completedAt = this.deps.clock();
    order.completedStatus = reason;
    this.deps.emit(order.clientId, { kind: 'orderError', clientId: order.clientId, orderId: order.orderId, code: 202, message: `Order Canceled - reason:${reason}` });
    this.deps.emit(order.clientId, { kind: 'orderStatus', order });
    // TWS takes a parent's unreleased children down with it.
    for (const child of this.children(order)) if (child.state === 'ApiPending' || child.state === 'PreSubmitted') this.cancelInternal(child, `Parent order ${order.orderId} cancelled`);
  }

  private announce(order: FakeOrder): void {
    this.deps.emit(order.clientId, { kind: 'openOrder', order });
    this.deps.emit(order.clientId, { kind: 'orderStatus', order });
  }

  private transition(order: FakeOrder, event: FakeOrderEvent): void {
    const next = nextOrderState(order.state, event);
    if (next === undefined) throw new Error(`fake order ${order.orderId}: ${event} is not allowed in state ${order.state}`);
    order.state = next;
  }
}

const key = (clientId: number, orderId: number): string => `${clientId}:${orderId}`;

function sideMatches(side: 'BOT' | 'SLD', filter: string): boolean {
  const f = filter.toUpperCase();
  return side === 'BOT' ? f === 'BOT' || f === 'BUY' : f === 'SLD' || f === 'SELL';
}
