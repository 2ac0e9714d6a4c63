// The market data store over market.duckdb: serialized writes in transactions, bar reads as BarColumns, SQL resampling.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { EpochMs } from '../../../core/model/clock';
import type { BarColumns, Timeframe } from '../../../core/model/marketData';
import { TIMEFRAME_MS } from '../../../core/model/marketData';
import { err, ok, type Result } from '../../../core/model/result';
import { openDuckDb, type DuckDbStore } from '../duckdb/database';
import { DuplicateBarError, type BarBatch } from './barBatchWriter';
import { validateBarColumns, type InvalidBars } from './barValidation';
import { readDoubleColumns } from './columnReader';
import { MARKET_MIGRATIONS } from './migrations';
import { MarketWriter, type BarWriteMode, type StoredInstrument } from './marketWriter';
import { canResample, resampleSelect } from './resampleSql';

/** Half-open time range [from, to) in epoch ms; either end may be omitted. */
export interface TimeRange {
  readonly from?: EpochMs;
  readonly to?: EpochMs;
}

export type BarWriteError =
  | InvalidBars
  | { readonly code: 'DUPLICATE_BAR'; readonly symbol: string; readonly timeframe: Timeframe; readonly message: string };

export type { BarBatch } from './barBatchWriter';

export interface ResampleUnsupported {
  readonly code: 'RESAMPLE_UNSUPPORTED';
  readonly source: Timeframe;
  readonly target: Timeframe;
}

export interface BarSeriesSummary {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly count: number;
  readonly first: EpochMs;
  readonly last: EpochMs;
}

export interface LastBarClose {
  readonly time: EpochMs;
  readonly close: number;
}

const emptyColumns = (): BarColumns => ({
  time: new Float64Array(0),
  open: new Float64Array(0),
  high: new Float64Array(0),
  low: new Float64Array(0),
  close: new Float64Array(0),
  volume: new Float64Array(0),
});

function rangeFilter(range: TimeRange | undefined, column: string, params: Record<string, DuckDBValue>): string {
  let sql = '';
  if (range?.from !== undefined) {
    params.from = BigInt(Math.ceil(range.from));
    sql += ` AND ${column} >= $from`;
  }
  if (range?.to !== undefined) {
    params.to = BigInt(Math.ceil(range.to));
    sql += ` AND ${column} < $to`;
  }
  return sql;
}

/** A bar_series row `s` with stored bars: a series is listed by its bars, not by its dictionary entry. */
const HAS_ROWS = 'EXISTS (SELECT 1 FROM bar_rows r WHERE r.series = s.id)';

const duplicateBar = (error: DuplicateBarError): BarWriteError => ({
  code: 'DUPLICATE_BAR',
  symbol: error.symbol,
  timeframe: error.timeframe,
  message: error.message,
});

/**
 * One DuckDB connection; every operation is queued so a write transaction never interleaves with
 * another caller's statements. Single writer by design: open one MarketStore per file.
 */
export class MarketStore {
  private tail: Promise<unknown> = Promise.resolve();
  private closing = false;
  private closed = false;

  private constructor(private readonly db: DuckDbStore) {}

  static async open(file: string): Promise<MarketStore> {
    return new MarketStore(await openDuckDb(file, MARKET_MIGRATIONS));
  }

  close(): void {
    this.closed = true;
    this.db.close();
  }

  /**
   * Closes once the operations already queued have finished, and refuses new ones from now on with a clear error.
   * A plain close under queued reads fails each of them with DuckDB's "connection disconnected": a backend stopping
   * while a client's requests read bars answers those requests first.
   */
  async closeWhenIdle(): Promise<void> {
    this.closing = true;
    await this.tail;
    this.close();
  }

  /** Runs `fn` alone on the connection (for storage/market modules that need raw SQL, e.g. Parquet import). */
  exclusive<T>(fn: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.closing || this.closed) return Promise.reject(new Error('the market store is closed'));
    const run = this.tail.then(
      () => fn(this.db.connection),
      () => fn(this.db.connection),
    );
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Runs `fn` in one transaction: everything it wrote commits together, or nothing does if it throws. */
  write<T>(fn: (writer: MarketWriter) => Promise<T>): Promise<T> {
    return this.exclusive(async (connection) => {
      await connection.run('BEGIN TRANSACTION');
      try {
        const value = await fn(new MarketWriter(connection));
        await connection.run('COMMIT');
        return value;
      } catch (error) {
        await connection.run('ROLLBACK');
        throw error;
      }
    });
  }

