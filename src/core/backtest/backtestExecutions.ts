// A backtest's execution parents as its result lists them: each parent as it ended, its children, its TCA once it
// filled; and the record of one as it is stored and shown.
import { tcaReport } from '../execution/tca';
import { tcaParentOf } from '../execution/tcaSource';
import type { ExecutionParent } from '../execution/parentOrder';
import type { TradingNode } from '../trading/tradingNode';
import type { BarHistory } from './barHistory';
import type { BacktestExecution } from './backtestTypes';
import { executionChildRecord, executionParentRecord, type ExecutionRecord } from './executionRecord';

export function backtestExecutions(node: TradingNode, parents: readonly Readonly<ExecutionParent>[], history: BarHistory): BacktestExecution[] {
  const router = node.execution.router;
  return parents.map((parent) => {
    const input = parent.filled > 0 ? tcaParentOf(router, node.core.instrument, parent.id, intervalVwap(history, parent)) : undefined;
    return { parent: { ...parent, children: [...parent.children] }, tca: input ? tcaReport(input) : null, children: router.childrenOf(parent.id).map(executionChildRecord) };
  });
}

export const executionRecord = (execution: BacktestExecution): ExecutionRecord => ({ parent: executionParentRecord(execution.parent), tca: execution.tca, children: execution.children });

/** The market's VWAP over the parent's life: Σ typical price × volume / Σ volume of the bars opened in it; null without volume. */
function intervalVwap(history: BarHistory, parent: Readonly<ExecutionParent>): number | null {
  let value = 0;
  let volume = 0;
  for (const bar of history.bars(parent.symbol, parent.createdAt, parent.updatedAt + 1)) {
    value += ((bar.high + bar.low + bar.close) / 3) * bar.volume;
    volume += bar.volume;
  }
  return volume > 0 ? value / volume : null;
}
