// Position keeper: positions from fills (average cost), realized/unrealized P&L and commissions per currency and in base.
import { roundMoney, roundToIncrement, type CurrencyCode, type Instrument, type Symbol } from '../model/instrument';
import type { Quote } from '../model/marketData';
import type { Fill } from '../model/fill';
import type { AccountId } from '../model/ids';
import type { CurrencyPnl, PnlSummary, PositionSnapshot } from '../model/position';
import type { FxRates } from './fxRates';

interface PositionState {
  readonly account: AccountId;
  readonly instrument: Instrument;
  quantity: number;
  averageCost: number;
  realized: number;
  commissions: number;
  mark: number | null;
  unrealized: number;
}

interface CurrencyTotals {
  realized: number;
  unrealized: number;
  commissions: number;
}

export type InstrumentLookup = (symbol: Symbol) => Instrument | undefined;

/** A quote's mark: the mid when both sides are present, else the last trade. */
export function markOf(quote: Quote): number | null {
  if (quote.bid > 0 && quote.ask > 0) return (quote.bid + quote.ask) / 2;
  return quote.last > 0 ? quote.last : null;
}

export class PositionKeeper {
  private readonly byKey = new Map<string, PositionState>();
  private readonly bySymbol = new Map<Symbol, PositionState[]>();
  private readonly totals = new Map<CurrencyCode, CurrencyTotals>();
  private netBase = 0;
  private netBaseVersion = -1;

  constructor(
    private readonly instruments: InstrumentLookup,
    readonly fx: FxRates,
  ) {}

  /** Applies one execution; throws for an unknown instrument (the OMS only accepts known ones). */
  applyFill(fill: Fill): PositionSnapshot {
    const state = this.state(fill.account, fill.symbol);
    const { instrument } = state;
    const m = instrument.multiplier;
    const signed = fill.side === 'BUY' ? fill.quantity : -fill.quantity;
    const before = state.quantity;
    let realized = 0;
    if (before === 0 || Math.sign(before) === Math.sign(signed)) {
      const size = Math.abs(before) + fill.quantity;
      state.averageCost = (state.averageCost * Math.abs(before) + fill.price * fill.quantity) / size;
    } else {
      const closing = Math.min(fill.quantity, Math.abs(before));
      realized = closing * (fill.price - state.averageCost) * Math.sign(before) * m;
    }
    state.quantity = roundToIncrement(before + signed, instrument.lotSize);
    if (state.quantity === 0) state.averageCost = 0;
    else if (Math.sign(state.quantity) !== Math.sign(before) && before !== 0) state.averageCost = fill.price;
    state.realized += realized;
    this.add(instrument.currency, 'realized', realized);
    this.addCommission(state, fill.commissionCurrency, fill.commission);
    if (state.mark === null) state.mark = fill.price;
    this.remark(state, state.mark);
    return this.snapshot(state);
  }

  /** A fill's commission learned late: replaces what `fill` was applied with (net P&L moves by the difference). */
  amendCommission(fill: Fill, commission: number, currency: CurrencyCode): PositionSnapshot {
    const state = this.state(fill.account, fill.symbol);
    this.addCommission(state, fill.commissionCurrency, -fill.commission);
    this.addCommission(state, currency, commission);
    return this.snapshot(state);
  }

  /** Mark-to-market on every quote. */
  onQuote(quote: Quote): void {
    const mark = markOf(quote);
    if (mark !== null) this.setMark(quote.symbol, mark);
  }

  setMark(symbol: Symbol, price: number): void {
    const states = this.bySymbol.get(symbol);
    if (!states) return;
    for (const state of states) this.remark(state, price);
  }

  quantity(account: AccountId, symbol: Symbol): number {
    // Through the symbol's few states: no key string built on a path strategies call on every bar.
    const states = this.bySymbol.get(symbol);
    if (states) for (const state of states) if (state.account === account) return state.quantity;
    return 0;
  }

  position(account: AccountId, symbol: Symbol): PositionSnapshot | undefined {
    const state = this.byKey.get(account + '\u0000' + symbol);
    return state && this.snapshot(state);
  }

