// The smart order router: execution parents (SMART orders and algorithms' parents), their children through the OMS
// (so each passes pre-trade risk and the journal before any venue), re-routing, cancel/modify on the parent, and
// a record of every routing decision with its inputs.
import type { Clock } from '../model/clock';
import type { ClientOrderId } from '../model/ids';
import type { Instrument, Symbol } from '../model/instrument';
import { roundToIncrement } from '../model/instrument';
import { isTerminal, type Order, type OrderSide } from '../model/order';
import { err, ok, type Result } from '../model/result';
import type { OmsEvent, OrderManager } from '../trading/oms';
import type { ExecutionError } from './executionErrors';
import { isParentDone, parentTransition, type AlgoKind, type ExecutionOwner, type ExecutionParent, type ParentEvent, type RouteDecisionRecord, type RouteReason } from './parentOrder';
import { resolvePricing, samePricing, withLimit, type ParentPricing } from './pricingPolicy';
import { DEFAULT_ROUTE_CONFIG, planRoute, type RouteConfig } from './routePlanner';
import { VenueStatistics } from './venueStats';
import { consolidatedMid, usable, type VenueView, type VenueViewSource } from './venueView';
import { ChildBook, type ChildFill, type ChildRecord } from './childBook';
import { PacingWindows } from './pacing';
import { checkShape } from './parentShape';
import { rerouteReason } from './rerouteRule';
import { routeOf, type ParentRecord, type RebuiltParent } from './parentRecord';
import { DecisionLog } from './decisionLog';

export type ChildPort = Pick<OrderManager, 'submitChild' | 'cancel' | 'issueClientOrderId' | 'subscribe'>;

export interface SmartRouterOptions {
  readonly oms: ChildPort;
  readonly venues: VenueViewSource;
  readonly clock: Clock;
  readonly instrument: (symbol: Symbol) => Instrument | undefined;
  readonly stats?: VenueStatistics;
  readonly config?: RouteConfig;
  /** Messages (new, cancel) per venue per second before the venue counts as over its pacing limit (IB: 50). */
  readonly maxMessagesPerSecond?: number;
  /** A resting child is re-routed when its venue's opposite touch is this many ticks further away than the best venue's. */
  readonly rerouteTicks?: number;
}

export interface ParentRequest {
  readonly symbol: Symbol;
  readonly side: OrderSide;
  readonly quantity: number;
  readonly limitPrice: number | null;
  readonly algo: AlgoKind;
  readonly owner?: ExecutionOwner;
}

export type ParentListener = (parent: Readonly<ExecutionParent>) => void;

const EPS = 1e-9;
/** A parent whose children were all refused is routed again by the market after 1 s, then 2, 4 … up to a minute. */
const REFUSED_RETRY_MIN_MS = 1_000;
const REFUSED_RETRY_MAX_MS = 60_000;

export class SmartOrderRouter {
  readonly stats: VenueStatistics;
  private readonly config: RouteConfig;
  private readonly parentsById = new Map<ClientOrderId, ExecutionParent>();
  /** Parents not done yet: what a quote can concern (a long backtest keeps thousands of finished ones). */
  private readonly live = new Set<ExecutionParent>();
  private readonly decisionLog = new DecisionLog();
  private readonly children = new ChildBook();
  private readonly pacing: PacingWindows;
  private readonly listeners: ParentListener[] = [];
  /** Parents whose working children are being cancelled for a re-route, with why. */
  private readonly rerouting = new Map<ClientOrderId, RouteReason>();
  /** Parents whose last routing placed nothing (every child refused): the market does not route them again before `at`. */
  private readonly refusedRetry = new Map<ClientOrderId, { at: number; backoffMs: number }>();

  constructor(private readonly options: SmartRouterOptions) {
    this.stats = options.stats ?? new VenueStatistics();
    this.config = options.config ?? DEFAULT_ROUTE_CONFIG;
    this.pacing = new PacingWindows(options.maxMessagesPerSecond ?? 50);
    options.oms.subscribe((event) => this.onOmsEvent(event));
  }

