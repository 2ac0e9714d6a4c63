// The book as risk sees it: each position valued in the base currency through the trading kernel's FX rates.
import type { FxRates } from '../trading/fxRates';
import { err, ok, type Result } from '../model/result';
import type { RiskInputError } from './riskErrors';

/** A position to measure: `price` is the mark in the instrument's currency; `row` locates it in a what-if file. */
export interface RiskPosition {
  readonly symbol: string;
  readonly quantity: number;
  readonly price: number;
  readonly row?: number;
}

/** What risk needs to know of an instrument. */
export interface RiskInstrument {
  readonly symbol: string;
  readonly currency: string;
  readonly multiplier: number;
  readonly sector: string;
  readonly industry?: string;
}

export interface ValuedPosition {
  readonly symbol: string;
  readonly quantity: number;
  readonly price: number;
  readonly currency: string;
  readonly sector: string;
  readonly industry: string;
  readonly multiplier: number;
  /** Base currency per unit of the instrument's currency. */
  readonly fxRate: number;
  /** quantity × price × multiplier × fxRate. */
  readonly value: number;
}

export interface ValuedBook {
  readonly baseCurrency: string;
  readonly positions: readonly ValuedPosition[];
  /** Position values in book order, for the hot loops. */
  readonly values: Float64Array;
  readonly net: number;
  readonly gross: number;
}

/** Values every position; refuses bad numbers, duplicates, unknown instruments and missing FX, naming the row. */
export function valueBook(positions: readonly RiskPosition[], instruments: ReadonlyMap<string, RiskInstrument>, fx: FxRates): Result<ValuedBook, RiskInputError> {
  const seen = new Map<string, number | undefined>();
  const valued: ValuedPosition[] = [];
  for (const p of positions) {
    if (seen.has(p.symbol)) return err({ code: 'DUPLICATE_POSITION', symbol: p.symbol, row: p.row, firstRow: seen.get(p.symbol) });
    seen.set(p.symbol, p.row);
    if (!Number.isFinite(p.quantity)) return err({ code: 'BAD_POSITION', symbol: p.symbol, field: 'quantity', value: p.quantity, row: p.row });
    if (!(p.price > 0) || !Number.isFinite(p.price)) return err({ code: 'BAD_POSITION', symbol: p.symbol, field: 'price', value: p.price, row: p.row });
    const instrument = instruments.get(p.symbol);
    if (!instrument) return err({ code: 'UNKNOWN_SYMBOL', symbol: p.symbol, row: p.row });
    const fxRate = fx.rate(instrument.currency);
    if (fxRate === undefined) return err({ code: 'FX_RATE_MISSING', symbol: p.symbol, currency: instrument.currency, row: p.row });
    valued.push({
      symbol: p.symbol,
      quantity: p.quantity,
      price: p.price,
      currency: instrument.currency,
      sector: instrument.sector || 'Unclassified',
      industry: instrument.industry || instrument.sector || 'Unclassified',
      multiplier: instrument.multiplier,
      fxRate,
      value: p.quantity * p.price * instrument.multiplier * fxRate,
    });
  }
  const values = Float64Array.from(valued, (p) => p.value);
  let net = 0;
  let gross = 0;
  for (const v of values) {
    net += v;
    gross += Math.abs(v);
  }
  return ok({ baseCurrency: fx.baseCurrency, positions: valued, values, net, gross });
}
