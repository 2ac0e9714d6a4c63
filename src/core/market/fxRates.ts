// FX rates of the synthetic market: the currency pairs, their random walk, and currency conversion through them.
import type { CurrencyCode, Instrument } from '../model/instrument';
import type { NormalSource } from './factorModel';

export interface FxPairSpec {
  /** Base then quote currency, e.g. EURUSD = USD per EUR. */
  readonly symbol: string;
  readonly base: CurrencyCode;
  readonly quote: CurrencyCode;
  /** The rate at the end of the synthetic history (≈ today). */
  readonly referenceRate: number;
  readonly annualVol: number;
  readonly tickSize: number;
  readonly lotSize: number;
  /** Quoted half-spread in calm markets, in basis points. */
  readonly baseHalfSpreadBps: number;
}

export const FX_PAIRS: readonly FxPairSpec[] = [
  { symbol: 'EURUSD', base: 'EUR', quote: 'USD', referenceRate: 1.0852, annualVol: 0.07, tickSize: 0.00001, lotSize: 1000, baseHalfSpreadBps: 0.4 },
  { symbol: 'GBPUSD', base: 'GBP', quote: 'USD', referenceRate: 1.2714, annualVol: 0.08, tickSize: 0.00001, lotSize: 1000, baseHalfSpreadBps: 0.6 },
  { symbol: 'USDJPY', base: 'USD', quote: 'JPY', referenceRate: 151.32, annualVol: 0.09, tickSize: 0.001, lotSize: 1000, baseHalfSpreadBps: 0.5 },
  { symbol: 'EURGBP', base: 'EUR', quote: 'GBP', referenceRate: 0.8536, annualVol: 0.06, tickSize: 0.00001, lotSize: 1000, baseHalfSpreadBps: 0.8 },
  { symbol: 'USDCHF', base: 'USD', quote: 'CHF', referenceRate: 0.9021, annualVol: 0.075, tickSize: 0.00001, lotSize: 1000, baseHalfSpreadBps: 0.7 },
];

export function fxInstrument(pair: FxPairSpec): Instrument {
  return {
    symbol: pair.symbol,
    name: `${pair.base}/${pair.quote}`,
    assetClass: 'FX',
    currency: pair.quote,
    exchange: 'SYNTHETIC_FX',
    sector: 'FX',
    tickSize: pair.tickSize,
    lotSize: pair.lotSize,
    multiplier: 1,
  };
}

/**
 * FX rates as independent log-normal walks. Crosses are quoted pairs like any other (EURGBP is not
 * forced to equal EURUSD/GBPUSD); conversion uses a direct pair when there is one, else goes via USD.
 */
export class FxRates {
  private readonly rates: Float64Array;
  private readonly index = new Map<string, number>();

  constructor(
    readonly pairs: readonly FxPairSpec[],
    private readonly random: NormalSource,
    startRates: Readonly<Record<string, number>> = {},
  ) {
    this.rates = new Float64Array(pairs.length);
    pairs.forEach((pair, i) => {
      this.index.set(pair.symbol, i);
      const start = startRates[pair.symbol];
      this.rates[i] = start !== undefined && start > 0 ? start : pair.referenceRate;
    });
  }

  /** Moves every rate by one step of `dtYears`, scaled by the market's volatility multiplier. */
  step(dtYears: number, volatilityMultiplier = 1): void {
    if (dtYears <= 0) return;
    const sqrtDt = Math.sqrt(dtYears);
    for (let i = 0; i < this.pairs.length; i++) {
      const sigma = (this.pairs[i] as FxPairSpec).annualVol * Math.sqrt(volatilityMultiplier);
      this.rates[i] = (this.rates[i] as number) * Math.exp(-0.5 * sigma * sigma * dtYears + sigma * sqrtDt * this.random.normal());
    }
  }

  rate(symbol: string): number | undefined {
    const i = this.index.get(symbol);
    return i === undefined ? undefined : this.rates[i];
  }

  snapshot(): Record<string, number> {
    const out: Record<string, number> = {};
    this.pairs.forEach((pair, i) => (out[pair.symbol] = this.rates[i] as number));
    return out;
  }

  /** Units of `to` per one unit of `from`, or undefined when no pair (direct or via USD) connects them. */
  conversionRate(from: CurrencyCode, to: CurrencyCode): number | undefined {
    if (from === to) return 1;
    const direct = this.rate(from + to);
    if (direct !== undefined) return direct;
    const inverse = this.rate(to + from);
    if (inverse !== undefined) return 1 / inverse;
    if (from === 'USD' || to === 'USD') return undefined;
    const fromUsd = this.conversionRate(from, 'USD');
    const usdTo = this.conversionRate('USD', to);
    return fromUsd === undefined || usdTo === undefined ? undefined : fromUsd * usdTo;
  }

  convert(amount: number, from: CurrencyCode, to: CurrencyCode): number | undefined {
    const rate = this.conversionRate(from, to);
    return rate === undefined ? undefined : amount * rate;
  }
}

/** [currency, rateToBase] for a pair quoted against the base currency; undefined for crosses (EURGBP) or no price. */
export function rateToBase(pair: FxPairSpec, quote: { bid: number; ask: number; last: number }, base: CurrencyCode): [CurrencyCode, number] | undefined {
  const mid = quote.bid > 0 && quote.ask > 0 ? (quote.bid + quote.ask) / 2 : quote.last;
  if (!(mid > 0)) return undefined;
  if (pair.quote === base) return [pair.base, mid];
  if (pair.base === base) return [pair.quote, 1 / mid];
  return undefined;
}