  subscribe(listener: ParentListener): () => void {
    this.listeners.push(listener);
    return () => void this.listeners.splice(this.listeners.indexOf(listener) >>> 0, 1);
  }

  parent(id: ClientOrderId): Readonly<ExecutionParent> | undefined {
    return this.parentsById.get(id);
  }

  parents(): Readonly<ExecutionParent>[] {
    return [...this.parentsById.values()];
  }

  childrenOf(id: ClientOrderId): readonly Readonly<ChildRecord>[] {
    return this.children.ofParent(id);
  }

  /** The parent's executions with the mids TCA splits their cost by. */
  fills(id: ClientOrderId): readonly ChildFill[] {
    return this.children.fillsOf(id);
  }

  /** Done, and every execution it counted has arrived with its mids: what TCA and the records should wait for. */
  settled(id: ClientOrderId): boolean {
    const parent = this.parentsById.get(id);
    if (!parent || !isParentDone(parent.status)) return false;
    let recorded = 0;
    for (const fill of this.children.fillsOf(id)) recorded += fill.quantity;
    return Math.abs(recorded - parent.filled) < 1e-6;
  }

  decisions(id: ClientOrderId): readonly RouteDecisionRecord[] {
    return this.decisionLog.of(id);
  }

  /** The consolidated mid of `symbol` now (NaN without a two-sided market). */
  mid(symbol: Symbol): number {
    const source = this.options.venues;
    return source.mid ? source.mid(symbol) : consolidatedMid(source.views(symbol));
  }

  /** A SMART order: all of it routed now at its own limit (null: market); an IOC one never rests. */
  smart(request: Omit<ParentRequest, 'algo'> & { readonly ioc: boolean }): Result<Readonly<ExecutionParent>, ExecutionError> {
    // Fields named, not rest/spread: this is every SMART order's path.
    const parent: ParentRequest = { symbol: request.symbol, side: request.side, quantity: request.quantity, limitPrice: request.limitPrice, algo: 'SMART', owner: request.owner };
    return this.open(parent, request.quantity, { style: 'LIMIT', limitPrice: request.limitPrice, mayRest: !request.ioc });
  }

  /**
   * A new parent. `released` is what may be worked at once (all of it for SMART), priced by `pricing`. Nothing is
   * kept when the first routing is refused (no venue, or its first child refused by risk): nothing was sent.
   */
  open(request: ParentRequest, released: number, pricing: ParentPricing): Result<Readonly<ExecutionParent>, ExecutionError> {
    const instrument = this.options.instrument(request.symbol);
    if (!instrument) return err({ code: 'UNKNOWN_SYMBOL', field: 'symbol', symbol: request.symbol });
    const shape = checkShape(instrument, request.quantity, request.limitPrice);
    if (shape) return err(shape);
    const now = this.options.clock.now();
    if (!(released > EPS) && !this.anyVenueAvailable(request.symbol, now, request.owner)) {
      const views = usable(this.options.venues.views(request.symbol), request.owner);
      return err({ code: 'NO_AVAILABLE_VENUE', field: 'destination', reasons: views.map((v) => ({ venue: v.venue, ineligible: v.status === 'UP' ? 'OVER_PACING' : v.status })) });
    }
    const parent: ExecutionParent = {
      id: this.options.oms.issueClientOrderId(),
      symbol: request.symbol,
      side: request.side,
      algo: request.algo,
      owner: request.owner ?? null,
      createdAt: now,
      arrivalMid: this.mid(request.symbol),
      status: 'WORKING',
      quantity: request.quantity,
      limitPrice: request.limitPrice,
      released: Math.min(released, request.quantity),
      pricing,
      filled: 0,
      filledNotional: 0,
      fees: 0,
      children: [],
      updatedAt: now,
    };
    this.parentsById.set(parent.id, parent);
    this.live.add(parent);
    if (parent.released > EPS) {
      const routed = this.route(parent, 'NEW');
      if (!routed.ok) {
        this.parentsById.delete(parent.id);
        this.live.delete(parent);
        this.decisionLog.delete(parent.id);
        return routed;
      }
    }
    this.publish(parent);
    return ok(parent);
  }

