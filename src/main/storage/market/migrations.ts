// Schema of the market data store (market.duckdb): instruments, bars, quotes, trades and features.
import type { DuckDbMigration } from '../duckdb/database';

/**
 * Times are BIGINT epoch milliseconds UTC everywhere (the core model's EpochMs), so values cross
 * into Float64Array columns without conversion; SQL that needs timestamps uses epoch_ms(time).
 * A bar's time is its open; a daily bar's time is 00:00 UTC of its session date.
 */
export const MARKET_MIGRATIONS: readonly DuckDbMigration[] = [
  {
    version: 1,
    name: 'instruments',
    up: `CREATE TABLE instruments (
      symbol VARCHAR PRIMARY KEY,
      name VARCHAR NOT NULL,
      asset_class VARCHAR NOT NULL,
      currency VARCHAR NOT NULL,
      exchange VARCHAR NOT NULL,
      sector VARCHAR NOT NULL,
      tick_size DOUBLE NOT NULL,
      lot_size DOUBLE NOT NULL,
      multiplier DOUBLE NOT NULL DEFAULT 1,
      utc_offset_minutes INTEGER NOT NULL DEFAULT 0
    )`,
  },
  {
    version: 2,
    name: 'bars',
    up: `CREATE TABLE bars (
      symbol VARCHAR NOT NULL,
      timeframe VARCHAR NOT NULL,
      time BIGINT NOT NULL,
      open DOUBLE NOT NULL,
      high DOUBLE NOT NULL,
      low DOUBLE NOT NULL,
      close DOUBLE NOT NULL,
      volume DOUBLE NOT NULL,
      PRIMARY KEY (symbol, timeframe, time)
    )`,
  },
  {
    version: 3,
    name: 'quotes',
    up: `CREATE TABLE quotes (
      symbol VARCHAR NOT NULL,
      time BIGINT NOT NULL,
      bid DOUBLE,
      ask DOUBLE,
      bid_size DOUBLE,
      ask_size DOUBLE,
      last DOUBLE,
      volume DOUBLE
    )`,
  },
  {
    version: 4,
    name: 'trades',
    up: `CREATE TABLE trades (
      symbol VARCHAR NOT NULL,
      time BIGINT NOT NULL,
      price DOUBLE NOT NULL,
      size DOUBLE NOT NULL,
      side VARCHAR,
      trade_id VARCHAR
    )`,
  },
  {
    version: 5,
    name: 'features',
    up: `CREATE TABLE features (
      symbol VARCHAR NOT NULL,
      timeframe VARCHAR NOT NULL,
      time BIGINT NOT NULL,
      name VARCHAR NOT NULL,
      value DOUBLE,
      PRIMARY KEY (symbol, timeframe, name, time)
    )`,
  },
];
