// The simulated exchange: a Venue over one matching engine per instrument, with latency, commissions and a reconciliation log.
import type { Clock, EpochMs, RandomSource } from '../model/clock';
import type { Instrument, Symbol } from '../model/instrument';
import type { Quote } from '../model/marketData';
import type { ClientOrderId } from '../model/ids';
import type { Liquidity } from '../model/fill';
import { executionCommission, IB_FIXED_US_EQUITY, type CommissionSchedule } from './commission';
import { FillModel, PERFECT_FILLS, type FillModelConfig } from './fillModel';
import { DEFAULT_DEPTH, MatchingEngine, type DepthModel, type MatchingOrder, type MatchSink } from './matchingEngine';
import type { SimulatedExchange } from './simulatedExchange';
import type { ViewedVenue } from '../execution/nodeVenueViews';
import type { FillEvent, Venue, VenueEvent, VenueListener, VenueModification, VenueOpenOrder, VenueOrder } from './venue';

export interface SimulatedVenueOptions {
  readonly name?: string;
  readonly instruments: readonly Instrument[];
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly fillModel?: FillModelConfig;
  readonly depth?: DepthModel;
  readonly commission?: CommissionSchedule;
  /** What adding liquidity costs (a rebate when negative); `commission` for both sides when absent. Keep it linear per share. */
  readonly makerCommission?: CommissionSchedule;
}

interface SimOrder {
  readonly spec: VenueOrder;
  readonly venueOrderId: string;
  readonly matching: MatchingOrder;
  tradedQuantity: number;
  tradedNotional: number;
  executions: number;
}

interface Scheduled {
  readonly time: EpochMs;
  readonly run: () => void;
}

export class SimulatedVenue implements Venue, MatchSink, SimulatedExchange {
  readonly name: string;
  private readonly clock: Clock;
  private readonly fillModel: FillModel;
  private readonly depth: DepthModel;
  private readonly commission: CommissionSchedule;
  private readonly makerCommission: CommissionSchedule;
  private readonly engines = new Map<Symbol, MatchingEngine>();
  private readonly orders = new Map<ClientOrderId, SimOrder>();
  private readonly executionLog: FillEvent[] = [];
  private readonly listeners: VenueListener[] = [];
  private readonly queue: Scheduled[] = [];
  private lastScheduled = -Infinity;
  private running = false;
  private eventTime: EpochMs = 0;

  constructor(options: SimulatedVenueOptions) {
    this.name = options.name ?? 'SIM';
    this.clock = options.clock;
    this.fillModel = new FillModel(options.fillModel ?? PERFECT_FILLS, options.random);
    this.commission = options.commission ?? IB_FIXED_US_EQUITY;
    this.makerCommission = options.makerCommission ?? this.commission;
    this.depth = options.depth ?? DEFAULT_DEPTH;
    for (const instrument of options.instruments) this.addInstrument(instrument);
  }

  /** Lists an instrument (a stored real symbol enabled for trading); false when it trades here already. */
  addInstrument(instrument: Instrument): boolean {
    if (this.engines.has(instrument.symbol)) return false;
    this.engines.set(instrument.symbol, new MatchingEngine(instrument, this.fillModel, this.depth));
    return true;
  }

  /** True when the venue lists the symbol. */
  lists(symbol: Symbol): boolean {
    return this.engines.has(symbol);
  }