  private anyVenueAvailable(symbol: Symbol, now: number, owner: ExecutionOwner | undefined): boolean {
    return usable(this.options.venues.views(symbol), owner).some((v) => v.status === 'UP' && !this.pacing.over(v.venue, now));
  }

  /** What of the parent outlives the process (see parentRecord), its algorithm's run aside. */
  snapshot(id: ClientOrderId): Omit<ParentRecord, 'algo'> | undefined {
    const parent = this.parentsById.get(id);
    return parent && { parent: { ...parent, children: [...parent.children] }, children: this.children.ofParent(id).map(routeOf), fills: [...this.children.fillsOf(id)] };
  }

  /** A parent rebuilt after a restart takes its children back; one being cancelled, ended or paused cancels them again. */
  adopt(rebuilt: RebuiltParent): void {
    const { parent } = rebuilt;
    this.parentsById.set(parent.id, parent);
    // A quote concerns it again like any working parent (settle drops it once done).
    this.live.add(parent);
    for (const child of rebuilt.children) this.children.add(child);
    for (const fill of rebuilt.fills) this.children.addFill(fill);
    if (parent.status === 'CANCELING' || parent.status === 'ENDING' || parent.status === 'PAUSED') this.cancelChildren(parent);
    this.settle(parent);
  }

  /** An algorithm lets more of the parent be worked (`released` is cumulative), priced by `pricing`. */
  release(id: ClientOrderId, released: number, pricing: ParentPricing): Result<Readonly<ExecutionParent>, ExecutionError> {
    const parent = this.parentsById.get(id);
    if (!parent) return err({ code: 'UNKNOWN_PARENT', parentId: id });
    parent.released = Math.max(parent.released, Math.min(released, parent.quantity));
    const repriced = !samePricing(parent.pricing, pricing);
    parent.pricing = pricing;
    if (parent.status !== 'WORKING') return ok(parent);
    if (repriced && this.children.hasWorking(id)) this.startReroute(parent, 'REROUTE_REPRICED');
    else if (!this.rerouting.has(id)) this.route(parent, 'RELEASE');
    return ok(parent);
  }

  cancel(id: ClientOrderId): Result<Readonly<ExecutionParent>, ExecutionError> {
    return this.finish(id, 'CANCEL');
  }

  /** The window or time in force is over: working children are cancelled, then the parent is EXPIRED. */
  end(id: ClientOrderId): Result<Readonly<ExecutionParent>, ExecutionError> {
    return this.finish(id, 'END');
  }

  pause(id: ClientOrderId): Result<Readonly<ExecutionParent>, ExecutionError> {
    const parent = this.parentsById.get(id);
    if (!parent) return err({ code: 'UNKNOWN_PARENT', parentId: id });
    const moved = this.move(parent, 'PAUSE');
    if (!moved.ok) return moved;
    this.cancelChildren(parent);
    return ok(parent);
  }

  resume(id: ClientOrderId): Result<Readonly<ExecutionParent>, ExecutionError> {
    const parent = this.parentsById.get(id);
    if (!parent) return err({ code: 'UNKNOWN_PARENT', parentId: id });
    const moved = this.move(parent, 'RESUME');
    if (!moved.ok) return moved;
    // An algorithm's runner releases and prices its next slice itself.
    if (parent.algo !== 'SMART') return ok(parent);
    if (!this.children.hasWorking(id)) this.route(parent, 'RELEASE');
    else this.rerouting.set(id, 'RELEASE');
    return ok(parent);
  }

