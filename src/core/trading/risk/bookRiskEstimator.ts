// The port VaR and ES limits read the book's risk through; the risk analytics' ScenarioBook implements it.

/** A hypothetical trade: signed quantity (buy > 0) at a price in the instrument's currency. */
export interface HypotheticalTrade {
  readonly symbol: string;
  readonly quantity: number;
  readonly price: number;
}

export interface BookRiskEstimator {
  /** VaR and ES of the book (positive amounts, base currency) at `confidence` after adding `change`
   *  (undefined: the current book); undefined when a symbol involved lacks history. */
  measureAfter(change: HypotheticalTrade | undefined, confidence: number): { readonly var: number; readonly es: number } | undefined;
}
