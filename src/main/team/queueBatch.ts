// A batch of research jobs on the queue, whatever their kind: queued under ids that make them idempotent, each
// outcome handed over once however many times it is reported (completion events, and a poll for the ones missed),
// until all are in, the caller stops, or the run is cancelled; then the jobs still queued are removed.
import type { Queue } from 'bullmq';
import { err, ok, type Result } from '../../core/model/result';
import { encodeJob } from './jobCodec';
import { JOB_ATTEMPTS, type QueueConnection, type QueuedJobData } from './researchQueue';

/** How often unfinished jobs are looked up, besides the queue's completion events (an event can be missed). */
const POLL_MS = 500;
/** Finished jobs stay in the store this long (seconds), so a result can be read again after a restart. */
const KEEP_SECONDS = 7 * 24 * 3600;

export type JobOutcome = { readonly kind: 'completed'; readonly value: string } | { readonly kind: 'failed'; readonly reason: string };

export interface BatchJob {
  /** Unique and stable for the work it names: queuing the same id twice is one job. */
  readonly id: string;
  readonly name: string;
  readonly payload: unknown;
}

/** 'stop' ends the batch early (the rest of its queued jobs are removed). */
export type SettleJob = (index: number, outcome: JobOutcome) => Promise<'continue' | 'stop'>;

async function outcomeOf(queue: Queue<QueuedJobData, string>, id: string): Promise<JobOutcome | undefined> {
  // The state first, then the job: a job read before its state turned 'completed' has no return value yet.
  const state = await queue.getJobState(id);
  if (state !== 'completed' && state !== 'failed') return state === 'unknown' ? { kind: 'failed', reason: 'job vanished from the queue' } : undefined;
  const job = await queue.getJob(id);
  if (!job) return { kind: 'failed', reason: 'job vanished from the queue' };
  return state === 'completed' ? { kind: 'completed', value: String(job.returnvalue) } : { kind: 'failed', reason: job.failedReason || 'failed' };
}

/** Queues `jobs` and hands each outcome to `settle` once, in the order they finish. */
export async function runJobsOnQueue(connection: QueueConnection, jobs: readonly BatchJob[], settle: SettleJob, signal?: AbortSignal): Promise<'done' | 'stopped' | 'cancelled'> {
  const ids = jobs.map((j) => j.id);
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  /** Jobs whose outcome is claimed (so settled once); `finished` counts those fully settled. */
  const claimed = new Set<string>();
  let finished = 0;
  let stopped = false;

  await connection.events.waitUntilReady();
  await connection.queue.addBulk(
    jobs.map((job) => ({
      name: job.name,
      data: { payload: encodeJob(job.payload) },
      opts: { jobId: job.id, attempts: JOB_ATTEMPTS, backoff: { type: 'fixed', delay: 1_000 }, removeOnComplete: { age: KEEP_SECONDS }, removeOnFail: { age: KEEP_SECONDS } },
    })),
  );

  let wake: () => void = () => undefined;
  const check = async (id: string) => {
    const index = indexOf.get(id);
    if (index === undefined || claimed.has(id) || stopped) return;
    const outcome = await outcomeOf(connection.queue, id);
    // Re-checked after the await: a batch another outcome stopped meanwhile settles nothing more (its queued jobs are
    // being removed, and a removed job would read as vanished, a failure that never happened).
    if (!outcome || claimed.has(id) || stopped) return;
    claimed.add(id);
    if ((await settle(index, outcome)) === 'stop') stopped = true;
    finished += 1;
    wake();
  };
  const onFinished = ({ jobId }: { jobId: string }) => void check(jobId).catch(() => undefined);
  connection.events.on('completed', onFinished);
  connection.events.on('failed', onFinished);
  try {
    while (finished < ids.length && !stopped && !signal?.aborted) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, POLL_MS);
        wake = done;
        signal?.addEventListener('abort', done, { once: true });
      });
      for (const id of ids) if (!claimed.has(id) && !stopped && !signal?.aborted) await check(id);
    }
  } finally {
    connection.events.off('completed', onFinished);
    connection.events.off('failed', onFinished);
  }
  if (stopped || signal?.aborted) {
    // Jobs a worker holds finish there and are ignored; every one still waiting goes.
    for (const id of ids) if (!claimed.has(id)) await connection.queue.remove(id).catch(() => 0);
    return stopped ? 'stopped' : 'cancelled';
  }
  return 'done';
}

/**
 * runJobsOnQueue for runs that end at their first refused answer: each outcome is read by `read` and handed to
 * `accept` when good; the first refusal stops the batch and is its result (anything settled after it is a
 * consequence of the stop). 'cancelled' when the signal ended it first.
 */
export async function readJobsOnQueue<T, E>(
  connection: QueueConnection,
  jobs: readonly BatchJob[],
  read: (index: number, outcome: JobOutcome) => Result<T, E>,
  accept: (index: number, value: T) => void,
  signal?: AbortSignal,
): Promise<Result<'done' | 'cancelled', E>> {
  let refused: { readonly error: E } | undefined;
  const end = await runJobsOnQueue(
    connection,
    jobs,
    async (index, outcome) => {
      const answer = read(index, outcome);
      if (!answer.ok) {
        refused ??= { error: answer.error };
        return 'stop';
      }
      accept(index, answer.value);
      return 'continue';
    },
    signal,
  );
  if (refused) return err(refused.error);
  return ok(end === 'done' ? 'done' : 'cancelled');
}