  /** Quantity and/or limit of the parent; working children are cancelled and the remainder re-routed. */
  modify(id: ClientOrderId, change: { quantity?: number; limitPrice?: number }): Result<Readonly<ExecutionParent>, ExecutionError> {
    const parent = this.parentsById.get(id);
    if (!parent) return err({ code: 'UNKNOWN_PARENT', parentId: id });
    const allowed = parentTransition(parent.status, 'MODIFY');
    if (!allowed.ok) return allowed;
    const instrument = this.options.instrument(parent.symbol) as Instrument;
    const quantity = change.quantity ?? parent.quantity;
    const limitPrice = change.limitPrice ?? parent.limitPrice;
    const shape = checkShape(instrument, quantity, limitPrice);
    if (shape) return err(shape);
    if (quantity <= parent.filled + EPS) return err({ code: 'QUANTITY_NOT_ABOVE_FILLED', field: 'quantity', quantity, filled: parent.filled });
    const wasAll = parent.released >= parent.quantity - EPS;
    parent.quantity = quantity;
    parent.released = wasAll ? quantity : Math.min(parent.released, quantity);
    parent.pricing = withLimit(parent.pricing, parent.limitPrice, limitPrice);
    parent.limitPrice = limitPrice;
    parent.updatedAt = this.options.clock.now();
    if (parent.status === 'WORKING') this.startReroute(parent, 'REROUTE_MODIFIED');
    this.publish(parent);
    return ok(parent);
  }

  /** Market moved in `symbol`: resting children whose venue went away, or that could now take elsewhere, are re-routed. */
  onMarket(symbol: Symbol): void {
    let views: readonly VenueView[] | null = null;
    for (const parent of this.live) {
      if (parent.symbol !== symbol || parent.status !== 'WORKING' || this.rerouting.has(parent.id)) continue;
      views ??= this.options.venues.views(symbol);
      const working = this.children.workingOf(parent.id);
      if (working.length === 0) {
        const retry = this.refusedRetry.get(parent.id);
        if (this.openQuantity(parent) > EPS && (retry === undefined || this.options.clock.now() >= retry.at)) this.route(parent, 'RELEASE', usable(views, parent.owner));
        continue;
      }
      const tick = (this.options.instrument(parent.symbol) as Instrument).tickSize;
      const reason = rerouteReason(parent.side, working, usable(views, parent.owner), tick, this.options.rerouteTicks ?? 2);
      if (reason) this.startReroute(parent, reason);
    }
  }

  private finish(id: ClientOrderId, event: 'CANCEL' | 'END'): Result<Readonly<ExecutionParent>, ExecutionError> {
    const parent = this.parentsById.get(id);
    if (!parent) return err({ code: 'UNKNOWN_PARENT', parentId: id });
    const moved = this.move(parent, event);
    if (!moved.ok) return moved;
    this.rerouting.delete(id);
    this.cancelChildren(parent);
    this.settle(parent);
    return ok(parent);
  }

  private startReroute(parent: ExecutionParent, reason: RouteReason): void {
    this.rerouting.set(parent.id, reason);
    this.cancelChildren(parent);
    this.settle(parent);
  }

  private cancelChildren(parent: ExecutionParent): void {
    for (const child of this.children.workingOf(parent.id)) {
      if (child.cancelRequested) continue;
      if (this.options.oms.cancel(child.clientOrderId).ok) {
        child.cancelRequested = true;
        this.pacing.record(child.venue, this.options.clock.now());
      }
      // A cancel the order path refuses now (not yet acknowledged) is retried when the child next changes.
    }
  }

  private openQuantity(parent: ExecutionParent): number {
    return Math.max(0, parent.released - parent.filled - this.children.workingQuantity(parent.id));
  }

