// Writes bar batches keeping one bar per (symbol, timeframe, time) without a database key: each batch gets its
// bar_series id, is checked against the stored bars and the batches before it inside the caller's transaction,
// then is appended to bar_rows in chunks.
import type { DuckDBAppender, DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { assertNever } from '../../../core/model';
import type { BarColumns, Timeframe } from '../../../core/model/marketData';
import { appendBarChunks } from './barChunkWriter';
import { readDoubleColumns } from './columnReader';

/** How a write treats bars that already exist for the same (symbol, timeframe, time). */
export type BarWriteMode =
  /** New bars only: an existing key fails the write (DUPLICATE_BAR). Fastest. */
  | 'append'
  /** Insert or overwrite by key; other stored bars are kept. What re-imports use. */
  | 'upsert'
  /** Delete every stored bar in [first, last] of the batch, then insert: the batch is the truth for its range. */
  | 'replace';

export interface BarBatch {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly bars: BarColumns;
}

/** A bar whose (symbol, timeframe, time) is already stored or written earlier in the same write. */
export class DuplicateBarError extends Error {
  constructor(
    readonly symbol: string,
    readonly timeframe: Timeframe,
    readonly time: number,
  ) {
    super(`duplicate key: a ${timeframe} bar of ${symbol} at ${time} (${new Date(time).toISOString()}) is already stored`);
    this.name = 'DuplicateBarError';
  }
}

interface TimeSpan {
  readonly lo: number;
  readonly hi: number;
}

const KEY_STAGE = 'bar_keys_stage';
/** Batches per overlap query: bounds the statement's size on imports of thousands of symbols. */
const OVERLAP_QUERY_BATCHES = 500;

/** Times are stored as whole epoch ms (appendBarChunks rounds), so keys compare rounded. */
const spanOf = (time: Float64Array): TimeSpan => ({ lo: Math.round(time[0] as number), hi: Math.round(time[time.length - 1] as number) });

/** Validated times strictly increase, but two within one ms round to the same stored key. */
function assertRoundedUnique(batch: BarBatch): void {
  const { time } = batch.bars;
  let previous = -Infinity;
  for (let i = 0; i < time.length; i++) {
    const t = Math.round(time[i] as number);
    if (t === previous) throw new DuplicateBarError(batch.symbol, batch.timeframe, t);
    previous = t;
  }
}

/** The rounded times of `time` that also occur in `stored` (both ascending). */
function commonTimes(stored: Float64Array, time: Float64Array): number[] {
  const common: number[] = [];
  let j = 0;
  for (let i = 0; i < stored.length; i++) {
    const s = stored[i] as number;
    while (j < time.length && Math.round(time[j] as number) < s) j++;
    if (j === time.length) break;
    if (Math.round(time[j] as number) === s) common.push(s);
  }
  return common;
}

export class BarBatchWriter {
  private keyStageReady = false;

  constructor(private readonly connection: DuckDBConnection) {}

  /**
   * Writes every batch in order, as if one after another: a later batch of the same series sees the earlier
   * ones. Most batches cover a time span with no stored bar and go straight to the appender; only the others
   * pay for a key check (append), a keyed delete (upsert) or a range delete (replace).
   */
  async write(batches: readonly BarBatch[], mode: BarWriteMode, onWritten?: (rows: number) => void): Promise<number> {
    if (batches.every((b) => b.bars.time.length === 0)) return 0;
    for (const batch of batches) assertRoundedUnique(batch);
    const { ids, existing } = await this.seriesIds(batches);
    const overStored = await this.batchesOverStoredBars(batches, ids, existing);
    const writtenSpans = new Map<number, TimeSpan[]>();
    let appender: DuckDBAppender | undefined;
    let written = 0;
    try {
      for (const [index, batch] of batches.entries()) {
        if (batch.bars.time.length === 0) {
          onWritten?.(written);
          continue;
        }
        const series = ids[index] as number;
        const span = spanOf(batch.bars.time);
        const earlier = writtenSpans.get(series) ?? [];
        if (overStored.has(index) || earlier.some((e) => e.lo <= span.hi && span.lo <= e.hi)) {
          appender?.closeSync(); // flushes: the checks below must see every row appended so far
          appender = undefined;
          await this.makeRoom(batch, series, span, mode);
        }
        appender ??= await this.connection.createAppender('bar_rows');
        appendBarChunks(appender, series, batch.bars);
        earlier.push(span);
        writtenSpans.set(series, earlier);
        written += batch.bars.time.length;
        onWritten?.(written);
      }
    } finally {
      appender?.closeSync();
    }
    return written;
  }

  /** The bar_series id of each batch (new series get the next ids), and which ids existed before this write. */
  private async seriesIds(batches: readonly BarBatch[]): Promise<{ ids: number[]; existing: Set<number> }> {
    const known = new Map<string, number>();
    let next = 1;
    const reader = await this.connection.runAndReadAll('SELECT id, symbol, timeframe FROM bar_series');
    for (const [id, symbol, timeframe] of reader.getRows()) {
      known.set(`${String(symbol)}\u0000${String(timeframe)}`, Number(id));
      next = Math.max(next, Number(id) + 1);
    }
    const existing = new Set(known.values());
    const created: Array<{ id: number; batch: BarBatch }> = [];
    const ids = batches.map((batch) => {
      const key = `${batch.symbol}\u0000${batch.timeframe}`;
      let id = known.get(key);
      if (id === undefined) {
        id = next++;
        known.set(key, id);
        created.push({ id, batch });
      }
      return id;
    });
    if (created.length > 0) {
      const appender = await this.connection.createAppender('bar_series');
      try {
        for (const { id, batch } of created) {
          appender.appendInteger(id);
          appender.appendVarchar(batch.symbol);
          appender.appendVarchar(batch.timeframe);
          appender.endRow();
        }
      } finally {
        appender.closeSync();
      }
    }
    return { ids, existing };
  }

  /** Indexes (into `batches`) of the batches whose time span holds at least one stored bar of their series. */
  private async batchesOverStoredBars(batches: readonly BarBatch[], ids: readonly number[], existing: ReadonlySet<number>): Promise<Set<number>> {
    const candidates = [...batches.keys()].filter((i) => (batches[i] as BarBatch).bars.time.length > 0 && existing.has(ids[i] as number));
    const found = new Set<number>();
    for (let from = 0; from < candidates.length; from += OVERLAP_QUERY_BATCHES) {
      const rows: string[] = [];
      let lo = Infinity;
      let hi = -Infinity;
      for (const i of candidates.slice(from, from + OVERLAP_QUERY_BATCHES)) {
        const span = spanOf((batches[i] as BarBatch).bars.time);
        rows.push(`(${i}, ${ids[i] as number}, ${span.lo}::BIGINT, ${span.hi}::BIGINT)`);
        lo = Math.min(lo, span.lo);
        hi = Math.max(hi, span.hi);
      }
      // Integers only, all computed here. The outer time bounds let DuckDB skip row groups by their min/max.
      const reader = await this.connection.runAndReadAll(
        `SELECT r.i FROM (VALUES ${rows.join(', ')}) AS r(i, series, lo, hi)
         WHERE EXISTS (SELECT 1 FROM bar_rows b WHERE b.time BETWEEN ${lo} AND ${hi}
           AND b.series = r.series AND b.time BETWEEN r.lo AND r.hi)`,
      );
      for (const row of reader.getRows()) found.add(Number(row[0]));
    }
    return found;
  }

  /** Makes the stored bars agree with `mode` before `batch` is appended; throws DuplicateBarError for append. */
  private async makeRoom(batch: BarBatch, id: number, span: TimeSpan, mode: BarWriteMode): Promise<void> {
    const series: DuckDBValue[] = [id, BigInt(span.lo), BigInt(span.hi)];
    const inSpan = 'series = $1 AND time BETWEEN $2 AND $3';
    switch (mode) {
      case 'replace':
        await this.connection.run(`DELETE FROM bar_rows WHERE ${inSpan}`, series);
        return;
      case 'append': {
        const [first] = commonTimes(await this.storedTimes(inSpan, series), batch.bars.time);
        if (first !== undefined) throw new DuplicateBarError(batch.symbol, batch.timeframe, first);
        return;
      }
      case 'upsert': {
        const stored = await this.storedTimes(inSpan, series);
        const common = commonTimes(stored, batch.bars.time);
        if (common.length === 0) return;
        if (common.length === stored.length) {
          await this.connection.run(`DELETE FROM bar_rows WHERE ${inSpan}`, series); // the batch covers every stored bar in its span
          return;
        }
        await this.stageKeys(common);
        await this.connection.run(`DELETE FROM bar_rows WHERE ${inSpan} AND time IN (SELECT time FROM temp.main.${KEY_STAGE})`, series);
        return;
      }
      default:
        assertNever(mode, 'bar write mode');
    }
  }

  private async storedTimes(inSpan: string, series: DuckDBValue[]): Promise<Float64Array> {
    const [time] = await readDoubleColumns(this.connection, `SELECT time::DOUBLE FROM bar_rows WHERE ${inSpan} ORDER BY time`, series, 1);
    return time ?? new Float64Array(0);
  }

  private async stageKeys(times: readonly number[]): Promise<void> {
    if (!this.keyStageReady) {
      await this.connection.run(`CREATE TEMP TABLE IF NOT EXISTS ${KEY_STAGE} (time BIGINT NOT NULL)`);
      this.keyStageReady = true;
    }
    await this.connection.run(`DELETE FROM temp.main.${KEY_STAGE}`);
    const appender = await this.connection.createAppender(KEY_STAGE, 'main', 'temp');
    try {
      for (const t of times) {
        appender.appendBigInt(BigInt(t));
        appender.endRow();
      }
    } finally {
      appender.closeSync();
    }
  }
}
