// A backtest run's executions in DuckDB: each parent with its TCA (backtest_exec_parents) and its children
// (backtest_exec_children), written inside the run's transaction and read back as core's ExecutionRecord, checked
// by the API's schema (the file may have been written by another build).
import type { DuckDBConnection } from '@duckdb/node-api';
import { executionRecord, type BacktestExecution, type ExecutionRecord } from '../../../core/backtest';
import type { Cost, TcaReport } from '../../../core/execution/tca';
import { executionRecordsSchema } from '../../../shared/contracts/backtestExecutions';
import { appendRows, big, nullableBig, nullableDouble, nullableVarchar } from './appendRows';

const COSTS = ['shortfall', 'spread', 'impact', 'timing', 'fees'] as const;

export async function appendBacktestExecutions(c: DuckDBConnection, runId: string, executions: readonly BacktestExecution[]): Promise<void> {
  const records = executions.map(executionRecord);
  appendRows(await c.createAppender('backtest_exec_parents'), records.map((r, seq) => ({ ...r, seq })), (a, { parent: p, tca, seq }) => {
    a.appendVarchar(runId);
    a.appendInteger(seq);
    a.appendVarchar(p.parentId);
    a.appendVarchar(p.symbol);
    a.appendVarchar(p.side);
    a.appendVarchar(p.algo);
    a.appendVarchar(p.status);
    a.appendDouble(p.quantity);
    nullableDouble(a, p.limitPrice);
    a.appendDouble(p.filled);
    nullableDouble(a, p.averagePrice);
    a.appendDouble(p.fees);
    a.appendBigInt(big(p.createdAt));
    nullableBig(a, p.endedAt);
    a.appendDouble(p.arrivalMid);
    nullableVarchar(a, tca?.currency ?? null);
    nullableDouble(a, tca?.quantity ?? null);
    nullableDouble(a, tca?.filledQuantity ?? null);
    nullableDouble(a, tca?.arrivalPrice ?? null);
    nullableDouble(a, tca?.averageFillPrice ?? null);
    for (const k of COSTS) {
      nullableDouble(a, tca?.[k].amount ?? null);
      nullableDouble(a, tca?.[k].bps ?? null);
    }
    nullableDouble(a, tca?.intervalVwap ?? null);
    nullableDouble(a, tca?.vsIntervalVwapBps ?? null);
  });
  const children = records.flatMap((r) => r.children.map((child, seq) => ({ child, seq, parentId: r.parent.parentId })));
  appendRows(await c.createAppender('backtest_exec_children'), children, (a, { child: ch, seq, parentId }) => {
    a.appendVarchar(runId);
    a.appendVarchar(parentId);
    a.appendInteger(seq);
    a.appendVarchar(ch.childId);
    a.appendVarchar(ch.venue);
    a.appendVarchar(ch.liquidity);
    a.appendBigInt(big(ch.sentAt));
    a.appendDouble(ch.quantity);
    nullableDouble(a, ch.limitPrice);
    a.appendDouble(ch.filled);
    nullableDouble(a, ch.averagePrice);
  });
}

type Row = Record<string, unknown>;
const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function tcaOf(row: Row): TcaReport | null {
  if (row.tca_currency === null) return null;
  const cost = (k: (typeof COSTS)[number]): Cost => ({ amount: num(row[`${k}_amount`]), bps: num(row[`${k}_bps`]) });
  return {
    parentId: String(row.parent_id),
    symbol: String(row.symbol),
    side: row.side as TcaReport['side'],
    algo: row.algo as TcaReport['algo'],
    currency: String(row.tca_currency),
    quantity: num(row.tca_quantity),
    filledQuantity: num(row.tca_filled),
    arrivalPrice: num(row.tca_arrival_price),
    averageFillPrice: numOrNull(row.tca_average_price),
    shortfall: cost('shortfall'),
    spread: cost('spread'),
    impact: cost('impact'),
    timing: cost('timing'),
    fees: cost('fees'),
    intervalVwap: numOrNull(row.interval_vwap),
    vsIntervalVwapBps: numOrNull(row.vs_interval_vwap_bps),
  };
}

/** The run's executions in the order its result listed them; throws, naming the record and field, on a row the schema refuses. */
export async function readBacktestExecutions(c: DuckDBConnection, runId: string): Promise<ExecutionRecord[]> {
  const parents = (await c.runAndReadAll('SELECT * FROM backtest_exec_parents WHERE run_id = $1 ORDER BY seq', [runId])).getRowObjectsJS();
  const children = (await c.runAndReadAll('SELECT * FROM backtest_exec_children WHERE run_id = $1 ORDER BY parent_id, seq', [runId])).getRowObjectsJS();
  const byParent = new Map<string, Row[]>();
  for (const ch of children) {
    const id = String(ch.parent_id);
    const list = byParent.get(id);
    if (list) list.push(ch);
    else byParent.set(id, [ch]);
  }
  const records = parents.map((p) => ({
    parent: {
      parentId: String(p.parent_id),
      symbol: String(p.symbol),
      side: p.side,
      algo: p.algo,
      status: p.status,
      quantity: num(p.quantity),
      limitPrice: numOrNull(p.limit_price),
      filled: num(p.filled),
      averagePrice: numOrNull(p.average_price),
      fees: num(p.fees),
      createdAt: num(p.created_at),
      endedAt: numOrNull(p.ended_at),
      arrivalMid: num(p.arrival_mid),
    },
    tca: tcaOf(p),
    children: (byParent.get(String(p.parent_id)) ?? []).map((ch) => ({
      childId: String(ch.child_id),
      venue: String(ch.venue),
      liquidity: ch.liquidity,
      sentAt: num(ch.sent_at),
      quantity: num(ch.quantity),
      limitPrice: numOrNull(ch.limit_price),
      filled: num(ch.filled),
      averagePrice: numOrNull(ch.average_price),
    })),
  }));
  const checked = executionRecordsSchema.safeParse(records);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new Error(`backtest run ${runId}: stored execution ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return checked.data;
}