  private route(parent: ExecutionParent, reason: RouteReason, knownViews?: readonly VenueView[]): Result<void, ExecutionError> {
    const instrument = this.options.instrument(parent.symbol) as Instrument;
    const quantity = roundToIncrement(this.openQuantity(parent), instrument.lotSize);
    if (quantity <= EPS) return ok(undefined);
    const now = this.options.clock.now();
    const views = knownViews ?? usable(this.options.venues.views(parent.symbol), parent.owner);
    const resolved = resolvePricing(parent.pricing, parent.side, views, instrument.tickSize);
    if (resolved === null) return ok(undefined);
    const planned = planRoute(
      { side: parent.side, quantity, limitPrice: resolved.limitPrice, mayRest: resolved.mayRest, tickSize: instrument.tickSize, lotSize: instrument.lotSize },
      views,
      (venue) => this.pacing.over(venue, now),
      (venue) => this.stats.summary(venue),
      this.config,
    );
    if (!planned.ok) return planned;
    const plan = planned.value;
    const mid = this.options.venues.mid ? this.options.venues.mid(parent.symbol) : consolidatedMid(views);
    const sent: RouteDecisionRecord['children'][number][] = [];
    let firstRefusal: ExecutionError | null = null;
    for (const child of plan.children) {
      const placed = this.options.oms.submitChild(
        // A strategy's children carry its version, so its book (and a restart's adoption) counts them as its own.
        { symbol: parent.symbol, side: parent.side, type: child.type, quantity: child.quantity, timeInForce: child.timeInForce, limitPrice: child.limitPrice ?? undefined, tag: `${parent.algo.toLowerCase()} ${parent.id}`, ...(parent.owner?.strategy ? { strategy: parent.owner.strategy } : {}) },
        parent.id,
        child.venue,
      );
      if (!placed.ok) {
        firstRefusal ??= { code: 'CHILD_REFUSED', venue: child.venue, error: placed.error };
        sent.push({ ...child, clientOrderId: null, refused: placed.error.code });
        continue;
      }
      const id = placed.value.clientOrderId;
      parent.children.push(id);
      this.children.add({ clientOrderId: id, parentId: parent.id, venue: child.venue, quantity: child.quantity, filled: 0, averagePrice: 0, working: true, cancelRequested: false, sentAt: now, releaseMid: mid, liquidity: child.liquidity, limitPrice: child.limitPrice, firstFillAt: null });
      this.stats.onSent(child.venue, child.quantity);
      this.pacing.record(child.venue, now);
      sent.push({ ...child, clientOrderId: id, refused: null });
    }
    this.decisionLog.record({ parentId: parent.id, time: now, reason, quantity, pricing: parent.pricing, resolved, assessments: plan.assessments, children: sent, unplaced: plan.unplaced });
    // Every child refused (risk, a halted venue): the next quote would only be refused again, so the market waits,
    // doubling from 1 s to a minute; a timer's release or a modify still routes at once.
    if (sent.length > 0 && sent.every((c) => c.clientOrderId === null)) {
      const backoffMs = Math.min(REFUSED_RETRY_MAX_MS, (this.refusedRetry.get(parent.id)?.backoffMs ?? REFUSED_RETRY_MIN_MS / 2) * 2);
      this.refusedRetry.set(parent.id, { at: now + backoffMs, backoffMs });
    } else if (sent.length > 0) this.refusedRetry.delete(parent.id);
    if (reason === 'NEW' && firstRefusal && sent.every((c) => c.clientOrderId === null)) return err(firstRefusal);
    // An IOC parent's unplaced remainder is done with: the parent ends once its children are.
    if (!resolved.mayRest && plan.unplaced > EPS) parent.released = roundToIncrement(parent.released - plan.unplaced, instrument.lotSize);
    return ok(undefined);
  }

