// backtest.* methods: strategies, single runs and sweeps on the backtest engine (progress on research.progress,
// cancel by job name), stored runs and their equity.
import { err, ok } from '../../core/model/result';
import type { WorkstationApi } from '../../shared/contracts/api';
import type { BacktestRunSummary } from '../../shared/contracts/backtest';
import type { MessageBus } from '../bus/messageBus';
import { runBacktestRequest, type BacktestDeps, type RunControl } from '../research/backtestService';
import { backtestErrorJson } from '../research/backtestErrors';
import { runSweep } from '../research/backtestSweep';
import { queuedInSample, runSweepOnQueue } from '../team/queuedSweep';
import { runWalkForward } from '../research/walkForward';
import { listBacktestRuns, readBacktestRunDetail } from '../storage/market/backtestStore';
import { describeStrategyError, listStrategies, loadStrategy } from '../strategies/strategyLoader';

type BacktestHandlers = Pick<WorkstationApi, 'backtest.strategies' | 'backtest.run' | 'backtest.sweep' | 'backtest.walkForward' | 'backtest.cancel' | 'backtest.runs' | 'backtest.equity'>;

export function backtestHandlers(deps: BacktestDeps, bus: MessageBus): BacktestHandlers {
  const running = new Map<string, AbortController>();
  let anonymous = 0;
  const control = (job: string | undefined, label: string): { name: string; control: RunControl; done: () => void } => {
    const name = job ?? `backtest-${++anonymous}`;
    const abort = new AbortController();
    running.set(name, abort);
    return {
      name,
      control: { signal: abort.signal, onProgress: (done, total) => bus.publish('research.progress', { job: `backtest:${name}`, done, total, detail: label }) },
      done: () => running.delete(name),
    };
  };
  return {
    'backtest.strategies': async () => {
      const out = [];
      for (const source of listStrategies(deps.strategyDirs)) {
        const loaded = await loadStrategy(source.name, deps.strategyDirs);
        out.push(
          loaded.ok
            ? { name: source.name, origin: source.origin, description: loaded.value.definition.description ?? null, params: { ...loaded.value.definition.params }, error: null }
            : { name: source.name, origin: source.origin, description: null, params: {}, error: describeStrategyError(loaded.error) },
        );
      }
      return out;
    },
    'backtest.run': async (request) => {
      const job = control(request.job, `${request.strategy} on ${request.symbols.length} symbols`);
      try {
        const result = await runBacktestRequest(deps, request, job.control);
        return result.ok ? ok(result.value.summary) : err(backtestErrorJson(result.error));
      } finally {
        job.done();
      }
    },
    'backtest.sweep': async (request) => {
      const job = control(request.job, `${request.strategy} sweep`);
      try {
        const result = request.on !== 'queue' ? await runSweep(deps, request, job.control) : deps.researchQueue ? await runSweepOnQueue(deps, deps.researchQueue, request, job.control) : err({ code: 'RESEARCH_QUEUE_NOT_CONFIGURED' as const });
        return result.ok ? ok(result.value) : err(backtestErrorJson(result.error));
      } finally {
        job.done();
      }
    },
    'backtest.walkForward': async (request) => {
      const job = control(request.job, `${request.strategy} walk-forward`);
      try {
        if (request.on === 'queue' && !deps.researchQueue) return err(backtestErrorJson({ code: 'RESEARCH_QUEUE_NOT_CONFIGURED' as const }));
        const result = await runWalkForward(deps, request, job.control, request.on === 'queue' && deps.researchQueue ? queuedInSample(deps, deps.researchQueue) : undefined);
        return result.ok ? ok(result.value) : err(backtestErrorJson(result.error));
      } finally {
        job.done();
      }
    },
    'backtest.cancel': async ({ job }) => {
      const abort = running.get(job);
      abort?.abort();
      return { cancelled: abort !== undefined };
    },
    'backtest.runs': async ({ limit }) => (await listBacktestRuns(deps.store, limit ?? 200)).map((r) => r.summary as BacktestRunSummary),
    'backtest.equity': async ({ runId }) => readBacktestRunDetail(deps.store, runId),
  };
}
