// Market store ingest: bars/s through MarketStore (validation + chunked appender) vs DuckDB's raw row appender on the same rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateSyntheticHistory } from '../../src/core/market';
import type { BarColumns } from '../../src/core/model/marketData';
import { MarketStore, MARKET_MIGRATIONS } from '../../src/main/storage/market';
import { applyDuckDbMigrations } from '../../src/main/storage/duckdb/database';
import type { BenchFigure, BenchOptions, BenchSuite } from '../harness';

interface Series {
  symbol: string;
  bars: BarColumns;
}

/** Synthetic 1-minute bars for the whole universe: `minuteDays` × 390 × 56 symbols. */
function workload(minuteDays: number): { series: Series[]; bars: number } {
  const history = generateSyntheticHistory({ seed: 11, years: minuteDays / 252, minuteDays, endTime: Date.UTC(2025, 0, 31) });
  const series = history.series.filter((s) => s.minute.time.length > 0).map((s) => ({ symbol: s.symbol, bars: s.minute }));
  return { series, bars: series.reduce((sum, s) => sum + s.bars.time.length, 0) };
}

/** Appends every series to an empty store, then re-imports the same bars (upsert: each key stored once). */
async function ingestThroughStore(file: string, series: Series[]): Promise<{ appendMs: number; upsertMs: number }> {
  const store = await MarketStore.open(file);
  const batches = series.map((s) => ({ symbol: s.symbol, timeframe: '1m' as const, bars: s.bars }));
  try {
    let start = performance.now();
    const written = await store.writeBarBatches(batches, 'append');
    if (!written.ok) throw new Error(`store refused the bars: ${written.error.code}`);
    const appendMs = performance.now() - start;
    start = performance.now();
    const rewritten = await store.writeBarBatches(batches, 'upsert');
    if (!rewritten.ok) throw new Error(`store refused the re-import: ${rewritten.error.code}`);
    const upsertMs = performance.now() - start;
    const stored = await store.countBars('1m');
    if (stored !== written.value) throw new Error(`after the re-import the store holds ${stored} bars, not ${written.value}`);
    return { appendMs, upsertMs };
  } finally {
    store.close();
  }
}

/**
 * The ceiling: the same rows through the appender's per-value API into the same table (bar_rows, under series ids
 * registered in bar_series as the store does), one transaction, no checks.
 */
async function ingestRawAppender(file: string, series: Series[]): Promise<number> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  try {
    await applyDuckDbMigrations(connection, MARKET_MIGRATIONS);
    const start = performance.now();
    await connection.run('BEGIN TRANSACTION');
    const ids = await connection.createAppender('bar_series');
    series.forEach(({ symbol }, i) => {
      ids.appendInteger(i + 1);
      ids.appendVarchar(symbol);
      ids.appendVarchar('1m');
      ids.endRow();
    });
    ids.closeSync();
    const appender = await connection.createAppender('bar_rows');
    for (const [s, { bars }] of series.entries()) {
      for (let i = 0; i < bars.time.length; i++) {
        appender.appendInteger(s + 1);
        appender.appendBigInt(BigInt(bars.time[i] as number));
        appender.appendDouble(bars.open[i] as number);
        appender.appendDouble(bars.high[i] as number);
        appender.appendDouble(bars.low[i] as number);
        appender.appendDouble(bars.close[i] as number);
        appender.appendDouble(bars.volume[i] as number);
        appender.endRow();
      }
    }
    appender.closeSync();
    await connection.run('COMMIT');
    return performance.now() - start;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function readBack(file: string, series: Series[]): Promise<number> {
  const store = await MarketStore.open(file);
  try {
    const start = performance.now();
    let rows = 0;
    for (const s of series) rows += (await store.readBars(s.symbol, '1m')).time.length;
    const ms = performance.now() - start;
    if (rows !== series.reduce((sum, x) => sum + x.bars.time.length, 0)) throw new Error(`read back ${rows} bars`);
    return ms;
  } finally {
    store.close();
  }
}

export const storeSuite: BenchSuite = {
  name: 'store',
  summary: 'DuckDB bar ingest through MarketStore vs the raw appender (same rows, same table), and bar reads',
  async run(options: BenchOptions): Promise<BenchFigure[]> {
    const rounds = options.quick ? 1 : 3;
    const { series, bars } = workload(options.quick ? 2 : 60);
    options.progress(`store: ${bars} bars of ${series.length} symbols, ${rounds} round(s) each`);
    const dir = mkdtempSync(join(tmpdir(), 'nautilus-bench-store-'));
    const storeMs: number[] = [];
    const upsertMs: number[] = [];
    const rawMs: number[] = [];
    const readMs: number[] = [];
    try {
      for (let round = 0; round < rounds; round++) {
        // Alternate the order so neither side always runs on a warmer machine.
        const storeFile = join(dir, `store-${round}.duckdb`);
        const rawFile = join(dir, `raw-${round}.duckdb`);
        const throughStore = async () => {
          const ms = await ingestThroughStore(storeFile, series);
          storeMs.push(ms.appendMs);
          upsertMs.push(ms.upsertMs);
        };
        if (round % 2 === 0) {
          await throughStore();
          rawMs.push(await ingestRawAppender(rawFile, series));
        } else {
          rawMs.push(await ingestRawAppender(rawFile, series));
          await throughStore();
        }
        readMs.push(await readBack(storeFile, series));
        options.progress(`round ${round + 1}: store ${storeMs.at(-1)?.toFixed(0)} ms, re-import ${upsertMs.at(-1)?.toFixed(0)} ms, raw ${rawMs.at(-1)?.toFixed(0)} ms`);
        rmSync(storeFile, { force: true });
        rmSync(rawFile, { force: true });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const best = (ms: number[]): number => Math.min(...ms);
    const storeRate = bars / (best(storeMs) / 1000);
    const rawRate = bars / (best(rawMs) / 1000);
    return [
      {
        suite: 'store',
        name: 'ingest 1m bars (MarketStore.writeBarBatches: validate + key check + chunked append, one transaction)',
        value: Math.round(storeRate),
        unit: 'bars/s',
        peer: 'raw DuckDB appender (per-value, same table, no checks)',
        peerValue: Math.round(rawRate),
        ratio: storeRate / rawRate,
      },
      {
        suite: 'store',
        name: 're-import the same 1m bars into the filled store (writeBarBatches upsert: each key stays once)',
        value: Math.round(bars / (best(upsertMs) / 1000)),
        unit: 'bars/s',
      },
      {
        suite: 'store',
        name: 'read 1m bars (MarketStore.readBars → BarColumns)',
        value: Math.round(bars / (best(readMs) / 1000)),
        unit: 'bars/s',
      },
    ];
  },
};
