// Price-time-priority matching of one instrument's client orders against synthetic liquidity derived from its quotes.
import type { Quote } from '../model/marketData';
import type { Instrument } from '../model/instrument';
import { decimalsOf, isOnIncrement, roundToIncrement } from '../model/instrument';
import type { Liquidity } from '../model/fill';
import type { OrderSide, OrderType, TimeInForce } from '../model/order';
import type { FillModel } from './fillModel';

export interface MatchingOrder {
  readonly id: string;
  readonly side: OrderSide;
  /** The original type; `triggered` turns a STOP into a market order and a STOP_LIMIT into a limit order. */
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  quantity: number;
  filled: number;
  limitPrice: number | null;
  stopPrice: number | null;
  triggered: boolean;
  /** Time priority: lower is earlier. Reset when a modify raises quantity or changes a price. */
  sequence: number;
}

export interface MatchSink {
  fill(order: MatchingOrder, quantity: number, price: number, liquidity: Liquidity): void;
  canceled(order: MatchingOrder, reason: string): void;
  expired(order: MatchingOrder): void;
}

/** Synthetic book: `levels` price levels per side, `levelSpacingTicks` apart, sized from the quote size. */
export interface DepthModel {
  readonly levels: number;
  readonly levelSpacingTicks: number;
  /** Size of level k = top size × sizeDecay^k. */
  readonly sizeDecay: number;
}

export const DEFAULT_DEPTH: DepthModel = { levels: 5, levelSpacingTicks: 1, sizeDecay: 1 };

export type MatchRejection =
  | 'QUANTITY_NOT_POSITIVE'
  | 'QUANTITY_NOT_ON_LOT'
  | 'PRICE_NOT_ON_TICK'
  | 'MISSING_LIMIT_PRICE'
  | 'MISSING_STOP_PRICE'
  | 'UNSUPPORTED_TIME_IN_FORCE'
  | 'DUPLICATE_ORDER_ID'
  | 'UNKNOWN_ORDER'
  | 'QUANTITY_NOT_ABOVE_FILLED';

const needsLimit = (type: OrderType): boolean => type === 'LIMIT' || type === 'STOP_LIMIT';
const needsStop = (type: OrderType): boolean => type === 'STOP' || type === 'STOP_LIMIT';
const remaining = (o: MatchingOrder): number => o.quantity - o.filled;

export class MatchingEngine {
  private quote: Quote | null = null;
  private tickDecimals: number | undefined;
  /** The displayed levels' prices per side for the current quote, worked out once per quote (routers read them per order). */
  private askPrices: number[] | null = null;
  private bidPrices: number[] | null = null;
  private readonly askTaken: Float64Array;
  private readonly bidTaken: Float64Array;
  /** Working orders, including untriggered stops and resting market remainders. */
  private readonly working = new Map<string, MatchingOrder>();
  private sequence = 0;
  /** Stop-limit orders triggered by the current quote trade as takers once. */
  private readonly triggeredNow = new Set<MatchingOrder>();

  constructor(
    readonly instrument: Instrument,
    private readonly fillModel: FillModel,
    private readonly depth: DepthModel = DEFAULT_DEPTH,
  ) {
    this.askTaken = new Float64Array(depth.levels);
    this.bidTaken = new Float64Array(depth.levels);
  }

  get lastQuote(): Quote | null {
    return this.quote;
  }

  /** What a taker on `side` can take now: each displayed level's price and the size left on it (best first). */
  levelsFor(side: OrderSide): { price: number; size: number }[] {
    const q = this.quote;
    if (!q || (side === 'BUY' ? q.ask <= 0 : q.bid <= 0)) return [];
    const prices = side === 'BUY' ? (this.askPrices ??= this.displayedPrices(q.ask, 1)) : (this.bidPrices ??= this.displayedPrices(q.bid, -1));
    const levels: { price: number; size: number }[] = [];
    for (let k = 0; k < prices.length; k++) levels.push({ price: prices[k] as number, size: this.levelAvailable(side, k) });
    return levels;
  }

