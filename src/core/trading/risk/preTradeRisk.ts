// Pre-trade risk: the synchronous check on the order path (never throws, allocates only a denial), plus limit
// utilization and the order's headroom; every limit's meaning comes from its kind in the LIMIT_KINDS table.
import { err, ok, type Ok, type Result } from '../../model/result';
import type { Symbol } from '../../model/instrument';
import type { OrderSide, OrderType, TimeInForce } from '../../model/order';
import type { RiskDenial } from './denial';
import type { LimitHeadroom, LimitUtilization } from './limits';
import { kindOf, type GenericLimitKind, type RiskLimit } from './limitKinds';
import { thresholdOf, type LastOrder, type LimitContext } from './limitKind';
import type { BookRiskEstimator } from './bookRiskEstimator';
import type { RiskBook, OrderCheck } from './riskBook';
import { KillSwitch } from './killSwitch';
import { needsLimitPrice, needsStopPrice, orderShapeDenial } from './orderShape';

/** The fields risk reads from an order; OrderRequest and Order both satisfy it. */
export interface RiskOrder {
  readonly symbol: Symbol;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly quantity: number;
  readonly limitPrice?: number | null;
  readonly stopPrice?: number | null;
  readonly reduceOnly?: boolean;
}

export type RiskResult = Result<undefined, RiskDenial>;

/** What one run of the check measured: the same figures its limits were held against. */
export interface RiskMeasures {
  /** quantity × price × multiplier, converted to the base currency. */
  readonly notionalBase: number;
  /** The price the check valued the order at: its limit, its stop, or the reference price for a market order. */
  readonly price: number;
  readonly reducing: boolean;
  readonly baseCurrency: string;
}
const PASS: Ok<undefined> = Object.freeze(ok(undefined));

/** A limit with its kind and the per-limit state the kind compiled for it. */
export interface Compiled {
  readonly limit: RiskLimit;
  readonly kind: GenericLimitKind;
  readonly state: unknown;
}

/** Where P&L comes from (the position keeper), so the daily-loss and leverage rules see every mark. */
export interface PnlSource {
  netPnlBase(): number;
}


export class PreTradeRisk implements LimitContext {
  readonly killSwitch = new KillSwitch();
  private compiled: Compiled[] = [];
  private limitList: readonly RiskLimit[] = [];
  private capital = 0;
  private dayStartPnl = 0;
  private peak = -Infinity;
  private readonly check: OrderCheck;
  private readonly lastOrderFigures: LastOrder = { quantity: 0, notional: 0, collarPercent: 0, collarTicks: 0, advFraction: 0, symbol: '' };
  /** VaR and ES of the book for MAX_VAR / MAX_ES limits; without one those limits deny increasing orders. */
  estimator: BookRiskEstimator | undefined = undefined;

  constructor(
    readonly book: RiskBook,
    private readonly pnl: PnlSource,
  ) {
    this.check = {
      risk: undefined as never,
      side: 'BUY',
      type: 'MARKET',
      limitPrice: NaN,
      stopPrice: NaN,
      quantity: 0,
      added: 0,
      price: 0,
      notional: 0,
      reducing: false,
      isNew: true,
      hasLimitPrice: false,
      symbolGrossAfter: 0,
      grossAfter: 0,
      now: 0,
    };
  }

  /** Replaces the limits; throttle windows start empty for changed limits. Validate with validateLimits first. */
  setLimits(limits: readonly RiskLimit[]): void {
    const previous = new Map(this.compiled.map((c) => [JSON.stringify(c.limit), c]));
    this.limitList = limits;
    this.compiled = limits.map((limit) => {
      const same = previous.get(JSON.stringify(limit));
      if (same) return same;
      const kind = kindOf(limit);
      return { limit, kind, state: kind.compile(limit) };
    });
  }

  get limits(): readonly RiskLimit[] {
    return this.limitList;
  }

