// Incremental risk aggregates: per-symbol worst-case positions (open orders included) and their exposures, kept up to date on fills, orders and prices.
import type { CurrencyCode, Instrument, Symbol } from '../../model/instrument';
import type { OrderSide, OrderType } from '../../model/order';
import type { FxRates } from '../fxRates';

export class SectorRisk {
  gross = 0;
  constructor(readonly sector: string) {}
}

export class CurrencyRisk {
  /** Net exposure if every working buy fills / if every working sell fills. */
  netHigh = 0;
  netLow = 0;
  constructor(readonly currency: CurrencyCode) {}
}

export class SymbolRisk {
  position = 0;
  openBuy = 0;
  openSell = 0;
  referencePrice = NaN;
  averageDailyVolume = NaN;
  /** Base-currency value of one unit: price × multiplier × FX; NaN without a price or rate. */
  unitValue = NaN;
  /** This symbol's current contributions to the account, sector and currency totals. */
  gross = 0;
  longNet = 0;
  shortNet = 0;
  /** Base-currency value of the working orders on both sides. */
  openValue = 0;
  /** Quantity filled since the trading day started. */
  tradedToday = 0;
  constructor(
    readonly instrument: Instrument,
    readonly sector: SectorRisk,
    readonly currency: CurrencyRisk,
    /** The instrument's industry group (its sector when it has no industry). */
    readonly industry: SectorRisk,
  ) {}
  /** Position if every working buy fills. */
  get long(): number {
    return this.position + this.openBuy;
  }
  /** Position if every working sell fills. */
  get short(): number {
    return this.position - this.openSell;
  }
}

const value = (quantity: number, unitValue: number): number => (unitValue === unitValue ? quantity * unitValue : 0);

export class RiskBook {
  gross = 0;
  netHigh = 0;
  netLow = 0;
  /** Working orders' value, and the value filled today at the reference price of the fill's time. */
  openValue = 0;
  turnoverToday = 0;
  readonly symbols = new Map<Symbol, SymbolRisk>();
  readonly sectors = new Map<string, SectorRisk>();
  readonly industries = new Map<string, SectorRisk>();
  readonly currencies = new Map<CurrencyCode, CurrencyRisk>();
  private fxVersion: number;

  constructor(
    private readonly instruments: (symbol: Symbol) => Instrument | undefined,
    readonly fx: FxRates,
  ) {
    this.fxVersion = fx.version;
  }

  /** The symbol's aggregates, created on first use; undefined for an unknown instrument. */
  symbol(symbol: Symbol): SymbolRisk | undefined {
    const found = this.symbols.get(symbol);
    if (found) return found;
    const instrument = this.instruments(symbol);
    if (!instrument) return undefined;
    let sector = this.sectors.get(instrument.sector);
    if (!sector) this.sectors.set(instrument.sector, (sector = new SectorRisk(instrument.sector)));
    let currency = this.currencies.get(instrument.currency);
    if (!currency) this.currencies.set(instrument.currency, (currency = new CurrencyRisk(instrument.currency)));
    const industryName = instrument.industry ?? instrument.sector;
    let industry = this.industries.get(industryName);
    if (!industry) this.industries.set(industryName, (industry = new SectorRisk(industryName)));
    const risk = new SymbolRisk(instrument, sector, currency, industry);
    this.symbols.set(symbol, risk);
    return risk;
  }

  /** Revalues everything when an FX rate moved; O(1) otherwise, so it runs on every check. */
  sync(): void {
    if (this.fxVersion === this.fx.version) return;
    this.fxVersion = this.fx.version;
    for (const risk of this.symbols.values()) this.revalue(risk);
  }

  setReferencePrice(symbol: Symbol, price: number): void {
    const risk = this.symbol(symbol);
    if (!risk || !(price > 0) || risk.referencePrice === price) return;
    risk.referencePrice = price;
    this.revalue(risk);
  }

  setAverageDailyVolume(symbol: Symbol, volume: number): void {
    const risk = this.symbol(symbol);
    if (risk) risk.averageDailyVolume = volume > 0 ? volume : NaN;
  }

  positionChanged(symbol: Symbol, signedQuantity: number): void {
    const risk = this.symbol(symbol);
    if (!risk) return;
    risk.position += signedQuantity;
    risk.tradedToday += Math.abs(signedQuantity);
    this.turnoverToday += value(Math.abs(signedQuantity), risk.unitValue);
    this.refresh(risk);
  }

  /** The trading day started: today's traded quantities and turnover start from zero. */
  startDay(): void {
    this.turnoverToday = 0;
    for (const risk of this.symbols.values()) risk.tradedToday = 0;
  }

  openChanged(symbol: Symbol, side: OrderSide, delta: number): void {
    const risk = this.symbol(symbol);
    if (!risk || delta === 0) return;
    if (side === 'BUY') risk.openBuy = Math.max(0, risk.openBuy + delta);
    else risk.openSell = Math.max(0, risk.openSell + delta);
    this.refresh(risk);
  }

  private revalue(risk: SymbolRisk): void {
    const rate = this.fx.rate(risk.instrument.currency);
    risk.unitValue = risk.referencePrice > 0 && rate !== undefined ? risk.referencePrice * risk.instrument.multiplier * rate : NaN;
    this.refresh(risk);
  }

  /** Replaces the symbol's contributions in every total with fresh ones. */
  private refresh(risk: SymbolRisk): void {
    const uv = risk.unitValue;
    const gross = value(Math.max(Math.abs(risk.long), Math.abs(risk.short)), uv);
    const longNet = value(risk.long, uv);
    const shortNet = value(risk.short, uv);
    const openValue = value(risk.openBuy + risk.openSell, uv);
    this.gross += gross - risk.gross;
    risk.sector.gross += gross - risk.gross;
    risk.industry.gross += gross - risk.gross;
    this.openValue += openValue - risk.openValue;
    risk.openValue = openValue;
    this.netHigh += longNet - risk.longNet;
    this.netLow += shortNet - risk.shortNet;
    risk.currency.netHigh += longNet - risk.longNet;
    risk.currency.netLow += shortNet - risk.shortNet;
    risk.gross = gross;
    risk.longNet = longNet;
    risk.shortNet = shortNet;
  }
}

/** The per-check values every rule reads; one instance is reused so a check allocates nothing. */
export interface OrderCheck {
  risk: SymbolRisk;
  side: OrderSide;
  type: OrderType;
  /** The order's own prices, NaN when it has none (the duplicate window compares them). */
  limitPrice: number;
  stopPrice: number;
  /** The order's quantity (per-order rules). */
  quantity: number;
  /** Change of working quantity in the order's direction (aggregate rules); negative for a reducing modify. */
  added: number;
  /** Limit price, else stop price, else reference price. */
  price: number;
  /** Per-order notional in the base currency at `price`. */
  notional: number;
  /** Does this order only reduce the position, with the other working orders on its side? */
  reducing: boolean;
  isNew: boolean;
  hasLimitPrice: boolean;
  /** Symbol gross and account gross exposure after the order. */
  symbolGrossAfter: number;
  grossAfter: number;
  now: number;
}