  /** The same prices as levelPrice, from whole ticks with the tick's decimals worked out once. */
  private displayedPrices(touch: number, direction: 1 | -1): number[] {
    const { tickSize } = this.instrument;
    const decimals = (this.tickDecimals ??= decimalsOf(tickSize));
    const touchTicks = Math.round(touch / tickSize);
    const step = direction * this.depth.levelSpacingTicks;
    const prices: number[] = [];
    for (let k = 0; k < this.depth.levels; k++) prices.push(Number(((touchTicks + k * step) * tickSize).toFixed(decimals)));
    return prices;
  }

  get workingCount(): number {
    return this.working.size;
  }

  workingOrders(): MatchingOrder[] {
    return [...this.working.values()];
  }

  has(id: string): boolean {
    return this.working.has(id);
  }

  /** Why `add` would refuse the order, or null: lets a venue acknowledge before the first fill. */
  checkNew(order: MatchingOrder): MatchRejection | null {
    if (this.working.has(order.id)) return 'DUPLICATE_ORDER_ID';
    return this.validate(order.type, order.timeInForce, order.quantity, order.limitPrice, order.stopPrice);
  }

  /** Why `modify` would refuse, or null: lets a venue confirm the replace before fills it causes. */
  checkModify(id: string, quantity: number, limitPrice: number | null, stopPrice: number | null): MatchRejection | null {
    const order = this.working.get(id);
    if (!order) return 'UNKNOWN_ORDER';
    const invalid = this.validate(order.type, order.timeInForce, quantity, limitPrice, stopPrice);
    if (invalid) return invalid;
    return quantity <= order.filled ? 'QUANTITY_NOT_ABOVE_FILLED' : null;
  }

  add(order: MatchingOrder, sink: MatchSink): MatchRejection | null {
    const invalid = this.checkNew(order);
    if (invalid) return invalid;
    order.sequence = ++this.sequence;
    this.working.set(order.id, order);
    if (needsStop(order.type) && !order.triggered) {
      if (this.shouldTrigger(order)) this.trigger(order);
      else return null;
    }
    this.takeIfMarketable(order, sink);
    this.settle(order, sink);
    return null;
  }

  modify(id: string, quantity: number, limitPrice: number | null, stopPrice: number | null, sink: MatchSink): MatchRejection | null {
    const invalid = this.checkModify(id, quantity, limitPrice, stopPrice);
    if (invalid) return invalid;
    const order = this.working.get(id) as MatchingOrder;
    // Exchanges keep queue position only for a pure quantity decrease.
    if (quantity > order.quantity || limitPrice !== order.limitPrice || stopPrice !== order.stopPrice) {
      order.sequence = ++this.sequence;
    }
    order.quantity = quantity;
    order.limitPrice = needsLimit(order.type) ? limitPrice : null;
    order.stopPrice = needsStop(order.type) ? stopPrice : null;
    if (needsStop(order.type) && !order.triggered) {
      if (!this.shouldTrigger(order)) return null;
      this.trigger(order);
    }
    this.takeIfMarketable(order, sink);
    this.settle(order, sink);
    return null;
  }

  cancel(id: string): boolean {
    return this.working.delete(id);
  }

  /**
   * A new quote: fresh synthetic liquidity, stops trigger, resting orders the market traded through fill.
   * `freshLiquidity` false: the quote moves the price along the same bar, whose liquidity was partly taken already.
   */
  onQuote(quote: Quote, sink: MatchSink, freshLiquidity = true): void {
    this.quote = quote;
    this.askPrices = null;
    this.bidPrices = null;
    if (freshLiquidity) {
      // A plain loop: the book has a few levels, and fill() is a builtin call on every quote.
      const ask = this.askTaken;
      const bid = this.bidTaken;
      for (let i = 0; i < ask.length; i++) {
        ask[i] = 0;
        bid[i] = 0;
      }
    }
    if (this.working.size === 0) return;
    const orders = [...this.working.values()];
    for (const order of orders.sort((a, b) => a.sequence - b.sequence)) {
      if (needsStop(order.type) && !order.triggered && this.shouldTrigger(order)) this.trigger(order, true);
    }
    for (const side of ['BUY', 'SELL'] as const) {
      const queue = orders.filter((o) => o.side === side && this.isActive(o)).sort((a, b) => this.priority(a, b));
      for (const order of queue) {
        if (this.isMarket(order) || this.triggeredNow.has(order)) this.takeIfMarketable(order, sink);
        else this.fillThrough(order, sink);
        this.settle(order, sink);
      }
    }
    this.triggeredNow.clear();
  }

