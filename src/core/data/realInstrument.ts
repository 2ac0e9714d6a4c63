// A stored real symbol as a desk instrument (currency and exchange time zone from the provider's meta, stated tick and
// lot defaults), and the simulated exchange's quote for it: marked around the last stored close with a stated spread.
import type { AssetClass, CurrencyCode, Instrument, Symbol } from '../model/instrument';
import { roundToIncrement } from '../model/instrument';
import type { EpochMs } from '../model/clock';
import type { Quote } from '../model/marketData';
import { err, ok, type Result } from '../model/result';

/** What the store knows about a symbol fetched from a provider (the bars' meta, the last bars, a company profile). */
export interface StoredSymbol {
  readonly symbol: Symbol;
  readonly name: string;
  readonly assetClass: AssetClass;
  readonly currency: CurrencyCode;
  readonly exchange: string;
  readonly utcOffsetMinutes: number;
  /** The last stored daily bar: the mark's price and the quote's time of origin. */
  readonly lastClose: number;
  readonly lastBarTime: EpochMs;
  /** Mean daily volume of the last stored bars (≤ ADV_DAYS); 0 when the provider sent none. */
  readonly averageDailyVolume: number;
  readonly sector?: string;
  readonly industry?: string;
}

/** A real symbol as the desk trades it; `source` says where its prices come from. */
export interface RealInstrument extends Instrument {
  readonly utcOffsetMinutes: number;
  readonly averageDailyVolume?: number;
  readonly source: 'stored-bars';
}

/** Days of daily volume the average daily volume is taken over. */
export const ADV_DAYS = 20;
/** Lot size when the provider states none: one share. */
export const DEFAULT_LOT_SIZE = 1;
/**
 * Tick size when the provider states none: a cent from 1.00 up, a hundredth of a cent below (the US Reg NMS rule 612
 * grid). Other markets use their own tables (Xetra, LSE, TSE); a broker's contract then gives the real one.
 */
export const tickSizeFor = (price: number): number => (price >= 1 ? 0.01 : 0.0001);
/** The simulated exchange quotes a stored symbol 5 bp either side of its last close (at least one tick). */
export const MARK_HALF_SPREAD_BPS = 5;
/** Sector when no company profile is stored (sector concentration limits group such names together). */
export const UNCLASSIFIED_SECTOR = 'UNCLASSIFIED';

export type RealInstrumentError =
  | { readonly code: 'SYMBOL_NOT_STORED'; readonly symbol: Symbol }
  | { readonly code: 'SYMBOL_ON_DESK'; readonly symbol: Symbol }
  | { readonly code: 'ASSET_CLASS_NOT_TRADED'; readonly symbol: Symbol; readonly assetClass: AssetClass }
  | { readonly code: 'NO_LAST_PRICE'; readonly symbol: Symbol; readonly close: number };

export function describeRealInstrumentError(e: RealInstrumentError): string {
  switch (e.code) {
    case 'SYMBOL_NOT_STORED':
      return `${e.symbol} has no stored daily bars: fetch them first (nautilus data fetch yahoo ${e.symbol}, or the Data section)`;
    case 'SYMBOL_ON_DESK':
      return `${e.symbol} is already a desk instrument of the simulated market`;
    case 'ASSET_CLASS_NOT_TRADED':
      return `${e.symbol} is ${e.assetClass}: only equities and ETFs from stored bars are traded on the desk`;
    case 'NO_LAST_PRICE':
      return `${e.symbol}'s last stored close (${e.close}) is not a price to mark it at`;
    default:
      return e satisfies never;
  }
}

/** The desk instrument for a stored symbol, with the stated defaults for what the provider does not say. */
export function realInstrument(stored: StoredSymbol): Result<RealInstrument, RealInstrumentError> {
  if (stored.assetClass !== 'EQUITY' && stored.assetClass !== 'ETF') return err({ code: 'ASSET_CLASS_NOT_TRADED', symbol: stored.symbol, assetClass: stored.assetClass });
  if (!(Number.isFinite(stored.lastClose) && stored.lastClose > 0)) return err({ code: 'NO_LAST_PRICE', symbol: stored.symbol, close: stored.lastClose });
  return ok({
    symbol: stored.symbol,
    name: stored.name || stored.symbol,
    assetClass: stored.assetClass,
    currency: stored.currency,
    exchange: stored.exchange,
    sector: stored.sector || UNCLASSIFIED_SECTOR,
    ...(stored.industry ? { industry: stored.industry } : {}),
    tickSize: tickSizeFor(stored.lastClose),
    lotSize: DEFAULT_LOT_SIZE,
    multiplier: 1,
    utcOffsetMinutes: stored.utcOffsetMinutes,
    ...(stored.averageDailyVolume > 0 ? { averageDailyVolume: stored.averageDailyVolume } : {}),
    source: 'stored-bars',
  });
}

/**
 * The simulated exchange's quote for a stored symbol: bid and ask MARK_HALF_SPREAD_BPS around the last close, rounded
 * outward to the tick (so the spread is never below one tick), one minute of average volume on each side (at least a
 * lot), `last` the close itself. Stamped `now`: it is the venue's current quote, not the bar's.
 */
export function markQuote(instrument: RealInstrument, lastClose: number, now: EpochMs): Quote {
  const { tickSize, lotSize } = instrument;
  const half = (lastClose * MARK_HALF_SPREAD_BPS) / 10_000;
  let bid = roundToIncrement(Math.floor((lastClose - half) / tickSize + 1e-9) * tickSize, tickSize);
  let ask = roundToIncrement(Math.ceil((lastClose + half) / tickSize - 1e-9) * tickSize, tickSize);
  if (ask - bid < tickSize - 1e-12) {
    bid = roundToIncrement(bid - tickSize, tickSize);
    ask = roundToIncrement(ask + tickSize, tickSize);
  }
  bid = Math.max(0, bid);
  const perMinute = (instrument.averageDailyVolume ?? 0) / 390;
  const size = Math.max(lotSize, roundToIncrement(perMinute, lotSize));
  return { symbol: instrument.symbol, time: now, bid, ask, bidSize: size, askSize: size, last: lastClose, volume: 0 };
}
