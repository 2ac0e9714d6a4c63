// Bars as the chart asks for them: the stored series, extended past its last bar by the live session's bars, resampled
// from the intraday store (recorded 1-minute bars), so today's daily candle covers the whole session, not the
// time since this process started.
import { TIMEFRAME_MS, type BarColumns, type Timeframe } from '../../core/model/marketData';
import type { MarketStore, TimeRange } from '../storage/market/marketStore';
import type { BarRecorder } from './barRecorder';

/** The widest exchange offset east of UTC (+14:00): a daily bucket's session can start this long before its label. */
const MAX_UTC_OFFSET_MS = 14 * 3_600_000;

export class SessionBars {
  constructor(
    private readonly store: Pick<MarketStore, 'readBars' | 'resample'>,
    private readonly recorder: Pick<BarRecorder, 'flush'>,
  ) {}

  async readBars(symbol: string, timeframe: Timeframe, range?: TimeRange): Promise<BarColumns> {
    // The minutes completed since the recorder's last flush belong to the session too.
    await this.recorder.flush(false);
    const stored = await this.store.readBars(symbol, timeframe, range);
    if (timeframe === '1m') return stored;
    const n = stored.time.length;
    const last = n > 0 ? stored.time[n - 1]! : undefined;
    if (last !== undefined && range?.to !== undefined && last + TIMEFRAME_MS[timeframe] >= range.to) return stored;
    const step = TIMEFRAME_MS[timeframe];
    // Daily buckets are labelled 00:00 UTC of the exchange-local date, so the next one may start up to 14 hours
    // before its label; a bucket cut by that early start is one the stored series already has, and is dropped below.
    const from = last === undefined ? range?.from : timeframe === '1D' ? last + step - MAX_UTC_OFFSET_MS : last + step;
    const resampled = await this.store.resample(symbol, '1m', timeframe, { ...(from !== undefined ? { from } : {}), ...(range?.to !== undefined ? { to: range.to } : {}) });
    if (!resampled.ok) return stored;
    return appendAfter(stored, resampled.value, last);
  }
}

/** `base` followed by the bars of `extra` strictly after `after` (all of them when `after` is undefined). */
export function appendAfter(base: BarColumns, extra: BarColumns, after: number | undefined): BarColumns {
  let start = 0;
  while (start < extra.time.length && after !== undefined && extra.time[start]! <= after) start++;
  if (start >= extra.time.length) return base;
  const join = (a: Float64Array, b: Float64Array) => {
    const out = new Float64Array(a.length + b.length - start);
    out.set(a);
    out.set(b.subarray(start), a.length);
    return out;
  };
  return {
    time: join(base.time, extra.time),
    open: join(base.open, extra.open),
    high: join(base.high, extra.high),
    low: join(base.low, extra.low),
    close: join(base.close, extra.close),
    volume: join(base.volume, extra.volume),
  };
}
