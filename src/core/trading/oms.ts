// The order manager: commands → risk → journal → (after group commit) venue; venue events → journal → state table, positions, risk.
import type { AccountId, ClientOrderId } from '../model/ids';
import type { Symbol } from '../model/instrument';
import type { Quote } from '../model/marketData';
import { err, ok, type Result } from '../model/result';
import { assertNever } from '../model';
import { oppositeSide, type BracketRequest, type BracketRole, type Order, type OrderModification, type OrderRequest, type OrderSpec } from '../model/order';
import { transition } from './orderStateTable';
import type { Venue } from './venue';
import { markOf } from './positions';
import { validateBracket, type BracketOps } from './brackets';
import { orderShapeDenial } from './risk/orderShape';
import { OrderLifecycle } from './orderLifecycle';
import { FlattenGuard, type FlattenOps } from './flattenGuard';
import type { CancelReason } from './journal';
import type { OmsError, OmsOptions } from './omsTypes';

export type { OmsError, OmsEvent, OmsListener, OmsOptions, OmsAnomaly } from './omsTypes';

type Outgoing =
  | { readonly kind: 'SUBMIT'; readonly venue: Venue; readonly order: Order }
  | { readonly kind: 'MODIFY'; readonly venue: Venue; readonly order: Order; readonly quantity: number; readonly limitPrice: number | null; readonly stopPrice: number | null }
  | { readonly kind: 'CANCEL'; readonly venue: Venue; readonly order: Order };

const EPS = 1e-9;

export class OrderManager extends OrderLifecycle {
  private outbox: Outgoing[] = [];
  private readonly bracketOps: BracketOps;
  private readonly flattenGuard = new FlattenGuard();
  private readonly flattenOps: FlattenOps;

  constructor(options: OmsOptions) {
    super(options);
    this.bracketOps = {
      get: (id) => this.store.get(id),
      activate: (entry, quantity) => this.activateExits(entry, quantity),
      cancel: (order) => void this.requestCancel(order, 'BRACKET_EXIT_DONE'),
      modifyQuantity: (order, quantity) => void this.requestModify(order, { quantity }, true),
    };
    this.flattenOps = {
      liveOrders: (symbol) => [...this.store.live].filter((o) => o.symbol === symbol),
      position: (symbol) => this.options.positions.quantity(this.account, symbol),
      cancel: (order) => void this.requestCancel(order, 'FLATTEN'),
      close: (symbol, position) =>
        this.place({ symbol, side: position > 0 ? 'SELL' : 'BUY', type: 'MARKET', quantity: Math.abs(position), timeInForce: 'DAY', tag: 'flatten' }, null, null, null, true),
    };
  }

  get account(): AccountId {
    return this.options.account;
  }

  order(id: ClientOrderId): Readonly<Order> | undefined {
    return this.store.get(id);
  }

  orders(): Readonly<Order>[] {
    return [...this.store.all()];
  }

  workingOrders(): Readonly<Order>[] {
    return [...this.store.live];
  }

  submit(request: OrderRequest): Result<Readonly<Order>, OmsError> {
    const placed = this.place(request, null, null, null, false);
    if (placed.ok) this.flattenGuard.disarm(request.symbol);
    return placed;
  }

  /**
   * A child of an execution parent (smart routing, algorithms): to the venue the smart router chose, through the
   * same risk check and journal as any order, carrying the parent's id so the blotter and a replay group it.
   */
  submitChild(request: OrderRequest, parentId: ClientOrderId, venueName: string): Result<Readonly<Order>, OmsError> {
    const placed = this.place(request, parentId, null, null, false, venueName);
    if (placed.ok) this.flattenGuard.disarm(request.symbol);
    return placed;
  }

  /** An id from the order sequence for an execution parent, so parents and orders never share one. */
  issueClientOrderId(): ClientOrderId {
    return this.options.ids.next();
  }

  /**
   * The entry goes out now; take-profit and stop-loss go out (OCO) once the entry is done with fills.
   * Every leg is validated first (see validateBracket): a bracket with one bad leg is refused whole.
   */
  submitBracket(request: BracketRequest): Result<Readonly<Order>, OmsError> {
    const { entry } = request;
    const risk = this.options.risk.book.symbol(entry.symbol);
    if (!risk) return err({ code: 'UNKNOWN_SYMBOL', symbol: entry.symbol });
    const entryShape = orderShapeDenial(risk.instrument, entry.type, entry.timeInForce, entry.quantity, entry.limitPrice ?? null, entry.stopPrice ?? null);
    if (entryShape !== null) return err(entryShape);
    const exits = validateBracket(request, risk.instrument, risk.referencePrice);
    if (!exits.ok) return exits;
    const placed = this.place(entry, null, 'ENTRY', exits.value, false);
    if (placed.ok) this.flattenGuard.disarm(entry.symbol);
    return placed;
  }

