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
  {
    // Ingest: the primary key made every append probe an ART index (~0.5M bars/s), and VARCHAR symbol and
    // timeframe columns cost as much again per row. Bars now live in bar_rows under an INTEGER series id from
    // bar_series (one row per symbol and timeframe), with no key: MarketWriter keeps one bar per (series, time)
    // inside each write transaction (this store has a single writer). The view `bars` keeps the old shape for
    // reads. DuckDB cannot drop a key in place, so the rows are copied; it all runs in the migration's
    // transaction, so an interrupted migration leaves the old table as it was.
    version: 6,
    name: 'bar series dictionary, bars without primary key',
    up: `CREATE TABLE bar_series (
      id INTEGER PRIMARY KEY,
      symbol VARCHAR NOT NULL,
      timeframe VARCHAR NOT NULL,
      UNIQUE (symbol, timeframe)
    );
    INSERT INTO bar_series
      SELECT (row_number() OVER (ORDER BY symbol, timeframe))::INTEGER, symbol, timeframe
      FROM (SELECT DISTINCT symbol, timeframe FROM bars);
    CREATE TABLE bar_rows (
      series INTEGER NOT NULL,
      time BIGINT NOT NULL,
      open DOUBLE NOT NULL,
      high DOUBLE NOT NULL,
      low DOUBLE NOT NULL,
      close DOUBLE NOT NULL,
      volume DOUBLE NOT NULL
    );
    INSERT INTO bar_rows
      SELECT s.id, b.time, b.open, b.high, b.low, b.close, b.volume
      FROM bars b JOIN bar_series s ON s.symbol = b.symbol AND s.timeframe = b.timeframe
      ORDER BY s.id, b.time;
    DROP TABLE bars;
    CREATE VIEW bars AS
      SELECT s.symbol, s.timeframe, r.time, r.open, r.high, r.low, r.close, r.volume
      FROM bar_rows r JOIN bar_series s ON s.id = r.series;`,
  },
  {
    // Backtest results: everything in them can be recomputed from the bars, the strategy's content and the run's
    // parameters and seed, all recorded on the run row.
    version: 7,
    name: 'backtest results',
    up: `CREATE TABLE backtest_runs (
      run_id VARCHAR PRIMARY KEY,
      created_at BIGINT NOT NULL,
      strategy VARCHAR NOT NULL,
      strategy_hash VARCHAR NOT NULL,
      params VARCHAR NOT NULL,
      symbols VARCHAR NOT NULL,
      timeframe VARCHAR NOT NULL,
      data_from BIGINT NOT NULL,
      data_to BIGINT NOT NULL,
      config VARCHAR NOT NULL,
      seed BIGINT NOT NULL,
      sweep_id VARCHAR,
      final_equity DOUBLE NOT NULL,
      fill_count INTEGER NOT NULL,
      trade_count INTEGER NOT NULL,
      summary VARCHAR NOT NULL
    );
    CREATE TABLE backtest_equity (run_id VARCHAR NOT NULL, time BIGINT NOT NULL, equity DOUBLE NOT NULL, cash DOUBLE NOT NULL, exposure DOUBLE, turnover DOUBLE);
    CREATE TABLE backtest_fills (
      run_id VARCHAR NOT NULL, time BIGINT NOT NULL, symbol VARCHAR NOT NULL, side VARCHAR NOT NULL, quantity DOUBLE NOT NULL,
      price DOUBLE NOT NULL, commission DOUBLE NOT NULL, client_order_id VARCHAR NOT NULL, execution_id VARCHAR NOT NULL
    );
    CREATE TABLE backtest_trades (
      run_id VARCHAR NOT NULL, symbol VARCHAR NOT NULL, direction INTEGER NOT NULL, entry_time BIGINT NOT NULL, exit_time BIGINT NOT NULL,
      max_quantity DOUBLE NOT NULL, entry_price DOUBLE NOT NULL, exit_price DOUBLE NOT NULL, pnl DOUBLE NOT NULL, commission DOUBLE NOT NULL
    );
    CREATE TABLE backtest_denials (run_id VARCHAR NOT NULL, time BIGINT NOT NULL, symbol VARCHAR NOT NULL, side VARCHAR NOT NULL, quantity DOUBLE NOT NULL, code VARCHAR NOT NULL, detail VARCHAR NOT NULL);`,
  },
  {
    // Factor research: saved factor definitions (a name has versions; a new expression never rewrites an old one),
    // factor values (rebuildable from the bars and the definition, so no key: the writer replaces a symbol's range),
    // and analysis runs with their request and summary.
    version: 8,
    name: 'factor definitions, values and runs',
    up: `CREATE TABLE factor_definitions (
      name VARCHAR NOT NULL,
      version INTEGER NOT NULL,
      kind VARCHAR NOT NULL,
      expression VARCHAR NOT NULL,
      definition VARCHAR NOT NULL,
      created_at BIGINT NOT NULL,
      PRIMARY KEY (name, version)
    );
    CREATE TABLE factor_values (
      factor VARCHAR NOT NULL,
      symbol VARCHAR NOT NULL,
      timeframe VARCHAR NOT NULL,
      time BIGINT NOT NULL,
      value DOUBLE
    );
    CREATE TABLE factor_runs (
      run_id VARCHAR PRIMARY KEY,
      created_at BIGINT NOT NULL,
      request VARCHAR NOT NULL,
      summary VARCHAR NOT NULL
    );`,
  },
  {
    // Outside data (issue 16). Bars from providers go into bar_rows like any other; beside them: per-bar adjustment
    // factors and corporate actions, macro series with their vintages, point-in-time fundamentals (public from
    // `filed`), what is stored from where (data_sources) and one provenance row per HTTP fetch (data_fetches).
    // Rows are replaced by range inside one transaction (delete, then insert), so only the two registries carry keys.
    // Version 8 belongs to the factors store; the runner applies whatever is missing, in order, so the gap is fine.
    version: 9,
    name: 'data connectors: sources, fetch provenance, adjustments, macro series, fundamentals',
    up: `CREATE TABLE data_sources (
      provider VARCHAR NOT NULL, id VARCHAR NOT NULL, kind VARCHAR NOT NULL, timeframe VARCHAR NOT NULL,
      stored_as VARCHAR NOT NULL, options VARCHAR NOT NULL, base_url VARCHAR NOT NULL,
      created_at BIGINT NOT NULL, refreshed_at BIGINT NOT NULL, rows BIGINT NOT NULL,
      first_time BIGINT, last_time BIGINT, version_tag VARCHAR,
      PRIMARY KEY (provider, id, kind, timeframe)
    );
    CREATE TABLE data_fetches (
      provider VARCHAR NOT NULL, source_id VARCHAR NOT NULL, request VARCHAR NOT NULL, fetched_at BIGINT NOT NULL,
      status INTEGER NOT NULL, bytes BIGINT NOT NULL, checksum VARCHAR NOT NULL, from_cache BOOLEAN NOT NULL, rows BIGINT NOT NULL
    );
    CREATE TABLE bar_adjustments (
      symbol VARCHAR NOT NULL, timeframe VARCHAR NOT NULL, time BIGINT NOT NULL,
      split_factor DOUBLE NOT NULL, dividend_factor DOUBLE NOT NULL
    );
    CREATE TABLE corporate_actions (
      symbol VARCHAR NOT NULL, time BIGINT NOT NULL, kind VARCHAR NOT NULL, numerator DOUBLE, denominator DOUBLE, amount DOUBLE,
      provider VARCHAR NOT NULL
    );
    CREATE TABLE macro_series (
      provider VARCHAR NOT NULL, series_id VARCHAR NOT NULL, title VARCHAR NOT NULL, frequency VARCHAR NOT NULL,
      units VARCHAR NOT NULL, seasonal_adjustment VARCHAR, last_updated VARCHAR, notes VARCHAR,
      PRIMARY KEY (provider, series_id)
    );
    CREATE TABLE macro_observations (
      provider VARCHAR NOT NULL, series_id VARCHAR NOT NULL, date BIGINT NOT NULL, value DOUBLE,
      known_from BIGINT NOT NULL, known_to BIGINT NOT NULL
    );
    CREATE TABLE fundamental_facts (
      symbol VARCHAR NOT NULL, provider VARCHAR NOT NULL, taxonomy VARCHAR NOT NULL, concept VARCHAR NOT NULL, unit VARCHAR NOT NULL,
      period_start BIGINT, period_end BIGINT NOT NULL, value DOUBLE NOT NULL, fy INTEGER, fp VARCHAR, form VARCHAR NOT NULL,
      filed BIGINT NOT NULL, accession VARCHAR NOT NULL
    );`,
  },
  {
    // A company's name, sector and industry as a provider describes it (Alpha Vantage OVERVIEW; EDGAR gives the name):
    // a stored real symbol put on the desk takes its sector and industry from here for the concentration limits.
    version: 10,
    name: 'company profiles',
    up: `CREATE TABLE company_profiles (
      symbol VARCHAR NOT NULL, provider VARCHAR NOT NULL, name VARCHAR NOT NULL, sector VARCHAR, industry VARCHAR,
      updated_at BIGINT NOT NULL,
      PRIMARY KEY (symbol, provider)
    );`,
  },
  {
    // A backtest run's execution parents (SMART orders and algorithms its strategy sent) with their TCA, and their
    // children, written in the run's transaction (core's ExecutionRecord is the shape). The tca_* columns are null for
    // a parent that never filled. seq keeps the result's order: parents as created, children as sent.
    version: 11,
    name: 'backtest executions and their TCA',
    up: `CREATE TABLE backtest_exec_parents (
      run_id VARCHAR NOT NULL, seq INTEGER NOT NULL, parent_id VARCHAR NOT NULL, symbol VARCHAR NOT NULL, side VARCHAR NOT NULL,
      algo VARCHAR NOT NULL, status VARCHAR NOT NULL, quantity DOUBLE NOT NULL, limit_price DOUBLE, filled DOUBLE NOT NULL,
      average_price DOUBLE, fees DOUBLE NOT NULL, created_at BIGINT NOT NULL, ended_at BIGINT, arrival_mid DOUBLE NOT NULL,
      tca_currency VARCHAR, tca_quantity DOUBLE, tca_filled DOUBLE, tca_arrival_price DOUBLE, tca_average_price DOUBLE,
      shortfall_amount DOUBLE, shortfall_bps DOUBLE, spread_amount DOUBLE, spread_bps DOUBLE, impact_amount DOUBLE, impact_bps DOUBLE,
      timing_amount DOUBLE, timing_bps DOUBLE, fees_amount DOUBLE, fees_bps DOUBLE, interval_vwap DOUBLE, vs_interval_vwap_bps DOUBLE
    );
    CREATE TABLE backtest_exec_children (
      run_id VARCHAR NOT NULL, parent_id VARCHAR NOT NULL, seq INTEGER NOT NULL, child_id VARCHAR NOT NULL, venue VARCHAR NOT NULL,
      liquidity VARCHAR NOT NULL, sent_at BIGINT NOT NULL, quantity DOUBLE NOT NULL, limit_price DOUBLE, filled DOUBLE NOT NULL,
      average_price DOUBLE
    );`,
  },
];