  /** Validates then stores bars of one series. Times must be strictly increasing. */
  async writeBars(
    symbol: string,
    timeframe: Timeframe,
    bars: BarColumns,
    mode: BarWriteMode = 'append',
  ): Promise<Result<number, BarWriteError>> {
    const valid = validateBarColumns(bars);
    if (!valid.ok) return valid;
    try {
      return ok(await this.write((writer) => writer.writeBars(symbol, timeframe, bars, mode)));
    } catch (error) {
      if (error instanceof DuplicateBarError) return err(duplicateBar(error));
      throw error;
    }
  }

  /** Validates every batch, then stores them all in one transaction (all or nothing). */
  async writeBarBatches(batches: readonly BarBatch[], mode: BarWriteMode = 'append'): Promise<Result<number, BarWriteError>> {
    for (const batch of batches) {
      const valid = validateBarColumns(batch.bars);
      if (!valid.ok) return err({ ...valid.error, message: `${batch.symbol} ${batch.timeframe}: ${valid.error.message}` });
    }
    try {
      return ok(await this.write((writer) => writer.writeBarBatches(batches, mode)));
    } catch (error) {
      if (error instanceof DuplicateBarError) return err(duplicateBar(error));
      throw error;
    }
  }

  async readBars(symbol: string, timeframe: Timeframe, range?: TimeRange): Promise<BarColumns> {
    const params: Record<string, DuckDBValue> = { symbol, timeframe };
    const where = rangeFilter(range, 'time', params);
    const sql = `SELECT time::DOUBLE, open, high, low, close, volume FROM bars
      WHERE symbol = $symbol AND timeframe = $timeframe${where} ORDER BY time`;
    const [time, open, high, low, close, volume] = await this.exclusive((c) => readDoubleColumns(c, sql, params, 6));
    if (!time || !open || !high || !low || !close || !volume) return emptyColumns();
    return { time, open, high, low, close, volume };
  }

  /**
   * Resamples stored `source` bars to `target` in SQL without storing them. `range` filters the
   * source bars, so a bucket cut by the range edge is partial.
   */
  async resample(
    symbol: string,
    source: Timeframe,
    target: Timeframe,
    range?: TimeRange,
  ): Promise<Result<BarColumns, ResampleUnsupported>> {
    if (!canResample(source, target)) return err({ code: 'RESAMPLE_UNSUPPORTED', source, target });
    const params: Record<string, DuckDBValue> = { source, symbol };
    const select = resampleSelect(target, `AND b.symbol = $symbol${rangeFilter(range, 'b.time', params)}`);
    const sql = `SELECT time::DOUBLE, open, high, low, close, volume FROM (${select}) ORDER BY time`;
    const [time, open, high, low, close, volume] = await this.exclusive((c) => readDoubleColumns(c, sql, params, 6));
    if (!time || !open || !high || !low || !close || !volume) return ok(emptyColumns());
    return ok({ time, open, high, low, close, volume });
  }

  /** Resamples `source` → `target` for `symbols` (default: all) and upserts the result into bars. Returns bars written. */
  async materializeResampled(
    source: Timeframe,
    target: Timeframe,
    symbols?: readonly string[],
  ): Promise<Result<number, ResampleUnsupported>> {
    if (!canResample(source, target)) return err({ code: 'RESAMPLE_UNSUPPORTED', source, target });
    const params: Record<string, DuckDBValue> = { source };
    let where = '';
    if (symbols) {
      symbols.forEach((symbol, i) => (params[`s${i}`] = symbol));
      where = symbols.length === 0 ? 'AND FALSE' : `AND b.symbol IN (${symbols.map((_, i) => `$s${i}`).join(', ')})`;
    }
    const written = await this.write((writer) => writer.upsertBarsFromSelect(resampleSelect(target, where), params, target));
    return ok(written);
  }

  async upsertInstruments(instruments: readonly StoredInstrument[]): Promise<number> {
    return this.write((writer) => writer.upsertInstruments(instruments));
  }

  async listInstruments(): Promise<StoredInstrument[]> {
    const reader = await this.exclusive((c) => c.runAndReadAll('SELECT * FROM instruments ORDER BY symbol'));
    return reader.getRowObjectsJS().map((row) => ({
      symbol: String(row.symbol),
      name: String(row.name),
      assetClass: String(row.asset_class) as StoredInstrument['assetClass'],
      currency: String(row.currency),
      exchange: String(row.exchange),
      sector: String(row.sector),
      tickSize: Number(row.tick_size),
      lotSize: Number(row.lot_size),
      multiplier: Number(row.multiplier),
      utcOffsetMinutes: Number(row.utc_offset_minutes),
    }));
  }

