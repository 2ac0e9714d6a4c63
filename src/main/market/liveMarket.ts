// The simulated exchange's live market: steps the synthetic feed in wall-clock time and publishes every quote.
import type { Quote } from '../../core/model/marketData';
import type { SyntheticFeed } from '../../core/market/syntheticFeed';
import type { MessageBus } from '../bus/messageBus';

export interface LiveMarketOptions {
  readonly feed: SyntheticFeed;
  readonly bus: MessageBus;
  /** Called with every quote before it is published: the trading core marks to market and matches here. */
  readonly onQuote?: (quote: Quote) => void;
  readonly intervalMs?: number;
  readonly now?: () => number;
}

export class LiveMarket {
  private readonly latest = new Map<string, Quote>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private last = 0;
  private readonly now: () => number;

  constructor(private readonly options: LiveMarketOptions) {
    this.now = options.now ?? Date.now;
    for (const quote of options.feed.snapshot()) this.latest.set(quote.symbol, quote);
  }

  start(): void {
    if (this.timer) return;
    this.last = this.now();
    this.timer = setInterval(() => this.step(), this.options.intervalMs ?? 250);
    this.timer.unref?.();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Advances the market by the wall-clock time since the last step (at least 1 ms). */
  step(): Quote[] {
    const now = this.now();
    const elapsed = Math.max(1, now - this.last);
    this.last = now;
    const quotes = this.options.feed.next(elapsed);
    for (const quote of quotes) {
      this.latest.set(quote.symbol, quote);
      this.options.onQuote?.(quote);
      this.options.bus.publish(`market.quotes.${quote.symbol}`, quote);
    }
    return quotes;
  }

  /** A quote from elsewhere (a stored real symbol's mark): kept as the latest and published; the caller feeds trading. */
  publish(quote: Quote): void {
    this.latest.set(quote.symbol, quote);
    this.options.bus.publish(`market.quotes.${quote.symbol}`, quote);
  }

  quote(symbol: string): Quote | undefined {
    return this.latest.get(symbol);
  }

  quotes(symbols?: readonly string[]): Quote[] {
    if (!symbols) return [...this.latest.values()];
    return symbols.map((s) => this.latest.get(s)).filter((q): q is Quote => q !== undefined);
  }
}
