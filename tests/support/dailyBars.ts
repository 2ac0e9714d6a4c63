// Daily bars of one symbol as a Yahoo fetch stores them, for tests that need a stored real symbol the recorded
// answers do not hold: closes rising by `step` from `firstClose`, one bar a calendar day from `start`.
import type { FetchedBars } from '../../src/core/data/barSeries';

export interface DailyBarsSpec {
  readonly symbol: string;
  readonly currency: string;
  readonly exchange: string;
  readonly timeZone: string;
  readonly utcOffsetMinutes: number;
  readonly start: { readonly year: number; readonly month: number; readonly day: number };
  readonly days: number;
  readonly firstClose: number;
  readonly step: number;
  readonly volume: number;
}

export function dailyBars(spec: DailyBarsSpec): FetchedBars {
  const n = spec.days;
  const { year, month, day } = spec.start;
  const time = Float64Array.from({ length: n }, (_, i) => Date.UTC(year, month, day + i));
  const close = Float64Array.from({ length: n }, (_, i) => spec.firstClose + i * spec.step);
  return {
    kind: 'bars',
    symbol: spec.symbol,
    timeframe: '1D',
    currency: spec.currency,
    exchange: spec.exchange,
    timeZone: spec.timeZone,
    utcOffsetMinutes: spec.utcOffsetMinutes,
    bars: { time, open: close.slice(), high: close.map((c) => c + 1), low: close.map((c) => c - 1), close, volume: new Float64Array(n).fill(spec.volume) },
    splitFactor: new Float64Array(n).fill(1),
    dividendFactor: new Float64Array(n).fill(1),
    splits: [],
    dividends: [],
    skippedNullRows: 0,
    skippedOffGridRows: 0,
  };
}