  /** Session end: DAY orders expire. */
  endSession(sink: MatchSink): void {
    for (const order of [...this.working.values()]) {
      if (order.timeInForce !== 'DAY') continue;
      this.working.delete(order.id);
      sink.expired(order);
    }
  }

  private validate(type: OrderType, tif: TimeInForce, quantity: number, limit: number | null, stop: number | null): MatchRejection | null {
    const { tickSize, lotSize } = this.instrument;
    if (!(quantity > 0)) return 'QUANTITY_NOT_POSITIVE';
    if (!isOnIncrement(quantity, lotSize)) return 'QUANTITY_NOT_ON_LOT';
    if (needsLimit(type) && (limit === null || !(limit > 0))) return 'MISSING_LIMIT_PRICE';
    if (needsStop(type) && (stop === null || !(stop > 0))) return 'MISSING_STOP_PRICE';
    if (needsLimit(type) && !isOnIncrement(limit as number, tickSize)) return 'PRICE_NOT_ON_TICK';
    if (needsStop(type) && !isOnIncrement(stop as number, tickSize)) return 'PRICE_NOT_ON_TICK';
    // IOC/FOK are immediate; a stop waits by definition.
    if (needsStop(type) && (tif === 'IOC' || tif === 'FOK')) return 'UNSUPPORTED_TIME_IN_FORCE';
    return null;
  }

  private isActive(order: MatchingOrder): boolean {
    return !needsStop(order.type) || order.triggered;
  }

  private isMarket(order: MatchingOrder): boolean {
    return order.type === 'MARKET' || (order.type === 'STOP' && order.triggered);
  }

  private priority(a: MatchingOrder, b: MatchingOrder): number {
    const am = this.isMarket(a);
    const bm = this.isMarket(b);
    if (am !== bm) return am ? -1 : 1;
    if (!am && a.limitPrice !== b.limitPrice) {
      const diff = (a.limitPrice as number) - (b.limitPrice as number);
      return a.side === 'BUY' ? -diff : diff;
    }
    return a.sequence - b.sequence;
  }

  private shouldTrigger(order: MatchingOrder): boolean {
    const q = this.quote;
    if (!q || order.stopPrice === null) return false;
    return order.side === 'BUY' ? q.ask > 0 && q.ask >= order.stopPrice : q.bid > 0 && q.bid <= order.stopPrice;
  }

  /** `duringQuote`: a stop-limit triggered by a new quote takes liquidity once before it rests as a maker. */
  private trigger(order: MatchingOrder, duringQuote = false): void {
    order.triggered = true;
    order.sequence = ++this.sequence;
    if (duringQuote && order.type === 'STOP_LIMIT') this.triggeredNow.add(order);
  }

  private levelPrice(side: OrderSide, k: number): number {
    const q = this.quote as Quote;
    const step = k * this.depth.levelSpacingTicks * this.instrument.tickSize;
    // A buyer takes the offer side, a seller the bid side.
    return roundToIncrement(side === 'BUY' ? q.ask + step : q.bid - step, this.instrument.tickSize);
  }

  private levelAvailable(side: OrderSide, k: number): number {
    const q = this.quote as Quote;
    const top = side === 'BUY' ? (q.ask > 0 ? q.askSize : 0) : q.bid > 0 ? q.bidSize : 0;
    const taken = side === 'BUY' ? this.askTaken : this.bidTaken;
    return Math.max(0, top * this.depth.sizeDecay ** k - (taken[k] as number));
  }

  /** Can the level be taken at a price no worse than the order's limit? */
  private within(order: MatchingOrder, price: number): boolean {
    if (this.isMarket(order) || order.limitPrice === null) return true;
    return order.side === 'BUY' ? price <= order.limitPrice + 1e-12 : price >= order.limitPrice - 1e-12;
  }

