// What a backtest's market has shown by now, from its own bars: the volume traded in closed bars (POV's market volume)
// and the closed bars of a range (a VWAP's volume profile). Only bars closed by the clock's time: no look-ahead.
import type { Clock, EpochMs } from '../model/clock';
import type { Bar } from '../model/marketData';
import type { BacktestSeries } from './backtestTypes';

export class BarHistory {
  private readonly bySymbol = new Map<string, { readonly series: BacktestSeries; readonly cumulativeVolume: Float64Array }>();

  constructor(
    series: readonly BacktestSeries[],
    private readonly timeframeMs: number,
    private readonly clock: Clock,
  ) {
    for (const s of series) {
      const volume = s.bars.volume;
      const cumulative = new Float64Array(volume.length + 1);
      for (let i = 0; i < volume.length; i++) cumulative[i + 1] = (cumulative[i] as number) + (volume[i] as number);
      this.bySymbol.set(s.instrument.symbol, { series: s, cumulativeVolume: cumulative });
    }
  }

  /** Volume of the symbol's bars closed by now, since the first bar of the run. */
  volumeTraded(symbol: string): number {
    const entry = this.bySymbol.get(symbol);
    if (!entry) return 0;
    return entry.cumulativeVolume[this.closedCount(entry.series)] as number;
  }

  /** The symbol's bars opened in [from, to) and closed by now, oldest first. */
  bars(symbol: string, from: EpochMs, to: EpochMs): Bar[] {
    const entry = this.bySymbol.get(symbol);
    if (!entry) return [];
    const b = entry.series.bars;
    const end = this.closedCount(entry.series);
    const out: Bar[] = [];
    for (let i = firstAtOrAfter(b.time, from); i < end; i++) {
      const time = b.time[i] as number;
      if (time >= to) break;
      out.push({ time, open: b.open[i] as number, high: b.high[i] as number, low: b.low[i] as number, close: b.close[i] as number, volume: b.volume[i] as number });
    }
    return out;
  }

  /** How many of the series' bars have closed by now (a bar opened at t closes at t + timeframe). */
  private closedCount(series: BacktestSeries): number {
    return firstAtOrAfter(series.bars.time, this.clock.now() - this.timeframeMs + 1);
  }
}

/** The index of the first time ≥ t in ascending `times` (its length when none). */
function firstAtOrAfter(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
