// The closed union of portfolio-risk input errors, each naming what was wrong and where, and its one-line text.

export type RiskInputError =
  | { readonly code: 'UNKNOWN_SYMBOL'; readonly symbol: string; readonly row?: number }
  | { readonly code: 'INSUFFICIENT_HISTORY'; readonly symbol: string; readonly available: number; readonly required: number; readonly row?: number }
  | { readonly code: 'BAD_CLOSE'; readonly symbol: string; readonly index: number; readonly value: number }
  | { readonly code: 'UNSORTED_TIMES'; readonly symbol: string; readonly index: number }
  | { readonly code: 'FX_RATE_MISSING'; readonly symbol: string; readonly currency: string; readonly row?: number }
  | { readonly code: 'BAD_POSITION'; readonly symbol: string; readonly field: 'quantity' | 'price'; readonly value: number; readonly row?: number }
  | { readonly code: 'DUPLICATE_POSITION'; readonly symbol: string; readonly row?: number; readonly firstRow?: number }
  | { readonly code: 'BAD_VOLATILITY_OVERRIDE'; readonly symbol: string; readonly value: number }
  | { readonly code: 'VOLATILITY_FORECAST_FAILED'; readonly symbol: string; readonly reason: string }
  | { readonly code: 'EMPTY_BOOK' }
  | { readonly code: 'BAD_OPTION'; readonly option: string; readonly reason: string };

export type RiskInputErrorCode = RiskInputError['code'];

const at = (row: number | undefined): string => (row === undefined ? '' : `row ${row}: `);

/** One sentence naming the row (when there is one), the symbol and the reason. */
export function describeRiskError(e: RiskInputError): string {
  switch (e.code) {
    case 'UNKNOWN_SYMBOL':
      return `${at(e.row)}${e.symbol}: unknown symbol (no stored daily closes)`;
    case 'INSUFFICIENT_HISTORY':
      return `${at(e.row)}${e.symbol}: too little history, ${e.available} aligned daily closes where the window needs ${e.required}`;
    case 'BAD_CLOSE':
      return `${e.symbol}: close #${e.index} is ${e.value}, not a positive finite price`;
    case 'UNSORTED_TIMES':
      return `${e.symbol}: time #${e.index} is not after the one before it (daily closes must be in strictly ascending time)`;
    case 'FX_RATE_MISSING':
      return `${at(e.row)}${e.symbol}: no FX rate from ${e.currency} to the base currency`;
    case 'BAD_POSITION':
      return `${at(e.row)}${e.symbol}: ${e.field} ${e.value} is not a finite number${e.field === 'price' ? ' above zero' : ''}`;
    case 'DUPLICATE_POSITION':
      return `${at(e.row)}${e.symbol}: duplicate position${e.firstRow === undefined ? '' : ` (first given on row ${e.firstRow})`}`;
    case 'BAD_VOLATILITY_OVERRIDE':
      return `${e.symbol}: volatility override ${e.value} is not a finite daily σ above zero (or the symbol's sample σ is zero)`;
    case 'VOLATILITY_FORECAST_FAILED':
      return `${e.symbol}: no GARCH volatility forecast (${e.reason}); ask for the sample volatility instead`;
    case 'EMPTY_BOOK':
      return 'the book has no positions: nothing to measure (give a what-if book with --positions)';
    case 'BAD_OPTION':
      return `${e.option}: ${e.reason}`;
    default: {
      const never: never = e;
      throw new Error(`unhandled risk error ${JSON.stringify(never)}`);
    }
  }
}