  modify(id: ClientOrderId, modification: OrderModification): Result<Readonly<Order>, OmsError> {
    const order = this.store.get(id);
    if (!order) return err({ code: 'UNKNOWN_ORDER', clientOrderId: id });
    return this.requestModify(order, modification, false);
  }

  cancel(id: ClientOrderId): Result<Readonly<Order>, OmsError> {
    const order = this.store.get(id);
    if (!order) return err({ code: 'UNKNOWN_ORDER', clientOrderId: id });
    return this.requestCancel(order);
  }

  /** Cancels every working order (of one symbol, when given) that can take a cancel now. */
  cancelAll(symbol?: Symbol, reason?: CancelReason): { canceled: ClientOrderId[]; skipped: { clientOrderId: ClientOrderId; error: OmsError }[] } {
    const canceled: ClientOrderId[] = [];
    const skipped: { clientOrderId: ClientOrderId; error: OmsError }[] = [];
    for (const order of [...this.store.live]) {
      if (symbol !== undefined && order.symbol !== symbol) continue;
      if (order.status === 'PendingCancel') continue;
      const result = this.requestCancel(order, reason);
      if (result.ok) canceled.push(order.clientOrderId);
      else skipped.push({ clientOrderId: order.clientOrderId, error: result.error });
    }
    return { canceled, skipped };
  }

  /**
   * Cancels the symbol's working orders and closes the position with a market order (ok(null) when
   * flat now); stays armed until orders still in flight are done, then closes any residual, so the
   * symbol ends flat (see FlattenGuard).
   */
  flatten(symbol: Symbol): Result<Readonly<Order> | null, OmsError> {
    return this.flattenGuard.flatten(symbol, this.flattenOps);
  }

  /** Cancels all working orders; afterwards only risk-reducing orders pass until a person releases it. */
  engageKillSwitch(reason: string, by: string): void {
    const time = this.options.clock.now();
    this.append({ kind: 'KILL_SWITCH', time, engaged: true, by, reason });
    this.options.risk.killSwitch.engage(reason, by, time);
    this.cancelAll(undefined, 'KILL_SWITCH');
    this.emitHalt(by, reason);
  }

  releaseKillSwitch(by: string): Result<void, OmsError> {
    const time = this.options.clock.now();
    const result = this.options.risk.killSwitch.release(by, time);
    if (!result.ok) return result;
    this.append({ kind: 'KILL_SWITCH', time, engaged: false, by, reason: 'released' });
    this.emitHalt(by, 'released');
    return result;
  }

  setReduceOnly(enabled: boolean, by: string): Result<void, OmsError> {
    const time = this.options.clock.now();
    const result = this.options.risk.killSwitch.setReduceOnly(enabled, by, time);
    if (!result.ok) return result;
    this.append({ kind: 'REDUCE_ONLY', time, enabled, by });
    this.emitHalt(by, enabled ? 'reduce-only on' : 'reduce-only off');
    return result;
  }

  /** Marks positions to market and moves risk's reference price. */
  onQuote(quote: Quote): void {
    this.options.positions.onQuote(quote);
    const mark = markOf(quote);
    if (mark !== null) this.options.risk.book.setReferencePrice(quote.symbol, mark);
  }

  /**
   * Group commit: one journal write for everything appended since the last flush; then what it made
   * durable is released: events to listeners, replies waiting in whenDurable(), requests to venues.
   * Nothing reaches a venue or a client before it is durable. If the journal fails, nothing of the
   * batch (or after it) is ever sent or published.
   */
  override flush(): void {
    if (this.flushing) return;
    this.flushing = true;
    this.flushScheduled = false;
    try {
      // Venue answers that arrive while sending: with a scheduler they ride in the next group commit
      // (nothing was sent because of them that is not itself behind a commit); without one, now.
      do {
        if (!this.commitAndRelease()) {
          this.outbox = [];
          return;
        }
        const outgoing = this.outbox;
        this.outbox = [];
        for (const message of outgoing) this.send(message);
      } while (this.outbox.length > 0 || (!this.options.scheduleFlush && this.gate.pending));
      this.scheduleFlushIfPending();
    } finally {
      this.flushing = false;
    }
  }

