// Turns the synthetic market's FX quotes into each currency's rate to the base currency.
import type { FxPairSpec } from '../../core/market/fxRates';
import type { Quote } from '../../core/model/marketData';

/** [currency, rateToBase] for a pair quoted against the base currency; undefined for crosses (EURGBP). */
export function rateToBase(pair: FxPairSpec, quote: Quote, base: string): [string, number] | undefined {
  const mid = quote.bid > 0 && quote.ask > 0 ? (quote.bid + quote.ask) / 2 : quote.last;
  if (!(mid > 0)) return undefined;
  if (pair.quote === base) return [pair.base, mid];
  if (pair.base === base) return [pair.quote, 1 / mid];
  return undefined;
}
