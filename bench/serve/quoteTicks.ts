// The bench's quote source, the same for both servers: the synthetic feed's quotes at a fixed rate, rotating over its
// symbols, each stamped with the wall clock (ms, µs precision) as its tick publishes it.
import { SyntheticFeed } from '../../src/core/market/syntheticFeed';
import type { Quote } from '../../src/core/model/marketData';

export const QUOTE_SEED = 20_261_202;

/** Milliseconds since the epoch with sub-millisecond precision, comparable across processes on one machine. */
export const wallClockMs = (): number => Math.round((performance.timeOrigin + performance.now()) * 1_000) / 1_000;

export interface QuoteTicks {
  /** Quotes stamped (published) from `from` to `to`, wall-clock ms. */
  publishedBetween(from: number, to: number): number;
  stop(): void;
}

/**
 * Every `tickMs`, publishes as many quotes as keep the total at `ratePerSecond` since the start (a late tick catches
 * up), the next symbols in turn; `publish` gets one tick's quotes at once.
 */
export function startQuoteTicks(options: { ratePerSecond: number; tickMs: number; publish: (quotes: readonly Quote[]) => void }): QuoteTicks {
  const start = wallClockMs();
  const feed = new SyntheticFeed({ seed: QUOTE_SEED, startTime: Math.floor(start) });
  const symbols = feed.instruments.map((i) => i.symbol);
  let published = 0;
  /** Each tick's stamp and quote count, for counting what a window was offered. */
  const log: Array<readonly [number, number]> = [];
  let next = 0;
  let last = start;
  const timer = setInterval(() => {
    const now = wallClockMs();
    const due = Math.floor(((now - start) / 1_000) * options.ratePerSecond) - published;
    if (due <= 0) return;
    const chosen = Array.from({ length: due }, (_, i) => symbols[(next + i) % symbols.length] as string);
    next = (next + due) % symbols.length;
    const stamp = wallClockMs();
    const quotes = feed.next(Math.max(0, now - last), chosen).map((q) => ({ ...q, time: stamp }));
    last = now;
    published += quotes.length;
    log.push([stamp, quotes.length]);
    options.publish(quotes);
  }, options.tickMs);
  return {
    publishedBetween: (from, to) => log.reduce((sum, [stamp, count]) => (stamp >= from && stamp <= to ? sum + count : sum), 0),
    stop: () => clearInterval(timer),
  };
}