  /** Requests older than the ack time-out leave their orders Unknown, to be settled by reconcile(). */
  checkTimeouts(): ClientOrderId[] {
    const now = this.options.clock.now();
    const timeout = this.options.ackTimeoutMs ?? 5_000;
    const timedOut: ClientOrderId[] = [];
    for (const order of [...this.store.live]) {
      const since = this.store.runtimeOf(order.clientOrderId).awaitingSince;
      if (since === null || now - since < timeout) continue;
      if (!transition(order.status, 'TIMEOUT').ok) continue;
      this.append({ kind: 'ORDER_TIMED_OUT', time: now, clientOrderId: order.clientOrderId });
      this.step(order, 'TIMEOUT');
      timedOut.push(order.clientOrderId);
    }
    return timedOut;
  }

  // ---- used by replay and reconciliation (same module family) ----

  private place(
    request: OrderRequest,
    parentId: ClientOrderId | null,
    role: BracketRole | null,
    bracket: OrderSpec['bracket'],
    internal: boolean,
    venueName: string | null = null,
  ): Result<Readonly<Order>, OmsError> {
    const now = this.options.clock.now();
    // Exits follow their entry's venue: when that venue cannot trade, its rejection (with the reason) is on the record.
    const parent = parentId === null || venueName !== null ? undefined : this.store.get(parentId);
    // A smart router's child goes to the venue it chose; a bracket leg to its entry's venue; a strategy's order to its
    // deployment's venue; anything else where the router sends new orders.
    const routed =
      venueName !== null
        ? this.options.router.routeTo(venueName, request.symbol)
        : parent
          ? ok(this.venueOf(parent))
          : request.venue !== undefined
            ? this.options.router.routeTo(request.venue, request.symbol)
            : this.options.router.routeNew(request.symbol);
    if (!routed.ok) return routed;
    const venue = routed.value;
    // Bracket exits were judged with their entry; flatten must pass while its cancels are in flight.
    if (role !== 'TAKE_PROFIT' && role !== 'STOP_LOSS') {
      const verdict = this.options.risk.checkNew(request, now, internal);
      if (!verdict.ok) return verdict;
    }
    this.options.risk.recordAccepted(request, now);
    const type = request.type;
    const spec: OrderSpec = {
      clientOrderId: this.options.ids.next(),
      account: this.account,
      symbol: request.symbol,
      side: request.side,
      type,
      timeInForce: request.timeInForce,
      quantity: request.quantity,
      limitPrice: type === 'LIMIT' || type === 'STOP_LIMIT' ? (request.limitPrice ?? null) : null,
      stopPrice: type === 'STOP' || type === 'STOP_LIMIT' ? (request.stopPrice ?? null) : null,
      reduceOnly: request.reduceOnly === true,
      tag: request.tag ?? null,
      createdAt: now,
      parentId,
      bracketRole: role,
      bracket,
      strategy: request.strategy ?? null,
    };
    this.append({ kind: 'ORDER_SUBMITTED', time: now, order: spec, venue: venue.name });
    const order = this.store.create(spec, venue.name, now);
    this.brackets.register(order);
    this.step(order, 'SUBMIT');
    this.outbox.push({ kind: 'SUBMIT', venue, order });
    return ok(order);
  }

  private requestModify(order: Order, modification: OrderModification, internal: boolean): Result<Readonly<Order>, OmsError> {
    const refused = transition(order.status, 'REPLACE_REQUEST');
    if (!refused.ok) return refused;
    const quantity = modification.quantity ?? order.quantity;
    const limitPrice = order.limitPrice === null ? null : (modification.limitPrice ?? order.limitPrice);
    const stopPrice = order.stopPrice === null ? null : (modification.stopPrice ?? order.stopPrice);
    if (quantity === order.quantity && limitPrice === order.limitPrice && stopPrice === order.stopPrice) {
      return err({ code: 'NOTHING_TO_MODIFY', clientOrderId: order.clientOrderId });
    }
    if (quantity <= order.filledQuantity + EPS) return err({ code: 'QUANTITY_NOT_ABOVE_FILLED', quantity, filledQuantity: order.filledQuantity });
    const now = this.options.clock.now();
    if (!internal) {
      const verdict = this.options.risk.checkModify(order, quantity, limitPrice, stopPrice, now);
      if (!verdict.ok) return verdict;
    }
    this.options.risk.recordAccepted(order, now, false);
    this.append({ kind: 'ORDER_MODIFY_REQUESTED', time: now, clientOrderId: order.clientOrderId, quantity, limitPrice, stopPrice });
    this.store.change(order, () => {
      order.pendingModification = { quantity, limitPrice: limitPrice ?? undefined, stopPrice: stopPrice ?? undefined };
    });
    this.step(order, 'REPLACE_REQUEST');
    this.outbox.push({ kind: 'MODIFY', venue: this.venueOf(order), order, quantity, limitPrice, stopPrice });
    return ok(order);
  }