  private onOmsEvent(event: OmsEvent): void {
    if (event.kind === 'FILL') {
      const child = this.children.get(event.fill.clientOrderId);
      const parent = child && this.parentsById.get(child.parentId);
      if (!child || !parent) return;
      parent.fees += event.fill.commission;
      const sign = parent.side === 'BUY' ? 1 : -1;
      const slippageBps = parent.arrivalMid > 0 ? (sign * (event.fill.price - parent.arrivalMid) / parent.arrivalMid) * 10_000 : 0;
      const first = child.firstFillAt === null;
      if (first) child.firstFillAt = event.fill.time;
      this.stats.onFill(child.venue, event.fill.quantity, slippageBps, first ? event.fill.time - child.sentAt : null);
      this.children.recordFill(child, event.fill, this.mid(parent.symbol));
      // The fill event follows the order update that counted it: listeners see the parent again with its fills.
      this.publish(parent);
      return;
    }
    if (event.kind !== 'ORDER_UPDATED') return;
    const child = this.children.get(event.order.clientOrderId);
    const parent = child && this.parentsById.get(child.parentId);
    if (!child || !parent) return;
    this.applyChildUpdate(parent, child, event.order);
  }

  private applyChildUpdate(parent: ExecutionParent, child: ChildRecord, order: Readonly<Order>): void {
    const delta = order.filledQuantity - child.filled;
    if (delta > EPS) {
      parent.filledNotional += order.averageFillPrice * order.filledQuantity - child.averagePrice * child.filled;
      parent.filled += delta;
      child.filled = order.filledQuantity;
      child.averagePrice = order.averageFillPrice;
    }
    if (isTerminal(order.status) && child.working) {
      this.children.close(child);
      if (order.status === 'Rejected') this.stats.onReject(child.venue);
      // A SMART DAY order's children expire at the session's close: so does the order, never re-sent the next session.
      if (order.status === 'Expired' && parent.algo === 'SMART') this.finish(parent.id, 'END');
    }
    parent.updatedAt = this.options.clock.now();
    // A cancel refused earlier (the child was not yet acknowledged) is tried again now.
    if (parent.status === 'CANCELING' || parent.status === 'ENDING' || parent.status === 'PAUSED' || this.rerouting.has(parent.id)) this.cancelChildren(parent);
    this.settle(parent);
  }

  /** Moves the parent on once its children allow: filled, cancelled, expired, or re-routed. */
  private settle(parent: ExecutionParent): void {
    const lot = (this.options.instrument(parent.symbol) as Instrument).lotSize;
    parent.filled = roundToIncrement(parent.filled, lot);
    if (!isParentDone(parent.status) && parent.filled >= parent.quantity - EPS) this.move(parent, 'FILLED');
    const idle = !this.children.hasWorking(parent.id);
    if (idle && (parent.status === 'CANCELING' || parent.status === 'ENDING')) this.move(parent, 'CHILDREN_DONE');
    const reroute = this.rerouting.get(parent.id);
    if (idle && reroute !== undefined) {
      this.rerouting.delete(parent.id);
      if (parent.status === 'WORKING') this.route(parent, reroute);
    }
    // An IOC SMART order whose children are all done has nothing left to work.
    if (idle && parent.status === 'WORKING' && parent.pricing.style === 'LIMIT' && !parent.pricing.mayRest && parent.algo === 'SMART' && this.openQuantity(parent) <= EPS) {
      this.move(parent, 'END');
      this.move(parent, 'CHILDREN_DONE');
    }
    if (isParentDone(parent.status)) {
      this.rerouting.delete(parent.id);
      this.refusedRetry.delete(parent.id);
    }
    this.publish(parent);
  }

  private move(parent: ExecutionParent, event: ParentEvent): Result<void, ExecutionError> {
    const next = parentTransition(parent.status, event);
    if (!next.ok) return next;
    parent.status = next.value;
    if (isParentDone(parent.status)) this.live.delete(parent);
    parent.updatedAt = this.options.clock.now();
    return ok(undefined);
  }

  private publish(parent: ExecutionParent): void {
    for (const listener of this.listeners) listener(parent);
  }
}
