// Builds time bars from a stream of quotes: last price for OHLC, the session volume's growth for volume.
import type { EpochMs } from '../model/clock';
import type { Bar, Quote } from '../model/marketData';

interface OpenBar {
  time: EpochMs;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** One symbol's bars of one length; `push` returns the bar a quote completed, if it completed one. */
export class BarBuilder {
  private current: OpenBar | undefined;
  /** The session's running volume at the previous quote (quotes carry the total, not the trade). */
  private previousVolume = NaN;

  constructor(readonly barMs: number) {}

  push(quote: Quote): Bar | undefined {
    const price = quote.last;
    if (!(price > 0) || !Number.isFinite(quote.time) || !Number.isFinite(quote.volume)) return undefined;
    // The first quote says nothing about what traded before it; a falling total is a new session.
    const traded = Number.isNaN(this.previousVolume) ? 0 : quote.volume >= this.previousVolume ? quote.volume - this.previousVolume : quote.volume;
    this.previousVolume = quote.volume;
    const start = Math.floor(quote.time / this.barMs) * this.barMs;
    let completed: Bar | undefined;
    if (this.current && start !== this.current.time) {
      if (start < this.current.time) return undefined; // out of order: the bar it belongs to is gone
      completed = this.snapshot();
      this.current = undefined;
    }
    this.current ??= { time: start, open: price, high: price, low: price, close: price, volume: 0 };
    const bar = this.current;
    if (price > bar.high) bar.high = price;
    if (price < bar.low) bar.low = price;
    bar.close = price;
    bar.volume += traded;
    return completed;
  }

  /** The bar being built, if any (stored on shutdown so the next start continues from its close). */
  partial(): Bar | undefined {
    return this.current ? this.snapshot() : undefined;
  }

  private snapshot(): Bar {
    const { time, open, high, low, close, volume } = this.current!;
    return { time, open, high, low, close, volume };
  }
}
