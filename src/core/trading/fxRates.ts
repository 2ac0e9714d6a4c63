// FX rates to the base currency, versioned so that cached base-currency totals know when to recompute.
import type { CurrencyCode } from '../model/instrument';

export class FxRates {
  private readonly rates = new Map<CurrencyCode, number>();
  /** Bumped on every rate change. */
  version = 0;

  constructor(readonly baseCurrency: CurrencyCode) {
    this.rates.set(baseCurrency, 1);
  }

  /** `rateToBase`: base-currency value of one unit of `currency` (EUR→USD 1.08 when USD is base). */
  set(currency: CurrencyCode, rateToBase: number): void {
    if (currency === this.baseCurrency) return;
    if (!(rateToBase > 0) || !Number.isFinite(rateToBase)) throw new Error(`bad FX rate ${currency} ${rateToBase}`);
    if (this.rates.get(currency) === rateToBase) return;
    this.rates.set(currency, rateToBase);
    this.version += 1;
  }

  /** Undefined when no rate is known: callers report the gap instead of assuming 1. */
  rate(currency: CurrencyCode): number | undefined {
    return this.rates.get(currency);
  }

  convert(amount: number, from: CurrencyCode): number | undefined {
    const rate = this.rates.get(from);
    return rate === undefined ? undefined : amount * rate;
  }
}
