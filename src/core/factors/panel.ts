// The factor panel: symbols × dates on one calendar, each column a Float64Array laid out symbol-major
// (symbol s, date t at s·dates + t), so a symbol's series is one contiguous view.

export interface Panel {
  readonly symbols: readonly string[];
  /** The calendar: every date any symbol has a bar on, ascending epoch ms. A symbol without a bar there has NaN. */
  readonly times: Float64Array;
  /** Named columns of symbols × dates values (fields such as close, or a factor's values). */
  readonly columns: ReadonlyMap<string, Float64Array>;
  /** Per symbol, a group id per grouping (sector, industry); −1 where the group is unknown. */
  readonly groups: ReadonlyMap<string, Int32Array>;
}

export const panelSize = (panel: Pick<Panel, 'symbols' | 'times'>): number => panel.symbols.length * panel.times.length;

/** Symbol s's view on a symbol-major column of `dates` per symbol. */
export function seriesOf(column: Float64Array, dates: number, s: number): Float64Array {
  return column.subarray(s * dates, (s + 1) * dates);
}

/**
 * A symbol-major column (symbol s, date t at s·dates + t) as date-major (at t·symbols + s): analytics read one
 * date's cross-section at a time, contiguous instead of one cache miss per symbol. Transposed in blocks, into `out`
 * when given (a buffer reused from factor to factor).
 */
export function toDateMajor(column: Float64Array, dates: number, out: Float64Array = new Float64Array(column.length)): Float64Array {
  const symbols = column.length / dates;
  const B = 64;
  for (let s0 = 0; s0 < symbols; s0 += B) {
    const s1 = Math.min(symbols, s0 + B);
    for (let t0 = 0; t0 < dates; t0 += B) {
      const t1 = Math.min(dates, t0 + B);
      for (let s = s0; s < s1; s++) for (let t = t0; t < t1; t++) out[t * symbols + s] = column[s * dates + t]!;
    }
  }
  return out;
}

export interface SymbolBars {
  readonly symbol: string;
  readonly time: Float64Array;
  readonly columns: Readonly<Record<string, Float64Array>>;
}

/** Aligns each symbol's bars on the union calendar of their times; missing bars are NaN. */
export function alignPanel(bars: readonly SymbolBars[], fields: readonly string[], groups: ReadonlyMap<string, Int32Array> = new Map()): Panel {
  const all = new Set<number>();
  for (const b of bars) for (const t of b.time) all.add(t);
  const times = Float64Array.from([...all].sort((a, b) => a - b));
  const index = new Map<number, number>();
  times.forEach((t, i) => index.set(t, i));
  const T = times.length;
  const columns = new Map<string, Float64Array>();
  for (const field of fields) {
    const column = new Float64Array(bars.length * T).fill(NaN);
    bars.forEach((b, s) => {
      const source = b.columns[field];
      if (!source) throw new Error(`symbol ${b.symbol} has no ${field} column`);
      for (let i = 0; i < b.time.length; i++) column[s * T + index.get(b.time[i]!)!] = source[i]!;
    });
    columns.set(field, column);
  }
  return { symbols: bars.map((b) => b.symbol), times, columns, groups };
}