  /** Account capital in the base currency: equity = capital + P&L. */
  setCapital(capital: number): void {
    this.capital = capital;
  }

  equity(): number {
    return this.capital + this.pnl.netPnlBase();
  }

  /** Equity when the trading day started (the daily-loss and day drawdown reference). */
  dayStartEquity(): number {
    return this.capital + this.dayStartPnl;
  }

  /** The highest equity seen by a check, the monitor or a day start: the peak drawdown reference. */
  peakEquity(): number {
    return Math.max(this.peak, this.observeEquity());
  }

  /** Records the current equity toward the peak; returns it. */
  observeEquity(): number {
    const equity = this.equity();
    if (equity > this.peak) this.peak = equity;
    return equity;
  }

  /** Marks the start of a trading day for the daily-loss, day drawdown, % of ADV per day and turnover rules. */
  startDay(): void {
    this.dayStartPnl = this.pnl.netPnlBase();
    this.book.startDay();
    this.observeEquity();
  }

  dailyPnl(): number {
    return this.pnl.netPnlBase() - this.dayStartPnl;
  }

  /**
   * A new order. Call `recordAccepted` once the OMS has taken it. `forceReducing` is for flatten:
   * it closes the position while the cancels of the other working orders are still in flight.
   */
  checkNew(order: RiskOrder, now: number, forceReducing = false): RiskResult {
    return this.run(order, order.quantity, order.quantity, order.limitPrice ?? null, order.stopPrice ?? null, true, now, forceReducing);
  }

  /**
   * The ticket's preview: the very check `checkNew` runs, with the measures it computed (notional in the base
   * currency at the price the check used). `measures` is null when the check stopped before pricing the order.
   */
  preview(order: RiskOrder, now: number): { verdict: RiskResult; measures: RiskMeasures | null; headroom: LimitHeadroom[] } {
    const c = this.check;
    c.notional = NaN;
    const verdict = this.run(order, order.quantity, order.quantity, order.limitPrice ?? null, order.stopPrice ?? null, true, now);
    if (c.notional !== c.notional) return { verdict, measures: null, headroom: [] };
    const measures = { notionalBase: c.notional, price: c.price, reducing: c.reducing, baseCurrency: this.book.fx.baseCurrency };
    const headroom: LimitHeadroom[] = [];
    for (const { limit, kind, state } of this.compiled) {
      const used = kind.usageAfter(limit, c, this, state);
      const threshold = thresholdOf(kind, limit);
      if (used === null || threshold !== threshold) continue;
      headroom.push({ id: limit.id, kind: limit.kind, used, limit: threshold, headroom: threshold - used });
    }
    return { verdict, measures, headroom };
  }

  /** A modification of a working order: per-order rules see the new order, aggregates the change in working quantity. */
  checkModify(order: RiskOrder & { readonly filledQuantity: number }, quantity: number, limitPrice: number | null, stopPrice: number | null, now: number): RiskResult {
    return this.run(order, quantity, quantity - order.quantity, limitPrice, stopPrice, false, now);
  }

  /** Records an accepted new order (or modification) for throttles, the duplicate window and utilization. */
  recordAccepted(order: RiskOrder, now: number, isNew = true): void {
    const k = this.check;
    for (const { kind, state } of this.compiled) kind.recordAccepted?.(state, k, isNew, now);
    const last = this.lastOrderFigures;
    last.symbol = order.symbol;
    last.quantity = k.quantity;
    last.notional = k.notional;
    const ref = k.risk?.referencePrice ?? NaN;
    last.collarPercent = k.hasLimitPrice ? (Math.abs(k.price - ref) / ref) * 100 : 0;
    last.collarTicks = k.hasLimitPrice && k.risk ? Math.abs(k.price - ref) / k.risk.instrument.tickSize : 0;
    last.advFraction = k.risk && k.risk.averageDailyVolume > 0 ? k.quantity / k.risk.averageDailyVolume : 0;
  }

