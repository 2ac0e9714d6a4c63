// What a risk computation is given (book, instruments, FX, stored closes) and its first steps: value, align, window.
import { FxRates } from '../trading/fxRates';
import { err, ok, type Result } from '../model/result';
import { valueBook, type RiskInstrument, type RiskPosition, type ValuedBook } from './bookValuation';
import type { RiskInputError } from './riskErrors';
import { alignCloses, returnWindow, type AlignedCloses, type DailyCloses, type ReturnWindow } from './scenarioHistory';

/** Plain data, so it crosses to the risk engine by structured clone (Float64Arrays included). */
export interface RiskBookInput {
  readonly baseCurrency: string;
  /** Base currency per unit of each other currency. */
  readonly fxRates: Readonly<Record<string, number>>;
  readonly positions: readonly RiskPosition[];
  readonly instruments: readonly RiskInstrument[];
  /** Daily closes of every book symbol (and any benchmark), any order. */
  readonly closes: readonly DailyCloses[];
}

export interface PreparedBook {
  readonly book: ValuedBook;
  /** The book symbols' closes in book order, and aligned. */
  readonly series: readonly DailyCloses[];
  readonly aligned: AlignedCloses;
}

export function fxRatesOf(input: Pick<RiskBookInput, 'baseCurrency' | 'fxRates'>): FxRates {
  const fx = new FxRates(input.baseCurrency);
  for (const [currency, rate] of Object.entries(input.fxRates)) fx.set(currency, rate);
  return fx;
}

/** Values the book and aligns its symbols' closes in book order; a symbol without closes is UNKNOWN_SYMBOL on its row. */
export function prepareBook(input: RiskBookInput): Result<PreparedBook, RiskInputError> {
  if (input.positions.length === 0) return err({ code: 'EMPTY_BOOK' });
  const book = valueBook(input.positions, new Map(input.instruments.map((i) => [i.symbol, i])), fxRatesOf(input));
  if (!book.ok) return book;
  const bySymbol = new Map(input.closes.map((c) => [c.symbol, c]));
  const series: DailyCloses[] = [];
  for (const p of input.positions) {
    const s = bySymbol.get(p.symbol);
    if (!s || s.close.length === 0) return err({ code: 'UNKNOWN_SYMBOL', symbol: p.symbol, row: p.row });
    series.push(s);
  }
  const aligned = alignCloses(series);
  if (!aligned.ok) return aligned;
  return ok({ book: book.value, series, aligned: aligned.value });
}

/** The window of returns; too little history names the row of the position with the fewest closes. */
export function bookWindow(input: RiskBookInput, prepared: PreparedBook, window: number): Result<ReturnWindow, RiskInputError> {
  for (const p of input.positions) {
    const s = prepared.series.find((x) => x.symbol === p.symbol)!;
    if (s.close.length < window + 1) return err({ code: 'INSUFFICIENT_HISTORY', symbol: p.symbol, available: s.close.length, required: window + 1, row: p.row });
  }
  return returnWindow(prepared.aligned, window, prepared.series);
}
