// Writes BarColumns into a bar_rows appender as whole data chunks (typed-array copies, not one native call per value).
import { BIGINT, DOUBLE, DuckDBDataChunk, INTEGER, type DuckDBAppender, type DuckDBVector } from '@duckdb/node-api';
import type { BarColumns } from '../../../core/model/marketData';

/** Column order of the bar_rows table: series id, time, open, high, low, close, volume. */
export const BAR_CHUNK_TYPES = [INTEGER, BIGINT, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE] as const;
const CHUNK_ROWS = 2048;

/**
 * Appends rows [from, to) of `bars` for one series (a bar_series id). A chunk's vectors are filled from
 * the Float64Arrays and flushed once per 2,048 rows, which is several times faster than the
 * appender's per-value calls.
 */
export function appendBarChunks(appender: DuckDBAppender, series: number, bars: BarColumns, from = 0, to = bars.time.length): void {
  const chunk = DuckDBDataChunk.create([...BAR_CHUNK_TYPES], CHUNK_ROWS);
  const { time, open, high, low, close, volume } = bars;
  for (let base = from; base < to; base += CHUNK_ROWS) {
    const rows = Math.min(CHUNK_ROWS, to - base);
    chunk.reset();
    chunk.rowCount = rows;
    const vectors: DuckDBVector[] = [];
    for (let c = 0; c < BAR_CHUNK_TYPES.length; c++) vectors.push(chunk.getColumnVector(c));
    const [ids, times, opens, highs, lows, closes, volumes] = vectors as [
      DuckDBVector<number>,
      DuckDBVector<bigint>,
      DuckDBVector<number>,
      DuckDBVector<number>,
      DuckDBVector<number>,
      DuckDBVector<number>,
      DuckDBVector<number>,
    ];
    for (let r = 0; r < rows; r++) {
      const i = base + r;
      ids.setItem(r, series);
      times.setItem(r, BigInt(Math.round(time[i] as number))); // ms is the unit: sub-ms noise rounds
      opens.setItem(r, open[i] as number);
      highs.setItem(r, high[i] as number);
      lows.setItem(r, low[i] as number);
      closes.setItem(r, close[i] as number);
      volumes.setItem(r, volume[i] as number);
    }
    for (const vector of vectors) vector.flush();
    appender.appendDataChunk(chunk);
  }
}