  /** Cancels count toward the message rate but are never refused. */
  recordCancel(now: number): void {
    for (const { kind, state } of this.compiled) kind.recordCancel?.(state, now);
  }

  private run(
    order: RiskOrder,
    quantity: number,
    added: number,
    limitPrice: number | null,
    stopPrice: number | null,
    isNew: boolean,
    now: number,
    forceReducing = false,
  ): RiskResult {
    const risk = this.book.symbol(order.symbol);
    if (!risk) return err({ code: 'UNKNOWN_SYMBOL', symbol: order.symbol });
    const shape = orderShapeDenial(risk.instrument, order.type, order.timeInForce, quantity, limitPrice, stopPrice);
    if (shape !== null) return err(shape);
    const hasLimit = needsLimitPrice(order.type);
    this.book.sync();
    if (!(risk.referencePrice > 0)) return err({ code: 'NO_REFERENCE_PRICE', symbol: order.symbol });
    if (risk.unitValue !== risk.unitValue) return err({ code: 'NO_FX_RATE', currency: risk.instrument.currency });

    const c = this.check;
    const buy = order.side === 'BUY';
    c.risk = risk;
    c.side = order.side;
    c.type = order.type;
    c.limitPrice = limitPrice ?? NaN;
    c.stopPrice = stopPrice ?? NaN;
    c.quantity = quantity;
    c.added = added;
    c.hasLimitPrice = hasLimit;
    c.price = hasLimit ? (limitPrice as number) : needsStopPrice(order.type) ? (stopPrice as number) : risk.referencePrice;
    c.notional = (quantity * c.price * risk.unitValue) / risk.referencePrice;
    c.isNew = isNew;
    c.now = now;
    // Reducing: this order plus the working orders on its side cannot take the position through zero.
    c.reducing = forceReducing || added <= 0 || (buy ? risk.position < 0 && risk.openBuy + added <= -risk.position : risk.position > 0 && risk.openSell + added <= risk.position);
    const long = buy ? risk.long + added : risk.long;
    const short = buy ? risk.short : risk.short - added;
    c.symbolGrossAfter = Math.max(Math.abs(long), Math.abs(short)) * risk.unitValue;
    c.grossAfter = this.book.gross - risk.gross + c.symbolGrossAfter;

    if (this.killSwitch.engaged && !c.reducing) return err({ code: 'KILL_SWITCH_ENGAGED', reason: this.killSwitch.reason });
    if ((this.killSwitch.reduceOnly || order.reduceOnly === true) && !c.reducing) {
      return err({ code: 'REDUCE_ONLY', symbol: order.symbol, position: risk.position, openSameSide: buy ? risk.openBuy : risk.openSell, quantity });
    }
    const compiled = this.compiled;
    for (let i = 0; i < compiled.length; i++) {
      const { limit, kind, state } = compiled[i] as Compiled;
      const denial = kind.check(limit, c, this, state);
      if (denial !== null) return err(denial);
    }
    return PASS;
  }

  /** used / limit for every configured limit, for the risk panel and the monitor (not on the order path). */
  utilization(now: number): LimitUtilization[] {
    this.observeEquity();
    return this.compiled.map(({ limit, kind, state }) => {
      const threshold = thresholdOf(kind, limit);
      if (threshold !== threshold) return { id: limit.id, kind: limit.kind, used: 0, limit: 0, ratio: null, scope: 'rule' };
      const usage = kind.usage(limit, this, state, now);
      if (usage === null) return { id: limit.id, kind: limit.kind, used: 0, limit: threshold, ratio: null, scope: 'unavailable' };
      return { id: limit.id, kind: limit.kind, used: usage.used, limit: threshold, ratio: threshold > 0 ? usage.used / threshold : null, scope: usage.scope };
    });
  }

  /** The last accepted order's per-order measures (what per-order limits report as utilization). */
  get lastOrder(): Readonly<LastOrder> {
    return this.lastOrderFigures;
  }
}
