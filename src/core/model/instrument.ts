// Instruments and the tick/lot normalization applied to every price and quantity at the boundary.

export type CurrencyCode = string; // ISO 4217, e.g. 'USD'
export type Symbol = string;
export type AssetClass = 'EQUITY' | 'ETF' | 'FUTURE' | 'FX' | 'INDEX';

export interface Instrument {
  readonly symbol: Symbol;
  readonly name: string;
  readonly assetClass: AssetClass;
  readonly currency: CurrencyCode;
  readonly exchange: string;
  readonly sector: string;
  /** Industry within the sector, where known (industry concentration limits group by it, else by sector). */
  readonly industry?: string;
  /** Smallest price increment. */
  readonly tickSize: number;
  /** Smallest quantity increment. */
  readonly lotSize: number;
  /** Contract multiplier: notional = price × quantity × multiplier. */
  readonly multiplier: number;
}

/** Decimal places implied by an increment such as 0.01 or 0.0005. */
export function decimalsOf(increment: number): number {
  if (!(increment > 0)) return 0;
  const text = increment.toString();
  const exp = /e-(\d+)$/.exec(text);
  if (exp) return Number(exp[1]);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

// The last increment's decimals: callers round by one instrument's tick or lot many times in a row.
let lastIncrement = NaN;
let lastDecimals = 0;

/** Rounds to the nearest multiple of `increment`, without float dust (0.1 + 0.2 stays 0.3). */
export function roundToIncrement(value: number, increment: number): number {
  const steps = Math.round(value / increment);
  if (increment !== lastIncrement) {
    lastDecimals = decimalsOf(increment);
    lastIncrement = increment;
  }
  // A whole increment (a lot of 1 or 100) times whole steps is exact; + 0 turns -0 into 0 as toFixed does.
  if (lastDecimals === 0 && Number.isInteger(increment)) return steps * increment + 0;
  return Number((steps * increment).toFixed(lastDecimals));
}

/** True when `value` is a whole number of increments (within float tolerance). */
export function isOnIncrement(value: number, increment: number): boolean {
  const steps = value / increment;
  return Math.abs(steps - Math.round(steps)) < 1e-7;
}

export const normalizePrice = (instrument: Instrument, price: number): number =>
  roundToIncrement(price, instrument.tickSize);

export const normalizeQuantity = (instrument: Instrument, quantity: number): number =>
  roundToIncrement(quantity, instrument.lotSize);

/** Money is reported rounded to the currency's minor unit. */
export function roundMoney(amount: number, minorUnitDecimals = 2): number {
  const factor = 10 ** minorUnitDecimals;
  return Math.round(amount * factor) / factor;
}
