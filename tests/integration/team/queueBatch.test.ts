// The batch loop every queued run shares (sweeps, factor runs, trainings), on a real redis-server: once an outcome
// stops the batch, nothing more is settled. A check that was already looking a job up when the batch stopped (and
// removed its remaining jobs) read that job as vanished, and handed a failure that never happened to the caller,
// which then reported it instead of the refusal that stopped the run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from 'bullmq';
import { runJobsOnQueue, type JobOutcome } from '../../../src/main/team/queueBatch';
import { connectQueue, openWorker, type QueueConnection, type QueueStore } from '../../../src/main/team/researchQueue';
import { redisUnavailable, startRedisServer, type RedisServer } from '../../support/redisServer';
import { waitFor } from '../../support/waitFor';

const skip = redisUnavailable();
if (skip) console.warn(`skipped: ${skip}`);

describe.skipIf(skip !== undefined)('runJobsOnQueue', () => {
  let redis: RedisServer;
  let store: QueueStore;
  let connection: QueueConnection;
  let worker: Worker;

  beforeAll(async () => {
    redis = await startRedisServer();
    store = { kind: 'redis', url: redis.url };
    connection = connectQueue(store);
    worker = openWorker(store, async (job) => `answer of ${String(job.id)}`, { concurrency: 2, lockMs: 30_000 }) as unknown as Worker;
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await connection?.close();
    await redis?.stop();
  });

  it('settles nothing after an outcome stops the batch, even a lookup that was under way', async () => {
    const jobs = [0, 1].map((i) => ({ id: `stop-test.${i}`, name: 'test', payload: { i } }));
    // The second job's state is looked up only once the batch has stopped: the lookup that was under way then.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let gatedLookups = 0;
    let gatedDone = 0;
    const getJobState = connection.queue.getJobState.bind(connection.queue);
    connection.queue.getJobState = (async (id: string) => {
      if (id !== jobs[1]!.id) return getJobState(id);
      gatedLookups++;
      await gate;
      try {
        return await getJobState(id);
      } finally {
        gatedDone++;
      }
    }) as typeof connection.queue.getJobState;
    try {
      const settled: Array<[number, JobOutcome]> = [];
      const end = await runJobsOnQueue(connection, jobs, async (index, outcome) => {
        settled.push([index, outcome]);
        return 'stop';
      });
      expect(end).toBe('stopped');
      expect(gatedLookups).toBeGreaterThan(0);
      // The batch removed the job it no longer waits for; now let the lookups under way finish.
      release();
      await waitFor(() => gatedDone === gatedLookups, 'the lookups under way finished');
      await new Promise((resolve) => setImmediate(resolve));
      expect(settled).toEqual([[0, { kind: 'completed', value: 'answer of stop-test.0' }]]);
    } finally {
      connection.queue.getJobState = getJobState;
    }
  });
});
