// A backtest sweep (or a walk-forward's in-sample grids) sent to the research queue instead of the local engines: one
// job per combination (job id = group id + index, so nothing is queued or recorded twice), progress as jobs finish on
// any worker, each result checked and recorded once, ranked like a local sweep; cancelling removes the jobs still queued.
import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from '../../core/model/result';
import type { BacktestRunSummary, BacktestSweepRequest, BacktestSweepSummary } from '../../shared/contracts/backtest';
import { recordRun, type BacktestDeps, type BacktestServiceError, type PreparedBacktest, type RunControl } from '../research/backtestService';
import type { GridBatch, InSampleRunner } from '../research/walkForward';
import { planSweep, rankRuns } from '../research/backtestSweep';
import { decodeJob } from './jobCodec';
import { runJobsOnQueue } from './queueBatch';
import { backtestJobResultSchema, sweepJobId, type BacktestJobPayload, type QueueConnection } from './researchQueue';

export async function runSweepOnQueue(
  deps: BacktestDeps,
  connection: QueueConnection,
  request: BacktestSweepRequest,
  control: RunControl = {},
): Promise<Result<BacktestSweepSummary, BacktestServiceError>> {
  const plan = await planSweep(deps, request);
  if (!plan.ok) return plan;
  const { prepared, combinations, rankBy } = plan.value;
  const sweepId = randomUUID();
  const batch = await runBatchOnQueue(deps, connection, prepared, combinations, sweepId, sweepId, control);
  if (!batch.ok) return batch;
  return ok({ sweepId, rankBy, runs: rankRuns(batch.value.runs, rankBy), failed: batch.value.failed });
}

/** A walk-forward's in-sample grids on the queue: each window's combinations as one batch, stored under the walk-forward's id. */
export function queuedInSample(deps: BacktestDeps, connection: QueueConnection): InSampleRunner {
  return (prepared, combinations, window, control) => runBatchOnQueue(deps, connection, prepared, combinations, `${window.walkForwardId}.w${window.index}`, window.walkForwardId, control);
}

/**
 * One job per combination of `prepared` (job ids from `groupId`), each result checked and recorded once under
 * `recordUnder`, progress as jobs finish; cancelling removes the jobs still queued.
 */
export async function runBatchOnQueue(
  deps: BacktestDeps,
  connection: QueueConnection,
  prepared: PreparedBacktest,
  combinations: readonly Readonly<Record<string, number>>[],
  groupId: string,
  recordUnder: string,
  control: RunControl = {},
): Promise<Result<GridBatch, BacktestServiceError>> {
  const runs: BacktestRunSummary[] = [];
  const failed: BacktestSweepSummary['failed'][number][] = [];
  let recorded = 0;
  const jobs = combinations.map((params, index) => {
    const payload: BacktestJobPayload = {
      kind: 'backtest',
      sweepId: groupId,
      index,
      strategyJs: prepared.strategy.js,
      strategyFile: prepared.strategy.file,
      params,
      series: [...prepared.series],
      config: prepared.config,
    };
    return { id: sweepJobId(groupId, index), name: 'backtest', payload };
  });
  const end = await runJobsOnQueue(
    connection,
    jobs,
    async (index, outcome) => {
      const params = combinations[index]!;
      if (outcome.kind === 'failed') {
        failed.push({ params, code: 'JOB_FAILED', message: outcome.reason });
      } else {
        let decoded: unknown;
        try {
          decoded = decodeJob(outcome.value);
        } catch (error) {
          decoded = { malformed: (error as Error).message };
        }
        const parsed = backtestJobResultSchema.safeParse(decoded);
        if (!parsed.success) failed.push({ params, code: 'JOB_RESULT_INVALID', message: parsed.error.issues.map((i) => `${i.path.join('.') || 'result'}: ${i.message}`).join('; ') });
        else if (!parsed.data.ok) failed.push({ params, code: parsed.data.error.code, message: parsed.data.error.message ?? JSON.stringify(parsed.data.error) });
        else runs.push((await recordRun(deps, prepared, params, parsed.data.result, recordUnder)).summary);
      }
      control.onProgress?.(++recorded, jobs.length);
      return 'continue';
    },
    control.signal,
  );
  if (end !== 'done') return err({ code: 'BACKTEST_CANCELLED', barsDone: 0 });
  return ok({ runs, failed });
}
