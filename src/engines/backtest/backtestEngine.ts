// The backtest engine: instantiates a compiled strategy and runs it on the trading node over the bars it is sent,
// off the backend's thread. Progress goes back through a callback; a shared flag cancels a run between bars.
import { runBacktest, type BacktestConfig, type BacktestError, type BacktestResult, type BacktestSeries } from '../../core/backtest';
import { err, type Result } from '../../core/model/result';
import { instantiateStrategy, type StrategyLoadError } from '../../core/strategy/strategyModule';
import type { ParamValues } from '../../core/strategy/strategy';
import type { EngineBase } from '../runtime/engineContract';

export interface BacktestJob {
  /** The strategy module compiled to CommonJS, and its file (for stack traces). */
  readonly strategyJs: string;
  readonly strategyFile: string;
  readonly params: ParamValues;
  readonly series: readonly BacktestSeries[];
  readonly config: BacktestConfig;
  /** Int32Array over a SharedArrayBuffer: non-zero cancels (absent where the port cannot share memory). */
  readonly cancelFlag?: Int32Array;
}

export type BacktestJobError = BacktestError | StrategyLoadError;

export interface BacktestEngine extends EngineBase {
  run(job: BacktestJob, onProgress?: (barsDone: number, barsTotal: number) => void): Promise<Result<BacktestResult, BacktestJobError>>;
}

export function createBacktestEngine(processId: number): BacktestEngine {
  return {
    async ping() {
      return { pid: processId, name: 'backtest' };
    },
    async run(job, onProgress) {
      const strategy = instantiateStrategy(job.strategyJs, job.strategyFile);
      if (!strategy.ok) return err(strategy.error);
      const flag = job.cancelFlag;
      return runBacktest(job.series, strategy.value, job.params, job.config, {
        onProgress: onProgress ? (p) => void onProgress(p.barsDone, p.barsTotal) : undefined,
        isCancelled: flag ? () => Atomics.load(flag, 0) !== 0 : undefined,
      });
    },
  };
}