  private requestCancel(order: Order, reason?: CancelReason): Result<Readonly<Order>, OmsError> {
    const refused = transition(order.status, 'CANCEL_REQUEST');
    if (!refused.ok) return refused;
    const now = this.options.clock.now();
    this.options.risk.recordCancel(now);
    this.append({ kind: 'ORDER_CANCEL_REQUESTED', time: now, clientOrderId: order.clientOrderId, ...(reason ? { reason } : {}) });
    this.store.runtimeOf(order.clientOrderId).cancelRequested = true;
    this.step(order, 'CANCEL_REQUEST');
    this.outbox.push({ kind: 'CANCEL', venue: this.venueOf(order), order });
    return ok(order);
  }

  private activateExits(entry: Order, quantity: number): void {
    const bracket = entry.bracket;
    if (!bracket) return;
    // An entry that only closed (or did not outweigh) an opposite position leaves nothing to protect: its exits would open one.
    const position = this.options.positions.quantity(this.account, entry.symbol);
    if (entry.side === 'BUY' ? position <= EPS : position >= -EPS) return;
    const side = oppositeSide(entry.side);
    // Journals from before exits took the entry's time in force carry none: those exits were GTC.
    const base = { symbol: entry.symbol, side, quantity, timeInForce: bracket.exitTimeInForce ?? 'GTC', tag: entry.tag ?? undefined, ...(entry.strategy ? { strategy: entry.strategy } : {}) };
    this.place({ ...base, type: 'LIMIT', limitPrice: bracket.takeProfitPrice }, entry.clientOrderId, 'TAKE_PROFIT', null, true);
    const stopLimit = bracket.stopLossLimitPrice;
    this.place(
      { ...base, type: stopLimit === null ? 'STOP' : 'STOP_LIMIT', stopPrice: bracket.stopLossPrice, limitPrice: stopLimit ?? undefined },
      entry.clientOrderId,
      'STOP_LOSS',
      null,
      true,
    );
  }

  private send(message: Outgoing): void {
    const { order, venue } = message;
    this.store.runtimeOf(order.clientOrderId).awaitingSince = this.options.clock.now();
    switch (message.kind) {
      case 'SUBMIT':
        venue.submit({
          clientOrderId: order.clientOrderId,
          symbol: order.symbol,
          side: order.side,
          type: order.type,
          timeInForce: order.timeInForce,
          quantity: order.quantity,
          limitPrice: order.limitPrice,
          stopPrice: order.stopPrice,
        });
        return;
      case 'MODIFY':
        venue.modify({ clientOrderId: order.clientOrderId, quantity: message.quantity, limitPrice: message.limitPrice, stopPrice: message.stopPrice });
        return;
      case 'CANCEL':
        venue.cancel(order.clientOrderId);
        return;
      default:
        assertNever(message, 'outgoing message');
    }
  }

  protected react(order: Order): void {
    this.brackets.react(order, this.bracketOps);
    this.flattenGuard.react(order, this.flattenOps);
  }

  /**
   * Exits protect a position on their entry's side. Once a fill leaves the symbol flat or on the other
   * side (closed by hand, reversed, flattened), a working exit could only open or grow an unintended
   * position: it is cancelled, with the reason journaled.
   */
  protected onPositionChanged(symbol: Symbol, position: number): void {
    if (!this.brackets.hasExits) return;
    for (const order of [...this.store.live]) {
      if (order.symbol !== symbol || (order.bracketRole !== 'TAKE_PROFIT' && order.bracketRole !== 'STOP_LOSS')) continue;
      const protects = order.side === 'SELL' ? position > EPS : position < -EPS;
      if (protects || order.status === 'PendingCancel') continue;
      this.requestCancel(order, Math.abs(position) <= EPS ? 'POSITION_FLAT' : 'POSITION_REVERSED');
    }
  }

  private venueOf(order: Order): Venue {
    const name = this.store.runtimeOf(order.clientOrderId).venue;
    const venue = this.options.router.venue(name);
    if (!venue) throw new Error(`order ${order.clientOrderId} routed to missing venue ${name}`);
    return venue;
  }

  private emitHalt(by: string, reason: string): void {
    const ks = this.options.risk.killSwitch;
    this.emit({ kind: 'TRADING_HALT', killSwitch: ks.engaged, reduceOnly: ks.reduceOnly, by, reason });
  }
}
