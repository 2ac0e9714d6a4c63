// Writes to market.duckdb inside one open transaction: bars (append/upsert/replace), instruments, quotes, trades, features.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { Instrument } from '../../../core/model/instrument';
import type { BarColumns, Quote, Timeframe } from '../../../core/model/marketData';
import { BarBatchWriter, type BarBatch, type BarWriteMode } from './barBatchWriter';

export interface StoredInstrument extends Instrument {
  /** Fixed offset of exchange time from UTC; resampling to 1D cuts sessions in exchange time. */
  readonly utcOffsetMinutes: number;
}

export type { BarBatch, BarWriteMode } from './barBatchWriter';

export interface TradePrint {
  readonly symbol: string;
  readonly time: number;
  readonly price: number;
  readonly size: number;
  readonly side?: 'BUY' | 'SELL';
  readonly tradeId?: string;
}

/**
 * The write half of MarketStore, valid only inside `MarketStore.write`. Methods assume validated
 * input and throw on database errors, which roll the whole transaction back.
 */
export class MarketWriter {
  private bars: BarBatchWriter | undefined;

  constructor(readonly connection: DuckDBConnection) {}

  /** Stores one series' bars; a bar already stored under its key fails the write in append mode (DuplicateBarError). */
  async writeBars(symbol: string, timeframe: Timeframe, bars: BarColumns, mode: BarWriteMode): Promise<number> {
    return this.writeBarBatches([{ symbol, timeframe, bars }], mode);
  }

  /** Stores many series' bars in order (a later batch of a series sees the earlier ones); one key check for all. */
  async writeBarBatches(batches: readonly BarBatch[], mode: BarWriteMode, onWritten?: (rows: number) => void): Promise<number> {
    this.bars ??= new BarBatchWriter(this.connection);
    return this.bars.write(batches, mode, onWritten);
  }

  /**
   * Upserts the rows of `select` (symbol, time, open, high, low, close, volume) as `timeframe` bars: stored bars
   * with the same (symbol, timeframe, time) are replaced, others kept. All in SQL (resampling writes this way).
   */
  async upsertBarsFromSelect(select: string, params: Record<string, DuckDBValue>, timeframe: Timeframe): Promise<number> {
    const c = this.connection;
    const stage = 'temp.main.bars_selected';
    await c.run(`CREATE OR REPLACE TEMP TABLE bars_selected AS SELECT symbol, time, open, high, low, close, volume FROM (${select})`, params);
    try {
      const tf = { timeframe };
      await c.run(
        `INSERT INTO bar_series
         SELECT ((SELECT coalesce(max(id), 0) FROM bar_series) + row_number() OVER (ORDER BY symbol))::INTEGER, symbol, $timeframe
         FROM (SELECT DISTINCT symbol FROM ${stage}) n
         WHERE NOT EXISTS (SELECT 1 FROM bar_series s WHERE s.symbol = n.symbol AND s.timeframe = $timeframe)`,
        tf,
      );
      const keyed = `SELECT s.id AS series, b.time, b.open, b.high, b.low, b.close, b.volume
        FROM ${stage} b JOIN bar_series s ON s.symbol = b.symbol AND s.timeframe = $timeframe`;
      await c.run(`DELETE FROM bar_rows USING (${keyed}) k WHERE bar_rows.series = k.series AND bar_rows.time = k.time`, tf);
      const inserted = await c.run(`INSERT INTO bar_rows SELECT * FROM (${keyed}) ORDER BY series, time`, tf);
      return inserted.rowsChanged;
    } finally {
      await c.run(`DROP TABLE IF EXISTS ${stage}`);
    }
  }

  async upsertInstruments(instruments: readonly StoredInstrument[]): Promise<number> {
    if (instruments.length === 0) return 0;
    const prepared = await this.connection.prepare(
      'INSERT OR REPLACE INTO instruments VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
    );
    try {
      for (const i of instruments) {
        prepared.bind([i.symbol, i.name, i.assetClass, i.currency, i.exchange, i.sector, i.tickSize, i.lotSize, i.multiplier, i.utcOffsetMinutes]);
        await prepared.run();
      }
    } finally {
      prepared.destroySync();
    }
    return instruments.length;
  }

  async appendQuotes(quotes: readonly Quote[]): Promise<number> {
    if (quotes.length === 0) return 0;
    const appender = await this.connection.createAppender('quotes');
    try {
      for (const q of quotes) {
        appender.appendVarchar(q.symbol);
        appender.appendBigInt(BigInt(Math.round(q.time)));
        appender.appendDouble(q.bid);
        appender.appendDouble(q.ask);
        appender.appendDouble(q.bidSize);
        appender.appendDouble(q.askSize);
        appender.appendDouble(q.last);
        appender.appendDouble(q.volume);
        appender.endRow();
      }
    } finally {
      appender.closeSync();
    }
    return quotes.length;
  }

  async appendTrades(trades: readonly TradePrint[]): Promise<number> {
    if (trades.length === 0) return 0;
    const appender = await this.connection.createAppender('trades');
    try {
      for (const t of trades) {
        appender.appendVarchar(t.symbol);
        appender.appendBigInt(BigInt(Math.round(t.time)));
        appender.appendDouble(t.price);
        appender.appendDouble(t.size);
        if (t.side === undefined) appender.appendNull();
        else appender.appendVarchar(t.side);
        if (t.tradeId === undefined) appender.appendNull();
        else appender.appendVarchar(t.tradeId);
        appender.endRow();
      }
    } finally {
      appender.closeSync();
    }
    return trades.length;
  }

  /** Replaces the feature's values over [first, last] of `time`. Non-finite values (warm-up) are stored as NULL. */
  async writeFeature(symbol: string, timeframe: Timeframe, name: string, time: Float64Array, values: Float64Array): Promise<number> {
    const n = time.length;
    if (n === 0) return 0;
    await this.connection.run('DELETE FROM features WHERE symbol = $1 AND timeframe = $2 AND name = $3 AND time BETWEEN $4 AND $5', [
      symbol,
      timeframe,
      name,
      BigInt(Math.round(time[0] as number)),
      BigInt(Math.round(time[n - 1] as number)),
    ]);
    const appender = await this.connection.createAppender('features');
    try {
      for (let i = 0; i < n; i++) {
        const value = values[i] as number;
        appender.appendVarchar(symbol);
        appender.appendVarchar(timeframe);
        appender.appendBigInt(BigInt(Math.round(time[i] as number)));
        appender.appendVarchar(name);
        if (Number.isFinite(value)) appender.appendDouble(value);
        else appender.appendNull();
        appender.endRow();
      }
    } finally {
      appender.closeSync();
    }
    return n;
  }
}