  /** Symbols that have bars (of `timeframe`, when given), sorted. */
  async listSymbols(timeframe?: Timeframe): Promise<string[]> {
    const reader = await this.exclusive((c) =>
      timeframe === undefined
        ? c.runAndReadAll(`SELECT DISTINCT symbol FROM bar_series s WHERE ${HAS_ROWS} ORDER BY symbol`)
        : c.runAndReadAll(`SELECT DISTINCT symbol FROM bar_series s WHERE timeframe = $1 AND ${HAS_ROWS} ORDER BY symbol`, [timeframe]),
    );
    return reader.getRows().map((row) => String(row[0]));
  }

  /** Count and time span of every stored (symbol, timeframe) series. */
  async summary(): Promise<BarSeriesSummary[]> {
    const reader = await this.exclusive((c) =>
      c.runAndReadAll(
        `SELECT s.symbol, s.timeframe, r.n, r.first, r.last
         FROM (SELECT series, count(*)::DOUBLE AS n, min(time)::DOUBLE AS first, max(time)::DOUBLE AS last FROM bar_rows GROUP BY series) r
         JOIN bar_series s ON s.id = r.series ORDER BY s.symbol, s.timeframe`,
      ),
    );
    return reader.getRows().map((row) => ({
      symbol: String(row[0]),
      timeframe: String(row[1]) as Timeframe,
      count: Number(row[2]),
      first: Number(row[3]),
      last: Number(row[4]),
    }));
  }

  /**
   * Bars other than those fetched from outside providers (the series data_sources names): what decides whether the
   * synthetic history still has to be seeded, so real AAPL fetched before the first start does not stop it.
   */
  async countBarsNotFetched(): Promise<number> {
    const reader = await this.exclusive((c) =>
      c.runAndReadAll(
        `SELECT count(*)::DOUBLE FROM bar_rows WHERE series NOT IN
           (SELECT s.id FROM bar_series s JOIN data_sources d ON d.kind = 'bars' AND d.stored_as = s.symbol AND d.timeframe = s.timeframe)`,
      ),
    );
    return Number(reader.getRows()[0]?.[0] ?? 0);
  }

  async countBars(timeframe?: Timeframe): Promise<number> {
    const reader = await this.exclusive((c) =>
      timeframe === undefined
        ? c.runAndReadAll('SELECT count(*)::DOUBLE FROM bar_rows')
        : c.runAndReadAll('SELECT count(*)::DOUBLE FROM bar_rows WHERE series IN (SELECT id FROM bar_series WHERE timeframe = $1)', [timeframe]),
    );
    return Number(reader.getRows()[0]?.[0] ?? 0);
  }

  /**
   * The latest close per symbol: the bar with the latest open time across timeframes, the finer
   * one on a tie, so a live feed continues from the very last stored price.
   */
  async lastCloses(): Promise<Record<string, LastBarClose>> {
    const reader = await this.exclusive((c) =>
      c.runAndReadAll(
        `SELECT s.symbol, s.timeframe, r.last, r.close
         FROM (SELECT series, max(time)::DOUBLE AS last, arg_max(close, time) AS close FROM bar_rows GROUP BY series) r
         JOIN bar_series s ON s.id = r.series`,
      ),
    );
    const best = new Map<string, LastBarClose & { step: number }>();
    for (const row of reader.getRows()) {
      const symbol = String(row[0]);
      const step = TIMEFRAME_MS[String(row[1]) as Timeframe] ?? Number.MAX_SAFE_INTEGER;
      const time = Number(row[2]);
      const current = best.get(symbol);
      if (!current || time > current.time || (time === current.time && step < current.step)) {
        best.set(symbol, { time, close: Number(row[3]), step });
      }
    }
    const out: Record<string, LastBarClose> = {};
    for (const [symbol, { time, close }] of best) out[symbol] = { time, close };
    return out;
  }

  async writeFeature(symbol: string, timeframe: Timeframe, name: string, time: Float64Array, values: Float64Array): Promise<number> {
    if (time.length !== values.length) throw new Error('feature time and values differ in length');
    return this.write((writer) => writer.writeFeature(symbol, timeframe, name, time, values));
  }

  /** A feature series; NULLs (warm-up) come back as NaN. */
  async readFeature(symbol: string, timeframe: Timeframe, name: string, range?: TimeRange): Promise<{ time: Float64Array; value: Float64Array }> {
    const params: Record<string, DuckDBValue> = { symbol, timeframe, name };
    const sql = `SELECT time::DOUBLE, value FROM features
      WHERE symbol = $symbol AND timeframe = $timeframe AND name = $name${rangeFilter(range, 'time', params)} ORDER BY time`;
    const [time, value] = await this.exclusive((c) => readDoubleColumns(c, sql, params, 2));
    return { time: time ?? new Float64Array(0), value: value ?? new Float64Array(0) };
  }
}
