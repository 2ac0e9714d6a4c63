// The promotion gate's backtest figures: the newest stored backtest run of exactly this version (its code hash and
// parameters give the same version id), with its metrics as the run recorded them.
import type { StageMetrics } from '../../core/strategy/deploymentLifecycle';
import type { MarketStore } from '../storage/market/marketStore';
import { listBacktestRuns } from '../storage/market/backtestStore';
import { strategyVersionId } from './strategyVersionId';

const RUNS_SEARCHED = 2_000;

export function storedBacktestEvidence(store: MarketStore): (strategy: string, version: string) => Promise<StageMetrics | null> {
  return async (strategy, version) => {
    const runs = await listBacktestRuns(store, RUNS_SEARCHED);
    const run = runs.find((r) => r.strategy === strategy && strategyVersionId(r.strategyHash, r.params) === version);
    if (!run) return null;
    const summary = run.summary as { metrics?: Record<string, number | null>; initialCash?: number } | null;
    return {
      stage: 'BACKTEST',
      source: `backtest run ${run.runId} (${run.symbols.join(', ')}, ${run.timeframe})`,
      values: { ...(summary?.metrics ?? {}), finalEquity: run.finalEquity, fills: run.fillCount, trades: run.tradeCount },
    };
  };
}
