// A fetched bar series in the shape every connector returns: bars as quoted, adjustment factors, corporate actions.
import type { EpochMs } from '../model/clock';
import type { BarColumns, Timeframe } from '../model/marketData';

export interface SplitEvent {
  /** 00:00 UTC of the exchange date the split took effect. */
  readonly time: EpochMs;
  readonly numerator: number;
  readonly denominator: number;
}

export interface DividendEvent {
  /** 00:00 UTC of the ex-dividend date. */
  readonly time: EpochMs;
  /** Per share, in the split-adjusted terms the bars are quoted in. */
  readonly amount: number;
}

export interface FetchedBars {
  readonly kind: 'bars';
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly currency: string;
  readonly exchange: string;
  /** IANA zone of the exchange (daily bars are keyed by its calendar date). */
  readonly timeZone: string;
  readonly utcOffsetMinutes: number;
  /** Split-adjusted prices (as charts show them): continuous across splits, not across dividends. */
  readonly bars: BarColumns;
  /** Per bar: multiply prices by it (and divide volume) to get the prices as traded that day. */
  readonly splitFactor: Float64Array;
  /** Per bar: multiply prices by it to get the split-and-dividend (total return) adjusted series. 1 when unknown. */
  readonly dividendFactor: Float64Array;
  readonly splits: readonly SplitEvent[];
  readonly dividends: readonly DividendEvent[];
  /** Rows the provider sent with no prices (holidays, pauses), skipped. */
  readonly skippedNullRows: number;
  /** Intraday points off the bar grid (a live, still-forming last bar), skipped. */
  readonly skippedOffGridRows: number;
}

/** For each bar, the product of the ratios of splits that took effect after it (as-traded price = quoted × factor). */
export function splitFactors(time: Float64Array, splits: readonly SplitEvent[]): Float64Array {
  const factor = new Float64Array(time.length).fill(1);
  for (const split of splits) {
    const ratio = split.numerator / split.denominator;
    for (let i = 0; i < time.length; i++) if ((time[i] as number) < split.time) factor[i] = (factor[i] as number) * ratio;
  }
  return factor;
}
