// Pre-trade risk: the synchronous check on the order path (never throws, allocates only a denial), plus limit utilization for the risk panel.
import { assertNever } from '../../model';
import { err, ok, type Ok, type Result } from '../../model/result';
import type { Symbol } from '../../model/instrument';
import type { OrderSide, OrderType, TimeInForce } from '../../model/order';
import type { RiskDenial } from './denial';
import type { LimitUtilization, RiskLimit } from './limits';
import type { RiskBook, OrderCheck } from './riskBook';
import { DuplicateWindow, RateWindow } from './throttle';
import { KillSwitch } from './killSwitch';
import * as orderRules from './orderRules';
import { needsLimitPrice, needsStopPrice, orderShapeDenial } from './orderShape';
import * as accountRules from './accountRules';
import { utilizationOf, type LastOrder } from './utilization';

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
const PASS: Ok<undefined> = Object.freeze(ok(undefined));

export interface Compiled {
  readonly limit: RiskLimit;
  readonly symbols: ReadonlySet<string> | null;
  readonly window: RateWindow | null;
  readonly duplicates: DuplicateWindow | null;
}

/** Where P&L comes from (the position keeper), so the daily-loss and leverage rules see every mark. */
export interface PnlSource {
  netPnlBase(): number;
}


export class PreTradeRisk {
  readonly killSwitch = new KillSwitch();
  private compiled: Compiled[] = [];
  private limitList: readonly RiskLimit[] = [];
  private capital = 0;
  private dayStartPnl = 0;
  private readonly check: OrderCheck;
  private readonly lastOrder: LastOrder = { quantity: 0, notional: 0, collarPercent: 0, collarTicks: 0, advFraction: 0, symbol: '' };

  constructor(
    readonly book: RiskBook,
    private readonly pnl: PnlSource,
  ) {
    this.check = {
      risk: undefined as never,
      side: 'BUY',
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
      const symbols = limit.kind === 'ALLOWED_SYMBOLS' || limit.kind === 'RESTRICTED_SYMBOLS' ? new Set(limit.symbols) : null;
      const window = limit.kind === 'ORDER_RATE' || limit.kind === 'MESSAGE_RATE' ? new RateWindow(limit.max, limit.windowMs) : null;
      const duplicates = limit.kind === 'DUPLICATE_ORDER_WINDOW' ? new DuplicateWindow(limit.windowMs) : null;
      return { limit, symbols, window, duplicates };
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

  /** Marks the start of a trading day for the daily-loss rule. */
  startDay(): void {
    this.dayStartPnl = this.pnl.netPnlBase();
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

  /** A modification of a working order: per-order rules see the new order, aggregates the change in working quantity. */
  checkModify(order: RiskOrder & { readonly filledQuantity: number }, quantity: number, limitPrice: number | null, stopPrice: number | null, now: number): RiskResult {
    return this.run(order, quantity, quantity - order.quantity, limitPrice, stopPrice, false, now);
  }

  /** Records an accepted new order (or modification) for throttles, the duplicate window and utilization. */
  recordAccepted(order: RiskOrder, now: number, isNew = true): void {
    for (const c of this.compiled) {
      if (c.window && (isNew || c.limit.kind === 'MESSAGE_RATE')) c.window.record(now);
      if (c.duplicates && isNew) {
        c.duplicates.record(order.symbol, order.side, order.type, order.quantity, order.limitPrice ?? NaN, order.stopPrice ?? NaN, now);
      }
    }
    const k = this.check;
    const last = this.lastOrder;
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
    for (const c of this.compiled) if (c.limit.kind === 'MESSAGE_RATE') c.window?.record(now);
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
      const denial = this.evaluate(compiled[i] as Compiled, c, order, limitPrice, stopPrice);
      if (denial !== null) return err(denial);
    }
    return PASS;
  }

  private evaluate(compiled: Compiled, c: OrderCheck, order: RiskOrder, limitPrice: number | null, stopPrice: number | null): RiskDenial | null {
    const limit = compiled.limit;
    switch (limit.kind) {
      case 'MAX_ORDER_QUANTITY':
        return orderRules.maxOrderQuantity(limit, c);
      case 'MAX_ORDER_NOTIONAL':
        return orderRules.maxOrderNotional(limit, c);
      case 'PRICE_COLLAR_PERCENT':
        return orderRules.priceCollarPercent(limit, c);
      case 'PRICE_COLLAR_TICKS':
        return orderRules.priceCollarTicks(limit, c);
      case 'FAT_FINGER_ADV':
        return orderRules.fatFingerAdv(limit, c);
      case 'DUPLICATE_ORDER_WINDOW': {
        if (!c.isNew) return null;
        const d = compiled.duplicates as DuplicateWindow;
        const previousTime = d.find(order.symbol, order.side, order.type, c.quantity, limitPrice ?? NaN, stopPrice ?? NaN, c.now);
        return previousTime === previousTime ? { code: 'DUPLICATE_ORDER', limitId: limit.id, windowMs: limit.windowMs, previousTime } : null;
      }
      case 'ALLOWED_SYMBOLS':
        return orderRules.allowedSymbols(limit, compiled.symbols as ReadonlySet<string>, c);
      case 'RESTRICTED_SYMBOLS':
        return orderRules.restrictedSymbols(limit, compiled.symbols as ReadonlySet<string>, c);
      case 'MAX_POSITION':
        return accountRules.maxPosition(limit, c);
      case 'MAX_GROSS_EXPOSURE':
        return accountRules.maxGrossExposure(limit, c, this.book);
      case 'MAX_NET_EXPOSURE':
        return accountRules.maxNetExposure(limit, c, this.book);
      case 'MAX_LEVERAGE':
        return accountRules.maxLeverage(limit, c, this.book, this.equity());
      case 'MAX_SYMBOL_CONCENTRATION':
        return accountRules.maxSymbolConcentration(limit, c, this.equity());
      case 'MAX_SECTOR_CONCENTRATION':
        return accountRules.maxSectorConcentration(limit, c, this.equity());
      case 'MAX_CURRENCY_EXPOSURE':
        return accountRules.maxCurrencyExposure(limit, c, this.book.fx.baseCurrency);
      case 'MAX_DAILY_LOSS':
        return accountRules.maxDailyLoss(limit, c, this.dailyPnl());
      case 'ORDER_RATE': {
        const w = compiled.window as RateWindow;
        if (!c.isNew || !w.full(c.now)) return null;
        return { code: 'ORDER_RATE_EXCEEDED', limitId: limit.id, count: w.count(c.now), max: limit.max, windowMs: limit.windowMs };
      }
      case 'MESSAGE_RATE': {
        const w = compiled.window as RateWindow;
        if (!w.full(c.now)) return null;
        return { code: 'MESSAGE_RATE_EXCEEDED', limitId: limit.id, count: w.count(c.now), max: limit.max, windowMs: limit.windowMs };
      }
      default:
        return assertNever(limit, 'risk limit');
    }
  }

  /** used / limit for every configured limit, for the risk panel (not on the order path). */
  utilization(now: number): LimitUtilization[] {
    return this.compiled.map((c) => utilizationOf(c, this, now));
  }

  /** The last accepted order's per-order measures (what per-order limits report as utilization). */
  get lastAccepted(): Readonly<LastOrder> {
    return this.lastOrder;
  }
}