  subscribe(listener: VenueListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  submit(order: VenueOrder): void {
    this.schedule(() => this.arrive(order));
  }

  modify(modification: VenueModification): void {
    this.schedule(() => this.arriveModify(modification));
  }

  cancel(clientOrderId: ClientOrderId): void {
    this.schedule(() => this.arriveCancel(clientOrderId));
  }

  /**
   * Market data: messages due before the quote are handled against the previous quote, then the book moves.
   * `freshLiquidity` false: a price along the same bar (backtests), whose liquidity was partly taken already.
   */
  onQuote(quote: Quote, freshLiquidity = true): void {
    this.runDue(quote.time);
    const engine = this.engines.get(quote.symbol);
    if (!engine) return;
    this.eventTime = quote.time;
    engine.onQuote(quote, this, freshLiquidity);
  }

  /** Orders working at the venue for a symbol (a backtest walks a bar's high and low only for these). */
  hasWorkingOrders(symbol: Symbol): boolean {
    const engine = this.engines.get(symbol);
    return engine !== undefined && engine.workingCount > 0;
  }

  /** The last quote the venue's book in `symbol` moved to (null before one). */
  lastQuote(symbol: Symbol): Quote | null {
    return this.engines.get(symbol)?.lastQuote ?? null;
  }

  /** The displayed liquidity a taker on `side` sees in `symbol` now, best level first (empty before a quote). */
  levelsFor(symbol: Symbol, side: 'BUY' | 'SELL'): { price: number; size: number }[] {
    return this.engines.get(symbol)?.levelsFor(side) ?? [];
  }

  /** The router sees this venue alone: its own book, no fees (a backtest's one venue). */
  viewedVenues(): readonly ViewedVenue[] {
    return [{ venue: this, takerFeePerShare: 0, makerFeePerShare: 0, latencyMs: 0, fillProbability: 0.5, levels: (symbol, side) => this.levelsFor(symbol, side) }];
  }

  /** Delivers messages whose latency has elapsed by the clock's time. */
  poll(): void {
    this.runDue(this.clock.now());
  }

  /** Session end: DAY orders expire (of the given symbols' exchanges only, when given). */
  endSession(symbols?: Iterable<Symbol>): void {
    this.poll();
    this.eventTime = this.clock.now();
    if (symbols === undefined) {
      for (const engine of this.engines.values()) engine.endSession(this);
      return;
    }
    for (const symbol of symbols) this.engines.get(symbol)?.endSession(this);
  }

  openOrders(): Promise<readonly VenueOpenOrder[]> {
    const open: VenueOpenOrder[] = [];
    for (const engine of this.engines.values()) {
      for (const m of engine.workingOrders()) {
        const sim = this.orders.get(m.id);
        if (!sim) continue;
        open.push({ ...sim.spec, quantity: m.quantity, limitPrice: m.limitPrice, stopPrice: m.stopPrice, venueOrderId: sim.venueOrderId, filledQuantity: m.filled });
      }
    }
    return Promise.resolve(open);
  }

  executions(since: EpochMs): Promise<readonly FillEvent[]> {
    return Promise.resolve(this.executionLog.filter((e) => e.time >= since));
  }

  // MatchSink: the matching engine reports here.
  fill(order: MatchingOrder, quantity: number, price: number, liquidity: Liquidity): void {
    const sim = this.orders.get(order.id);
    if (!sim) throw new Error(`fill for unknown order ${order.id}`);
    const engine = this.engines.get(sim.spec.symbol) as MatchingEngine;
    const notional = quantity * price * engine.instrument.multiplier;
    const commission = executionCommission(
      liquidity === 'MAKER' ? this.makerCommission : this.commission,
      { quantity: sim.tradedQuantity, notional: sim.tradedNotional },
      { quantity, notional },
    );
    sim.tradedQuantity += quantity;
    sim.tradedNotional += notional;
    const event: FillEvent = {
      kind: 'FILL',
      clientOrderId: order.id,
      venueOrderId: sim.venueOrderId,
      executionId: `${sim.venueOrderId}-E${++sim.executions}`,
      quantity,
      price,
      commission,
      commissionCurrency: this.commission.currency,
      liquidity,
      time: this.eventTime,
    };
    this.executionLog.push(event);
    this.emit(event);
  }

  canceled(order: MatchingOrder, reason: string): void {
    this.emit({ kind: 'CANCELED', clientOrderId: order.id, reason, time: this.eventTime });
  }

  expired(order: MatchingOrder): void {
    this.emit({ kind: 'EXPIRED', clientOrderId: order.id, time: this.eventTime });
  }

  private arrive(order: VenueOrder): void {
    const engine = this.engines.get(order.symbol);
    const time = this.eventTime;
    if (!engine) return this.emit({ kind: 'REJECTED', clientOrderId: order.clientOrderId, reason: 'UNKNOWN_SYMBOL', time });
    const matching: MatchingOrder = {
      id: order.clientOrderId,
      side: order.side,
      type: order.type,
      timeInForce: order.timeInForce,
      quantity: order.quantity,
      filled: 0,
      limitPrice: order.limitPrice,
      stopPrice: order.stopPrice,
      triggered: false,
      sequence: 0,
    };
    const rejection = this.orders.has(order.clientOrderId) ? 'DUPLICATE_ORDER_ID' : engine.checkNew(matching);
    if (rejection) return this.emit({ kind: 'REJECTED', clientOrderId: order.clientOrderId, reason: rejection, time });
    // Ids derive from the client order id, which the OMS never reuses for an order a venue saw (it is
    // durable before it is sent): unique across restarts with no counter to persist, even though this
    // venue forgets everything when the process ends. A restarted counter (SIM-E1 again) made the OMS
    // drop new fills as duplicates of old ones.
    const venueOrderId = `${this.name}-${order.clientOrderId}`;
    this.orders.set(order.clientOrderId, { spec: order, venueOrderId, matching, tradedQuantity: 0, tradedNotional: 0, executions: 0 });
    this.emit({ kind: 'ACCEPTED', clientOrderId: order.clientOrderId, venueOrderId, time });
    engine.add(matching, this);
  }

  private arriveModify(m: VenueModification): void {
    const sim = this.orders.get(m.clientOrderId);
    const engine = sim && this.engines.get(sim.spec.symbol);
    const time = this.eventTime;
    const rejection = engine ? engine.checkModify(m.clientOrderId, m.quantity, m.limitPrice, m.stopPrice) : 'UNKNOWN_ORDER';
    if (rejection || !engine) {
      return this.emit({ kind: 'REPLACE_REJECTED', clientOrderId: m.clientOrderId, reason: rejection ?? 'UNKNOWN_ORDER', time });
    }
    this.emit({ kind: 'REPLACED', clientOrderId: m.clientOrderId, quantity: m.quantity, limitPrice: m.limitPrice, stopPrice: m.stopPrice, time });
    engine.modify(m.clientOrderId, m.quantity, m.limitPrice, m.stopPrice, this);
  }

  private arriveCancel(clientOrderId: ClientOrderId): void {
    const sim = this.orders.get(clientOrderId);
    const engine = sim && this.engines.get(sim.spec.symbol);
    const time = this.eventTime;
    if (engine?.cancel(clientOrderId)) this.emit({ kind: 'CANCELED', clientOrderId, reason: null, time });
    else this.emit({ kind: 'CANCEL_REJECTED', clientOrderId, reason: 'ORDER_NOT_WORKING', time });
  }

  /** Messages never overtake each other, as on one TCP connection. */
  private schedule(run: () => void): void {
    const time = Math.max(this.clock.now() + this.fillModel.latencyMs(), this.lastScheduled);
    this.lastScheduled = time;
    this.queue.push({ time, run });
    this.runDue(this.clock.now());
  }

  private runDue(now: EpochMs): void {
    if (this.running) return; // re-entered from a listener: the outer loop picks new messages up
    this.running = true;
    try {
      while (this.queue.length > 0 && (this.queue[0] as Scheduled).time <= now) {
        const next = this.queue.shift() as Scheduled;
        this.eventTime = next.time;
        next.run();
      }
    } finally {
      this.running = false;
    }
  }

  private emit(event: VenueEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
