// Writes to market.duckdb inside one open transaction: bars (append/upsert/replace), instruments, quotes, trades, features.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Instrument } from '../../../core/model/instrument';
import type { BarColumns, Quote, Timeframe } from '../../../core/model/marketData';
import { appendBarChunks } from './barChunkWriter';

export interface StoredInstrument extends Instrument {
  /** Fixed offset of exchange time from UTC; resampling to 1D cuts sessions in exchange time. */
  readonly utcOffsetMinutes: number;
}

/** How a write treats bars that already exist for the same (symbol, timeframe, time). */
export type BarWriteMode =
  /** New bars only: an existing key fails the write (DUPLICATE_BAR). Fastest. */
  | 'append'
  /** Insert or overwrite by key; other stored bars are kept. What re-imports use. */
  | 'upsert'
  /** Delete every stored bar in [first, last] of the batch, then insert: the batch is the truth for its range. */
  | 'replace';

export interface TradePrint {
  readonly symbol: string;
  readonly time: number;
  readonly price: number;
  readonly size: number;
  readonly side?: 'BUY' | 'SELL';
  readonly tradeId?: string;
}

const STAGE = 'bars_stage';

/**
 * The write half of MarketStore, valid only inside `MarketStore.write`. Methods assume validated
 * input and throw on database errors, which roll the whole transaction back.
 */
export class MarketWriter {
  private stageReady = false;

  constructor(readonly connection: DuckDBConnection) {}

  async writeBars(symbol: string, timeframe: Timeframe, bars: BarColumns, mode: BarWriteMode): Promise<number> {
    const n = bars.time.length;
    if (n === 0) return 0;
    if (mode === 'replace') {
      await this.connection.run('DELETE FROM bars WHERE symbol = $1 AND timeframe = $2 AND time BETWEEN $3 AND $4', [
        symbol,
        timeframe,
        BigInt(Math.round(bars.time[0] as number)),
        BigInt(Math.round(bars.time[n - 1] as number)),
      ]);
    }
    if (mode === 'upsert') {
      await this.ensureStage();
      const stage = await this.connection.createAppender(STAGE, 'main', 'temp');
      try {
        appendBarChunks(stage, symbol, timeframe, bars);
      } finally {
        stage.closeSync();
      }
      await this.connection.run(`INSERT OR REPLACE INTO bars SELECT * FROM temp.main.${STAGE}`);
      await this.connection.run(`DELETE FROM temp.main.${STAGE}`);
      return n;
    }
    const appender = await this.connection.createAppender('bars');
    try {
      appendBarChunks(appender, symbol, timeframe, bars);
    } finally {
      appender.closeSync();
    }
    return n;
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

  private async ensureStage(): Promise<void> {
    if (this.stageReady) return;
    await this.connection.run(`CREATE TEMP TABLE IF NOT EXISTS ${STAGE} AS SELECT * FROM bars LIMIT 0`);
    this.stageReady = true;
  }
}