  private availableFor(order: MatchingOrder): number {
    if (!this.quote) return 0;
    let total = 0;
    for (let k = 0; k < this.depth.levels; k++) {
      if (!this.within(order, this.levelPrice(order.side, k))) break;
      total += this.levelAvailable(order.side, k);
    }
    return total;
  }

  /** Trades the order as a taker against the synthetic levels (FOK: all or nothing). */
  private takeIfMarketable(order: MatchingOrder, sink: MatchSink): void {
    if (!this.quote || !this.isActive(order)) return;
    const allOrNothing = order.timeInForce === 'FOK';
    if (allOrNothing && this.availableFor(order) + 1e-9 < remaining(order)) return;
    const { tickSize, lotSize } = this.instrument;
    const taken = order.side === 'BUY' ? this.askTaken : this.bidTaken;
    for (let k = 0; k < this.depth.levels && remaining(order) > 1e-9; k++) {
      const levelPrice = this.levelPrice(order.side, k);
      if (!this.within(order, levelPrice)) break;
      const available = this.levelAvailable(order.side, k);
      const want = remaining(order);
      const quantity = allOrNothing
        ? roundToIncrement(Math.floor(Math.min(want, available) / lotSize + 1e-9) * lotSize, lotSize)
        : this.fillModel.takeQuantity(want, available, lotSize);
      if (quantity <= 0) continue;
      const slip = this.fillModel.slippageTicks() * tickSize * (order.side === 'BUY' ? 1 : -1);
      let price = this.fillModel.withSlippageBps(roundToIncrement(levelPrice + slip, tickSize), order.side, tickSize);
      if (!this.within(order, price)) price = order.limitPrice as number;
      taken[k] = (taken[k] as number) + quantity;
      this.applyFill(order, quantity, price, 'TAKER', sink);
      // A partial draw means the order got less than it could: it does not walk further this quote.
      if (!allOrNothing && quantity < Math.min(want, available) - 1e-9) break;
    }
  }

  /** A resting limit fills at its own price when the opposite quote moved strictly through it. */
  private fillThrough(order: MatchingOrder, sink: MatchSink): void {
    const q = this.quote;
    if (!q || order.limitPrice === null) return;
    const limit = order.limitPrice;
    const taken = order.side === 'BUY' ? this.askTaken : this.bidTaken;
    let available = 0;
    let levels = 0;
    for (let k = 0; k < this.depth.levels; k++) {
      const price = this.levelPrice(order.side, k);
      const through = order.side === 'BUY' ? price < limit - 1e-12 : price > limit + 1e-12;
      if (!through || (order.side === 'BUY' ? q.ask <= 0 : q.bid <= 0)) break;
      available += this.levelAvailable(order.side, k);
      levels = k + 1;
    }
    const quantity = this.fillModel.takeQuantity(remaining(order), available, this.instrument.lotSize);
    if (quantity <= 0) return;
    let left = quantity;
    for (let k = 0; k < levels && left > 1e-9; k++) {
      const used = Math.min(left, this.levelAvailable(order.side, k));
      taken[k] = (taken[k] as number) + used;
      left -= used;
    }
    this.applyFill(order, quantity, limit, 'MAKER', sink);
  }

  private applyFill(order: MatchingOrder, quantity: number, price: number, liquidity: Liquidity, sink: MatchSink): void {
    order.filled = roundToIncrement(order.filled + quantity, this.instrument.lotSize);
    sink.fill(order, quantity, price, liquidity);
  }

  /** After matching: done when filled; IOC/FOK never rest; everything else keeps working. */
  private settle(order: MatchingOrder, sink: MatchSink): void {
    if (remaining(order) <= 1e-9) {
      this.working.delete(order.id);
      return;
    }
    if (order.timeInForce === 'IOC' || order.timeInForce === 'FOK') {
      this.working.delete(order.id);
      sink.canceled(order, order.timeInForce === 'FOK' ? 'FOK_NOT_FILLABLE' : 'IOC_REMAINDER');
    }
  }
}
