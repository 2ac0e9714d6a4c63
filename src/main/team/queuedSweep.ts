// A backtest sweep (or a walk-forward's in-sample grids) sent to the research queue instead of the local engines: one
// job per combination (job id = group id + index, so nothing is queued or recorded twice), progress as jobs finish on
// any worker, each result checked and recorded once, ranked like a local sweep; cancelling removes the jobs still queued.
import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import { err, ok, type Result } from '../../core/model/result';
import type { BacktestRunSummary, BacktestSweepRequest, BacktestSweepSummary } from '../../shared/contracts/backtest';
import { recordRun, type BacktestDeps, type BacktestServiceError, type PreparedBacktest, type RunControl } from '../research/backtestService';
import type { GridBatch, InSampleRunner } from '../research/walkForward';
import { planSweep, rankRuns } from '../research/backtestSweep';
import { decodeJob, encodeJob } from './jobCodec';
import { JOB_ATTEMPTS, backtestJobResultSchema, sweepJobId, type BacktestJobPayload, type QueueConnection, type QueuedJobData } from './researchQueue';

/** How often unfinished jobs are looked up, besides the queue's completion events (an event can be missed). */
const POLL_MS = 500;
/** Finished jobs stay in the store this long (seconds), so a result can be read again after a restart. */
const KEEP_SECONDS = 7 * 24 * 3600;

type Outcome = { readonly kind: 'completed'; readonly value: string } | { readonly kind: 'failed'; readonly reason: string };

async function outcomeOf(queue: Queue<QueuedJobData, string>, id: string): Promise<Outcome | undefined> {
  // The state first, then the job: a job read before its state turned 'completed' has no return value yet.
  const state = await queue.getJobState(id);
  if (state !== 'completed' && state !== 'failed') return state === 'unknown' ? { kind: 'failed', reason: 'job vanished from the queue' } : undefined;
  const job = await queue.getJob(id);
  if (!job) return { kind: 'failed', reason: 'job vanished from the queue' };
  return state === 'completed' ? { kind: 'completed', value: String(job.returnvalue) } : { kind: 'failed', reason: job.failedReason || 'failed' };
}

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
  const ids = combinations.map((_, i) => sweepJobId(groupId, i));
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const runs: BacktestRunSummary[] = [];
  const failed: BacktestSweepSummary['failed'][number][] = [];
  /** Jobs whose outcome is claimed (so recorded once); `recorded` counts those fully recorded. */
  const settled = new Set<string>();
  let recorded = 0;

  await connection.events.waitUntilReady();
  await connection.queue.addBulk(
    combinations.map((params, index) => {
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
      return {
        name: 'backtest',
        data: { payload: encodeJob(payload) },
        opts: { jobId: ids[index]!, attempts: JOB_ATTEMPTS, backoff: { type: 'fixed', delay: 1_000 }, removeOnComplete: { age: KEEP_SECONDS }, removeOnFail: { age: KEEP_SECONDS } },
      };
    }),
  );

  let wake: () => void = () => undefined;
  /** Records one job's outcome, once, however many times it is reported. */
  const settle = async (id: string, outcome: Outcome) => {
    const index = indexOf.get(id);
    if (index === undefined || settled.has(id)) return;
    settled.add(id);
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
    control.onProgress?.(++recorded, ids.length);
    wake();
  };
  const check = async (id: string) => {
    if (settled.has(id)) return;
    const outcome = await outcomeOf(connection.queue, id);
    if (outcome) await settle(id, outcome);
  };
  const onFinished = ({ jobId }: { jobId: string }) => void check(jobId).catch(() => undefined);
  connection.events.on('completed', onFinished);
  connection.events.on('failed', onFinished);
  try {
    while (recorded < ids.length && !control.signal?.aborted) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          control.signal?.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, POLL_MS);
        wake = done;
        control.signal?.addEventListener('abort', done, { once: true });
      });
      for (const id of ids) if (!settled.has(id) && !control.signal?.aborted) await check(id);
    }
  } finally {
    connection.events.off('completed', onFinished);
    connection.events.off('failed', onFinished);
  }
  if (control.signal?.aborted) {
    // Jobs a worker holds finish there and are ignored; every one still waiting goes.
    for (const id of ids) if (!settled.has(id)) await connection.queue.remove(id).catch(() => 0);
    return err({ code: 'BACKTEST_CANCELLED', barsDone: 0 });
  }
  return ok({ runs, failed });
}
