// The replay order of many symbols' bars: every distinct bar time ascending, and for each the bars that open then.
import type { BacktestError, BacktestSeries } from './backtestTypes';

export interface Timeline {
  /** Distinct bar open times, ascending. */
  readonly times: Float64Array;
  /** Group g's bars are entries groupStart[g] … groupStart[g+1]−1 of groupSeries/groupIndex. */
  readonly groupStart: Int32Array;
  /** Which series each entry is from, and the bar's index in it. */
  readonly groupSeries: Int32Array;
  readonly groupIndex: Int32Array;
  readonly barCount: number;
}

const FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;

/** The first problem in the bars, or null: times strictly ascending, prices positive and finite, volume ≥ 0. */
export function validateSeries(series: readonly BacktestSeries[]): BacktestError | null {
  for (const s of series) {
    const b = s.bars;
    const symbol = s.instrument.symbol;
    for (let i = 0; i < b.time.length; i++) {
      if (i > 0 && !((b.time[i] as number) > (b.time[i - 1] as number))) return { code: 'BARS_NOT_ASCENDING', symbol, index: i };
      for (const field of FIELDS) {
        const v = b[field][i] as number;
        if (!Number.isFinite(v) || (field === 'volume' ? v < 0 : v <= 0)) return { code: 'BAD_BAR', symbol, index: i, field, value: v };
      }
    }
  }
  return null;
}

/** A k-way merge by time; symbols sharing a time keep the order the series were given in (deterministic). */
export function buildTimeline(series: readonly BacktestSeries[]): Timeline {
  let total = 0;
  for (const s of series) total += s.bars.time.length;
  const all = new Float64Array(total);
  let n = 0;
  for (const s of series) {
    all.set(s.bars.time, n);
    n += s.bars.time.length;
  }
  all.sort();
  let distinct = 0;
  for (let i = 0; i < total; i++) if (i === 0 || all[i] !== all[i - 1]) all[distinct++] = all[i] as number;
  const times = all.slice(0, distinct);
  const counts = new Int32Array(distinct + 1);
  const groupSeries = new Int32Array(total);
  const groupIndex = new Int32Array(total);
  // First pass counts the bars per time, second places them.
  const slotOf: Int32Array[] = series.map((s) => {
    const out = new Int32Array(s.bars.time.length);
    let g = 0;
    for (let i = 0; i < out.length; i++) {
      const t = s.bars.time[i] as number;
      while ((times[g] as number) < t) g++;
      out[i] = g;
      counts[g + 1] = (counts[g + 1] as number) + 1;
    }
    return out;
  });
  const groupStart = new Int32Array(distinct + 1);
  for (let g = 0; g < distinct; g++) groupStart[g + 1] = (groupStart[g] as number) + (counts[g + 1] as number);
  const fill = groupStart.slice(0, distinct);
  // Series in the order given, so that within a time entries follow that order.
  for (let si = 0; si < series.length; si++) {
    const slots = slotOf[si] as Int32Array;
    for (let i = 0; i < slots.length; i++) {
      const g = slots[i] as number;
      const at = fill[g] as number;
      groupSeries[at] = si;
      groupIndex[at] = i;
      fill[g] = at + 1;
    }
  }
  return { times, groupStart, groupSeries, groupIndex, barCount: total };
}