  positions(): PositionSnapshot[] {
    return [...this.byKey.values()].map((s) => this.snapshot(s));
  }

  /** realized + unrealized − commissions, in the base currency (currencies without a rate left out). */
  netPnlBase(): number {
    if (this.netBaseVersion !== this.fx.version) this.recomputeBase();
    return this.netBase;
  }

  pnl(): PnlSummary {
    const byCurrency: CurrencyPnl[] = [];
    const missingRates: CurrencyCode[] = [];
    let realizedPnlBase = 0;
    let unrealizedPnlBase = 0;
    let commissionsBase = 0;
    for (const [currency, t] of this.totals) {
      byCurrency.push({
        currency,
        realizedPnl: roundMoney(t.realized),
        unrealizedPnl: roundMoney(t.unrealized),
        commissions: roundMoney(t.commissions),
        netPnl: roundMoney(t.realized + t.unrealized - t.commissions),
      });
      const rate = this.fx.rate(currency);
      if (rate === undefined) {
        missingRates.push(currency);
        continue;
      }
      realizedPnlBase += t.realized * rate;
      unrealizedPnlBase += t.unrealized * rate;
      commissionsBase += t.commissions * rate;
    }
    return {
      baseCurrency: this.fx.baseCurrency,
      byCurrency,
      realizedPnlBase: roundMoney(realizedPnlBase),
      unrealizedPnlBase: roundMoney(unrealizedPnlBase),
      commissionsBase: roundMoney(commissionsBase),
      netPnlBase: roundMoney(realizedPnlBase + unrealizedPnlBase - commissionsBase),
      missingRates,
    };
  }

  private state(account: AccountId, symbol: Symbol): PositionState {
    const key = account + '\u0000' + symbol;
    let state = this.byKey.get(key);
    if (state) return state;
    const instrument = this.instruments(symbol);
    if (!instrument) throw new Error(`position for unknown instrument ${symbol}`);
    state = { account, instrument, quantity: 0, averageCost: 0, realized: 0, commissions: 0, mark: null, unrealized: 0 };
    this.byKey.set(key, state);
    const list = this.bySymbol.get(symbol);
    if (list) list.push(state);
    else this.bySymbol.set(symbol, [state]);
    return state;
  }

  private addCommission(state: PositionState, currency: CurrencyCode, amount: number): void {
    if (amount === 0) return;
    if (currency === state.instrument.currency) state.commissions += amount;
    this.add(currency, 'commissions', amount);
  }

  private remark(state: PositionState, mark: number): void {
    state.mark = mark;
    const unrealized = state.quantity === 0 ? 0 : (mark - state.averageCost) * state.quantity * state.instrument.multiplier;
    this.add(state.instrument.currency, 'unrealized', unrealized - state.unrealized);
    state.unrealized = unrealized;
  }

  /** Keeps the per-currency totals and the cached base total up to date with one delta. */
  private add(currency: CurrencyCode, field: keyof CurrencyTotals, delta: number): void {
    if (delta === 0) return;
    let t = this.totals.get(currency);
    if (!t) {
      t = { realized: 0, unrealized: 0, commissions: 0 };
      this.totals.set(currency, t);
    }
    t[field] += delta;
    const rate = this.fx.rate(currency);
    if (rate !== undefined) this.netBase += (field === 'commissions' ? -delta : delta) * rate;
  }

  private recomputeBase(): void {
    let net = 0;
    for (const [currency, t] of this.totals) {
      const rate = this.fx.rate(currency);
      if (rate !== undefined) net += (t.realized + t.unrealized - t.commissions) * rate;
    }
    this.netBase = net;
    this.netBaseVersion = this.fx.version;
  }

  private snapshot(s: PositionState): PositionSnapshot {
    return {
      account: s.account,
      symbol: s.instrument.symbol,
      currency: s.instrument.currency,
      quantity: s.quantity,
      averageCost: s.averageCost,
      markPrice: s.mark,
      realizedPnl: roundMoney(s.realized),
      unrealizedPnl: roundMoney(s.unrealized),
      commissions: roundMoney(s.commissions),
      marketValue: roundMoney(s.mark === null ? 0 : s.mark * s.quantity * s.instrument.multiplier),
    };
  }
}
