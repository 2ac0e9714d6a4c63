// Backtest runs in DuckDB: the run row (strategy, content hash, parameters, data range, seed, summary), its daily
// equity, fills, round trips, denials and executions (parents with their TCA, and children). One transaction per run:
// a run is stored whole or not at all.
import type { BacktestResult } from '../../../core/backtest';
import type { BacktestRunDetail } from '../../../shared/contracts/backtest';
import { appendRows, big, doubleOrNull } from './appendRows';
import { appendBacktestExecutions, readBacktestExecutions } from './backtestExecutionStore';
import type { MarketStore } from './marketStore';

export interface StoredRunMeta {
  readonly runId: string;
  readonly createdAt: number;
  readonly strategy: string;
  readonly strategyHash: string;
  readonly params: Readonly<Record<string, number>>;
  readonly symbols: readonly string[];
  readonly timeframe: string;
  readonly config: unknown;
  readonly seed: number;
  readonly sweepId: string | null;
  /** Metrics and other headline figures, as JSON-safe values. */
  readonly summary: unknown;
}

export interface StoredRun extends StoredRunMeta {
  readonly dataFrom: number;
  readonly dataTo: number;
  readonly finalEquity: number;
  readonly fillCount: number;
  readonly tradeCount: number;
}

export async function storeBacktestRun(store: MarketStore, meta: StoredRunMeta, result: BacktestResult): Promise<void> {
  await store.exclusive(async (c) => {
    await c.run('BEGIN TRANSACTION');
    try {
      await c.run(
        `INSERT INTO backtest_runs VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [
          meta.runId,
          big(meta.createdAt),
          meta.strategy,
          meta.strategyHash,
          JSON.stringify(meta.params),
          JSON.stringify(meta.symbols),
          meta.timeframe,
          big(result.from),
          big(result.to),
          JSON.stringify(meta.config),
          big(meta.seed),
          meta.sweepId,
          Number.isFinite(result.finalEquity) ? result.finalEquity : 0,
          result.fills.length,
          result.trades.length,
          JSON.stringify(meta.summary),
        ],
      );
      const e = result.equity;
      appendRows(await c.createAppender('backtest_equity'), Array.from(e.time.keys()), (a, i) => {
        a.appendVarchar(meta.runId);
        a.appendBigInt(big(e.time[i] as number));
        a.appendDouble(e.equity[i] as number);
        a.appendDouble(e.cash[i] as number);
        doubleOrNull(a, e.exposure[i] as number);
        doubleOrNull(a, e.turnover[i] as number);
      });
      appendRows(await c.createAppender('backtest_fills'), result.fills, (a, f) => {
        a.appendVarchar(meta.runId);
        a.appendBigInt(big(f.time));
        a.appendVarchar(f.symbol);
        a.appendVarchar(f.side);
        a.appendDouble(f.quantity);
        a.appendDouble(f.price);
        a.appendDouble(f.commission);
        a.appendVarchar(f.clientOrderId);
        a.appendVarchar(f.executionId);
      });
      appendRows(await c.createAppender('backtest_trades'), result.trades, (a, t) => {
        a.appendVarchar(meta.runId);
        a.appendVarchar(t.symbol);
        a.appendInteger(t.direction);
        a.appendBigInt(big(t.entryTime));
        a.appendBigInt(big(t.exitTime));
        a.appendDouble(t.maxQuantity);
        a.appendDouble(t.entryPrice);
        a.appendDouble(t.exitPrice);
        a.appendDouble(t.pnl);
        a.appendDouble(t.commission);
      });
      appendRows(await c.createAppender('backtest_denials'), result.denials, (a, d) => {
        a.appendVarchar(meta.runId);
        a.appendBigInt(big(d.time));
        a.appendVarchar(d.symbol);
        a.appendVarchar(d.side);
        a.appendDouble(d.quantity);
        a.appendVarchar(d.code);
        a.appendVarchar(d.detail);
      });
      await appendBacktestExecutions(c, meta.runId, result.executions);
      await c.run('COMMIT');
    } catch (error) {
      await c.run('ROLLBACK');
      throw error;
    }
  });
}

const storedRunOf = (row: Record<string, unknown>): StoredRun => ({
  runId: String(row.run_id),
  createdAt: Number(row.created_at),
  strategy: String(row.strategy),
  strategyHash: String(row.strategy_hash),
  params: JSON.parse(String(row.params)) as Record<string, number>,
  symbols: JSON.parse(String(row.symbols)) as string[],
  timeframe: String(row.timeframe),
  dataFrom: Number(row.data_from),
  dataTo: Number(row.data_to),
  config: JSON.parse(String(row.config)) as unknown,
  seed: Number(row.seed),
  sweepId: row.sweep_id === null ? null : String(row.sweep_id),
  finalEquity: Number(row.final_equity),
  fillCount: Number(row.fill_count),
  tradeCount: Number(row.trade_count),
  summary: JSON.parse(String(row.summary)) as unknown,
});

export async function listBacktestRuns(store: MarketStore, limit = 200): Promise<StoredRun[]> {
  const reader = await store.exclusive((c) => c.runAndReadAll(`SELECT * FROM backtest_runs ORDER BY created_at DESC, run_id LIMIT ${Math.max(1, Math.min(10_000, Math.floor(limit)))}`));
  return reader.getRowObjectsJS().map(storedRunOf);
}

/** One stored run by its id; null when there is none. */
export async function readBacktestRun(store: MarketStore, runId: string): Promise<StoredRun | null> {
  const rows = (await store.exclusive((c) => c.runAndReadAll('SELECT * FROM backtest_runs WHERE run_id = $1', [runId]))).getRowObjectsJS();
  return rows[0] ? storedRunOf(rows[0]) : null;
}

/** A stored run's daily equity, fills and executions (for the panel's chart, the fills drawn on the price chart, and its Executions tab). */
export async function readBacktestRunDetail(store: MarketStore, runId: string): Promise<BacktestRunDetail> {
  return store.exclusive(async (c) => {
    const eq = (await c.runAndReadAll('SELECT time, equity FROM backtest_equity WHERE run_id = $1 ORDER BY time', [runId])).getRowObjectsJS();
    const fills = (await c.runAndReadAll('SELECT time, symbol, side, quantity, price FROM backtest_fills WHERE run_id = $1 ORDER BY time', [runId])).getRowObjectsJS();
    return {
      equity: { time: eq.map((r) => Number(r.time)), equity: eq.map((r) => Number(r.equity)) },
      fills: fills.map((r) => ({ time: Number(r.time), symbol: String(r.symbol), side: String(r.side), quantity: Number(r.quantity), price: Number(r.price) })),
      executions: await readBacktestExecutions(c, runId),
    };
  });
}
