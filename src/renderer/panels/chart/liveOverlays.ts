// Indicator overlays on live bars: the chart's bars (stored history + bars built from quotes) and each indicator's
// newest values recomputed over them, so overlays move at every bar close and on the forming bar.
import { computeIndicators, parseIndicatorSpecs } from '../../../core/indicators';
import type { SymbolFeatures } from '../../../shared/contracts/engines';
import type { LiveBar } from './liveBar';

/** The bars the chart shows, as growable columns (ascending time). */
export interface ChartBars {
  readonly time: number[];
  readonly open: number[];
  readonly high: number[];
  readonly low: number[];
  readonly close: number[];
  readonly volume: number[];
}

export const emptyChartBars = (): ChartBars => ({ time: [], open: [], high: [], low: [], close: [], volume: [] });

/** The forming bar replaces the last bar of its period, a new period appends; an older bar changes nothing. */
export function foldLiveBar(bars: ChartBars, bar: LiveBar): boolean {
  const n = bars.time.length;
  const last = n > 0 ? bars.time[n - 1]! : -Infinity;
  if (bar.time < last) return false;
  const i = bar.time === last ? n - 1 : n;
  bars.time[i] = bar.time;
  bars.open[i] = bar.open;
  bars.high[i] = bar.high;
  bars.low[i] = bar.low;
  bars.close[i] = bar.close;
  bars.volume[i] = bar.volume;
  return true;
}

/**
 * Bars an indicator is recomputed over on each live update: enough warm-up for every preset (SMA 200, Ichimoku 52+26,
 * EMA convergence), few enough to recompute per frame; intraday, the window also reaches back to the session start.
 */
export const LIVE_WINDOW = 600;
const DAY_MS = 86_400_000;

/**
 * `spec`'s values over the newest `tail` bars, recomputed over the last LIVE_WINDOW bars with the same batch
 * functions the features engine runs. Null when the spec does not parse or the bars are refused.
 */
export function computeLiveTail(spec: string, bars: ChartBars, tail: number): SymbolFeatures | null {
  const parsed = parseIndicatorSpecs(spec);
  if (!parsed.ok) return null;
  const n = bars.time.length;
  let from = Math.max(0, n - LIVE_WINDOW);
  // Session-anchored indicators (VWAP) start at the session: reach back to the previous UTC day's start, which holds
  // any exchange's session start (offsets up to ±14 h) however many bars a session has (1,440 for a 24-hour market).
  const sessionFloor = n > 0 ? Math.floor(bars.time[n - 1]! / DAY_MS) * DAY_MS - DAY_MS : 0;
  while (from > 0 && bars.time[from - 1]! >= sessionFloor) from--;
  const col = (c: readonly number[]) => Float64Array.from(c.slice(from));
  const computed = computeIndicators({ time: col(bars.time), open: col(bars.open), high: col(bars.high), low: col(bars.low), close: col(bars.close), volume: col(bars.volume) }, parsed.value);
  if (!computed.ok) return null;
  const keep = Math.min(tail, n - from);
  return {
    symbol: '',
    time: bars.time.slice(n - keep),
    columns: computed.value.map((c) => ({ name: c.name, values: Array.from(c.values.subarray(c.values.length - keep), (v) => (Number.isFinite(v) ? v : null)) })),
  };
}

/** The engine's answer extended by the live tail: live values replace the answer's from the tail's first bar on. */
export function withLiveTail(answer: SymbolFeatures, live: SymbolFeatures | undefined): SymbolFeatures {
  if (!live || live.time.length === 0) return answer;
  const start = live.time[0]!;
  let cut = answer.time.length;
  while (cut > 0 && answer.time[cut - 1]! >= start) cut--;
  return {
    symbol: answer.symbol,
    time: [...answer.time.slice(0, cut), ...live.time],
    columns: answer.columns.map((c) => ({ name: c.name, values: [...c.values.slice(0, cut), ...(live.columns.find((l) => l.name === c.name)?.values ?? live.time.map(() => null))] })),
  };
}

/**
 * How many of the newest bars to recompute: those from `known` on (the newest bar the overlay already has a value
 * for; the chart may show bars the stored series does not have yet, e.g. today's), and at least `least`.
 */
export function barsFrom(bars: ChartBars, known: number | undefined, least: number): number {
  if (known === undefined) return least;
  let i = bars.time.length;
  while (i > 0 && bars.time[i - 1]! >= known) i--;
  return Math.max(least, bars.time.length - i);
}
