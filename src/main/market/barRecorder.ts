// Records the live market as 1-minute bars in the store, so charts extend with the session and a restart's feed
// continues from where the market stopped, not from the last historical close.
import { BarBuilder } from '../../core/market/barBuilder';
import type { Bar, BarColumns, Quote } from '../../core/model/marketData';
import { TIMEFRAME_MS } from '../../core/model/marketData';
import type { MarketStore } from '../storage/market/marketStore';
import type { SystemLog } from '../systemLog';

const columnsOf = (bars: readonly Bar[]): BarColumns => ({
  time: Float64Array.from(bars, (b) => b.time),
  open: Float64Array.from(bars, (b) => b.open),
  high: Float64Array.from(bars, (b) => b.high),
  low: Float64Array.from(bars, (b) => b.low),
  close: Float64Array.from(bars, (b) => b.close),
  volume: Float64Array.from(bars, (b) => b.volume),
});

export class BarRecorder {
  private readonly builders = new Map<string, BarBuilder>();
  private readonly completed = new Map<string, Bar[]>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: MarketStore,
    private readonly log: SystemLog,
    private readonly flushEveryMs = 10_000,
  ) {}

  onQuote(quote: Quote): void {
    let builder = this.builders.get(quote.symbol);
    if (!builder) this.builders.set(quote.symbol, (builder = new BarBuilder(TIMEFRAME_MS['1m'])));
    const done = builder.push(quote);
    if (done) {
      const list = this.completed.get(quote.symbol) ?? [];
      list.push(done);
      this.completed.set(quote.symbol, list);
    }
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(false), this.flushEveryMs);
    this.timer.unref?.();
  }

  /** Writes completed bars (and, on shutdown, the bars still open) in one transaction; upsert, so a partial bar is replaced. */
  flush(includePartial: boolean): Promise<void> {
    const batches = [...this.builders.keys()].flatMap((symbol) => {
      const bars = this.completed.get(symbol) ?? [];
      this.completed.delete(symbol);
      const partial = includePartial ? this.builders.get(symbol)?.partial() : undefined;
      const all = partial ? [...bars, partial] : bars;
      return all.length > 0 ? [{ symbol, timeframe: '1m' as const, bars: columnsOf(all) }] : [];
    });
    if (batches.length === 0) return this.writing;
    this.writing = this.writing.then(async () => {
      const written = await this.store.writeBarBatches(batches, 'upsert');
      if (!written.ok) this.log.error('store', `recording live bars failed: ${written.error.message ?? written.error.code}`);
    });
    return this.writing;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush(true);
  }
}
