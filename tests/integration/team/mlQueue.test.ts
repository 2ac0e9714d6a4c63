// Model training folds through the research queue on a real Redis, run by real `nautilus worker` processes on their ML
// engines: ml.train on: 'queue' answers exactly the local training's report, data hash and artifact bytes, with
// progress per finished job; a worker killed in the middle of a fold leaves that fold to another worker, which
// completes it once, and the training still equals the local one; a cancelled training removes its queued jobs; a
// malformed worker answer is refused and nothing is registered; a workstation without a queue refuses on: 'queue';
// `nautilus ml train --on queue` prints and registers what the local command does.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Worker } from 'bullmq';
import { runCli } from '../../../src/cli/main';
import { SeededRandom } from '../../../src/core/model/clock';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import { encodeJob } from '../../../src/main/team/jobCodec';
import { openWorker, type QueueStore } from '../../../src/main/team/researchQueue';
import { Workstation } from '../../../src/main/workstation';
import type { ResearchProgress } from '../../../src/shared/contracts/engines';
import type { RegisteredModel } from '../../../src/shared/contracts/mlRegistry';
import type { TrainingReport } from '../../../src/shared/contracts/mlTraining';
import { ROOT } from '../../support/builtApp';
import { waitFor } from '../../support/waitFor';
import { startQueueStore, storeUnavailable, type RunningStore } from './queueStores';

type Event = { kind: string; jobId?: string };
type Reply = { ok: true; value: { ok: true; value: TrainingReport } | { ok: false; error: { code: string; message: string; job?: string } } } | { ok: false; error: { code: string; message: string } };

interface WorkerProcess {
  readonly child: ChildProcess;
  readonly events: Event[];
  stderr: string;
  /** Called as each event line is read, before anything else runs: a test can act on a job the moment it starts. */
  onEvent?: (event: Event) => void;
}

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const unavailable = storeUnavailable('redis');
if (unavailable) console.warn(`model training on the research queue skipped: ${unavailable}`);

/** A forest (its trees seeded), over library factors of the stored universe: a few hundred rows per fold. */
const REQUEST = { kind: 'forest', params: { trees: 8, maxDepth: 4, minSamplesLeaf: 10 }, factors: ['ROC5', 'MA20'], horizon: 5, trainDates: 100, testDates: 40, seed: 3 };
/** The same with enough trees that a fold runs for seconds, several times a worker's lock: long enough to be killed in. */
const SLOW_REQUEST = { ...REQUEST, params: { trees: 100, maxDepth: 8, minSamplesLeaf: 2, maxFeatures: 2 } };

describe.skipIf(unavailable !== undefined)('model training folds on the research queue (redis)', () => {
  let dataDir: string;
  let ws: Workstation;
  let running: RunningStore;
  let store: QueueStore;
  const workers: WorkerProcess[] = [];
  const train = async (input: Record<string, unknown>) => (await ws.dispatch('ml.train', input)) as Reply;
  const models = async (): Promise<RegisteredModel[]> => {
    const reply = await ws.dispatch('ml.models', {});
    if (!reply.ok) throw new Error(JSON.stringify(reply.error));
    return reply.value as RegisteredModel[];
  };
  const artifact = (m: RegisteredModel) => readFileSync(join(dataDir, m.artifactPath), 'utf8');
  /** Everything of a registered model but what names this one registration (id, name, version, time, its file's folder). */
  const comparable = (m: RegisteredModel) => {
    const { id: _i, name: _n, version: _v, createdAt: _c, artifactPath, ...rest } = m;
    return { ...rest, artifactFile: artifactPath.split(/[\\/]/).at(-1) };
  };

  function startWorker(): WorkerProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/integration/team/workerProcess.ts'), '--redis', store.url, '--json', '--concurrency', '1', '--lock-seconds', '2'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const worker: WorkerProcess = { child, events: [], stderr: '' };
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const event = JSON.parse(line) as Event;
      worker.events.push(event);
      worker.onEvent?.(event);
    });
    child.stderr!.on('data', (c) => (worker.stderr += c));
    workers.push(worker);
    return worker;
  }
  /** A worker process that is taking jobs (a worker that cannot start fails the test here, not by a timeout later). */
  async function startReadyWorker(): Promise<WorkerProcess> {
    const worker = startWorker();
    await waitFor(() => worker.events.some((e) => e.kind === 'ready') || worker.child.exitCode !== null, 'worker ready', 120_000);
    expect(worker.child.exitCode, worker.stderr).toBeNull();
    return worker;
  }
  const idsOf = (w: WorkerProcess, kind: string) => w.events.filter((e) => e.kind === kind).map((e) => e.jobId!);
  async function stop(worker: WorkerProcess): Promise<void> {
    worker.child.kill('SIGTERM');
    await waitFor(() => worker.child.exitCode !== null || worker.child.signalCode !== null, 'worker stopped', 60_000);
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'nautilus-ml-queue-'));
    running = await startQueueStore('redis');
    store = { kind: 'redis', url: running.url };
    ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), poolSize: 1, engines: ['factors', 'ml'], syntheticHistory: { seed: 9, years: 1, minuteDays: 1 }, researchQueue: store });
    await waitFor(() => ws.supervisor.health().every((h) => h.state === 'up'), 'every engine up');
  }, 180_000);
  // A test that fails leaves no worker behind to take the next test's jobs.
  afterEach(() => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  });
  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await ws?.stop();
    await running?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("refuses a worker's malformed answer, registers nothing, and removes the training's other queued jobs", async () => {
    const before = (await models()).length;
    // A worker that answers every job with a well-encoded fold answer of one prediction (a fold tests on hundreds of rows).
    let answered = 0;
    const liar: Worker = openWorker(
      store,
      async (job) => {
        answered += 1;
        const index = Number(/\.k(\d+)$/.exec(String(job.id))?.[1] ?? 0);
        return encodeJob({ ok: true, kind: 'fold', index, predicted: new Float64Array(1) });
      },
      { concurrency: 1, lockMs: 30_000 },
    ) as unknown as Worker;
    try {
      const reply = await train({ ...REQUEST, name: 'liar', on: 'queue', job: 'liar' });
      expect(reply).toMatchObject({ ok: true, value: { ok: false, error: { code: 'JOB_RESULT_INVALID' } } });
      const error = (reply as { value: { error: { message: string; job: string } } }).value.error;
      // The first answer read is refused (answers are read as they finish, in no set order): a fold's for its one
      // prediction, the final fit's for being a fold's answer.
      expect(error.job).toMatch(new RegExp(`^${UUID}\\.(k\\d+|final)$`));
      if (error.job.endsWith('.final')) expect(error.message).toContain('a fold answer to a final job');
      else expect(error.message).toMatch(/predicted: 1 predictions for \d+ test rows/);
      expect(answered).toBeGreaterThanOrEqual(1);
      expect((await models()).length).toBe(before);
      expect((await ws.researchQueue!.queue.getJobCounts('waiting')).waiting).toBe(0);
    } finally {
      await liar.close();
    }
  }, 180_000);

  it('removes the queued jobs of a cancelled training, and registers nothing', async () => {
    const connection = ws.researchQueue!;
    const before = (await models()).length;
    const done = train({ ...REQUEST, name: 'cancelled', on: 'queue', job: 'to-cancel' });
    // No worker runs: every fold's job and the final fit's wait in the queue.
    await waitFor(async () => ((await connection.queue.getJobCounts('waiting')).waiting ?? 0) >= 3, 'the jobs queued', 120_000);
    const ids = (await connection.queue.getJobs(['waiting'])).map((j) => String(j.id));
    expect(ids.some((id) => id.endsWith('.final'))).toBe(true);
    expect(ids.filter((id) => /\.k\d+$/.test(id)).length).toBe(ids.length - 1);
    expect(await ws.dispatch('ml.cancel', { job: 'to-cancel' })).toMatchObject({ ok: true, value: { cancelled: true } });
    expect(await done).toMatchObject({ ok: true, value: { ok: false, error: { code: 'CANCELLED' } } });
    expect((await connection.queue.getJobCounts('waiting')).waiting).toBe(0);
    for (const id of ids) expect(await connection.queue.getJob(id)).toBeFalsy();
    expect((await models()).length).toBe(before);
  }, 180_000);

  it("runs on a worker process and answers exactly the local training's report, data hash and artifact, with progress per job", async () => {
    const worker = await startReadyWorker();
    const local = await train({ ...REQUEST, name: 'here', job: 'local' });
    const progress: ResearchProgress[] = [];
    const unsubscribe = ws.bus.subscribe('research.progress', (p) => progress.push(p as ResearchProgress));
    const queued = await train({ ...REQUEST, name: 'team', on: 'queue', job: 'team' });
    unsubscribe();
    if (!local.ok || !local.value.ok) throw new Error(`local training: ${JSON.stringify(local)}`);
    if (!queued.ok || !queued.value.ok) throw new Error(`queued training: ${JSON.stringify(queued)}`);
    const a = local.value.value;
    const b = queued.value.value;
    expect(b.folds.length).toBeGreaterThanOrEqual(2);
    expect(b.folds.every((f) => f.metrics.rows > 0)).toBe(true);
    expect(b.importance.ROC5?.impurity).toEqual(expect.any(Number));
    const { model: ma, ...reportA } = a;
    const { model: mb, ...reportB } = b;
    expect(reportB).toEqual(reportA);
    expect(comparable(mb)).toEqual(comparable(ma));
    expect(mb.dataHash).toBe(ma.dataHash);
    expect(artifact(mb)).toBe(artifact(ma));

    // One job per fold and one for the final fit, each run on the worker once, under ids <training>.k<n> and .final.
    const jobs = b.folds.length + 1;
    // The workstation reads a job's answer from the store, maybe before the worker's 'completed' line is read here.
    await waitFor(() => idsOf(worker, 'completed').length >= jobs, "the worker's completed lines", 30_000);
    const completed = idsOf(worker, 'completed');
    expect(completed).toHaveLength(jobs);
    expect(new Set(completed).size).toBe(jobs);
    const training = completed[0]!.replace(/\.(k\d+|final)$/, '');
    expect(training).toMatch(new RegExp(`^${UUID}$`));
    expect([...completed].sort()).toEqual([...b.folds.map((f) => `${training}.k${f.index}`), `${training}.final`].sort());
    // Progress as each job's answer is accepted: 1…folds+1 of folds+1, the last the final fit.
    const steps = progress.filter((p) => p.job === 'ml:team' && !p.detail.startsWith('factor '));
    expect(steps.map((p) => p.done)).toEqual(Array.from({ length: jobs }, (_, i) => i + 1));
    expect(steps.every((p) => p.total === jobs)).toBe(true);
    expect(steps.at(-1)!.detail).toBe('final fit');
    await stop(worker);
    expect(worker.child.exitCode).toBe(0);
  }, 300_000);

  it('nautilus ml train --on queue prints and registers what the local run does', async () => {
    const cliDir = mkdtempSync(join(tmpdir(), 'nautilus-ml-queue-cli-'));
    try {
      // 3 symbols × 200 days, the next day's return driven by 'mom'.
      const random = new SeededRandom(3);
      const lines = ['date,symbol,close,mom,noise'];
      const close = [100, 40, 70];
      for (let d = 0; d < 200; d++) {
        const date = new Date(Date.UTC(2021, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
        for (let k = 0; k < 3; k++) {
          const mom = random.normal();
          lines.push(`${date},S${k},${close[k]!.toFixed(6)},${mom.toFixed(6)},${random.normal().toFixed(6)}`);
          close[k] = close[k]! * Math.exp(0.01 * mom + 0.005 * random.normal());
        }
      }
      const panel = join(cliDir, 'panel.csv');
      writeFileSync(panel, `${lines.join('\n')}\n`);
      const argv = (dir: string) => ['ml', 'train', '--input', panel, '--features', 'mom,noise', '--name', 'cli', '--kind', 'gbt', '--param', 'rounds=10', '--horizon', '1', '--train-dates', '80', '--test-dates', '40', '--data-dir', join(cliDir, dir), '--json'];
      const worker = await startReadyWorker();
      const local = await cli(argv('here'));
      const queued = await cli([...argv('team'), '--on', 'queue', '--redis', store.url]);
      expect(local.code, local.err).toBe(0);
      expect(queued.code, queued.err).toBe(0);
      const a = JSON.parse(local.out) as TrainingReport;
      const b = JSON.parse(queued.out) as TrainingReport;
      expect(a.folds.length).toBeGreaterThanOrEqual(2);
      expect({ ...b, model: { ...b.model, createdAt: 0 } }).toEqual({ ...a, model: { ...a.model, createdAt: 0 } });
      expect(readFileSync(join(cliDir, 'team', b.model.artifactPath), 'utf8')).toBe(readFileSync(join(cliDir, 'here', a.model.artifactPath), 'utf8'));
      expect(queued.err).toContain('final fit done (research queue)');
      await waitFor(() => idsOf(worker, 'completed').length >= b.folds.length + 1, "the worker's completed lines", 30_000);
      expect(idsOf(worker, 'completed')).toHaveLength(b.folds.length + 1);
      await stop(worker);

      const saved = process.env.NAUTILUS_REDIS_URL;
      delete process.env.NAUTILUS_REDIS_URL;
      try {
        const noQueue = await cli([...argv('none'), '--on', 'queue']);
        expect(noQueue.code).toBe(2);
        expect(noQueue.err).toContain('--on queue needs --redis URL');
        const stray = await cli([...argv('none'), '--redis', store.url]);
        expect(stray.code).toBe(2);
        expect(stray.err).toContain('--redis is for --on queue');
      } finally {
        if (saved !== undefined) process.env.NAUTILUS_REDIS_URL = saved;
      }
    } finally {
      rmSync(cliDir, { recursive: true, force: true });
    }
  }, 300_000);

  it('completes a fold whose worker is killed mid-job on another worker, once, and still answers the local training', async () => {
    const a = startWorker();
    await waitFor(() => a.events.some((e) => e.kind === 'ready') || a.child.exitCode !== null, 'worker A ready', 120_000);
    expect(a.child.exitCode, a.stderr).toBeNull();
    // A machine lost in the middle of a fold: killed as its first "started" line is read.
    let killed: string | undefined;
    a.onEvent = (event) => {
      if (event.kind !== 'started' || killed !== undefined) return;
      killed = event.jobId;
      a.child.kill('SIGKILL');
    };
    const queued = train({ ...SLOW_REQUEST, name: 'slow-team', on: 'queue', job: 'killed' });
    await waitFor(() => killed !== undefined, 'worker A took a job', 120_000);
    await waitFor(() => a.child.signalCode !== null, 'worker A killed', 30_000);
    const b = await startReadyWorker();
    const reply = await queued;
    if (!reply.ok || !reply.value.ok) throw new Error(`queued training: ${JSON.stringify(reply)}`);
    const local = await train({ ...SLOW_REQUEST, name: 'slow-here' });
    if (!local.ok || !local.value.ok) throw new Error(`local training: ${JSON.stringify(local)}`);

    const { model: mq, ...q } = reply.value.value;
    const { model: ml, ...l } = local.value.value;
    expect(q).toEqual(l);
    expect(comparable(mq)).toEqual(comparable(ml));
    expect(artifact(mq)).toBe(artifact(ml));
    // The killed fold ran again on B and completed there; every job completed exactly once, by one worker.
    expect(killed).toMatch(new RegExp(`^${UUID}\\.(k\\d+|final)$`));
    expect(idsOf(a, 'completed')).not.toContain(killed);
    expect(idsOf(b, 'started')).toContain(killed);
    await waitFor(() => idsOf(a, 'completed').length + idsOf(b, 'completed').length >= q.folds.length + 1, "the workers' completed lines", 30_000);
    const completed = [...idsOf(a, 'completed'), ...idsOf(b, 'completed')];
    expect(completed.filter((id) => id === killed)).toHaveLength(1);
    expect(completed).toHaveLength(q.folds.length + 1);
    expect(new Set(completed).size).toBe(q.folds.length + 1);
    await stop(b);
  }, 600_000);

  it('refuses a queued training on a workstation without a research queue', async () => {
    const otherDir = mkdtempSync(join(tmpdir(), 'nautilus-ml-no-queue-'));
    const other = await Workstation.start({ dataDir: otherDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), poolSize: 1, engines: [], syntheticHistory: { seed: 9, years: 1, minuteDays: 1 } });
    try {
      const reply = await other.dispatch('ml.train', { ...REQUEST, name: 'nowhere', on: 'queue' });
      expect(reply).toMatchObject({ ok: true, value: { ok: false, error: { code: 'RESEARCH_QUEUE_NOT_CONFIGURED' } } });
      expect(await other.dispatch('ml.models', {})).toEqual({ ok: true, value: [] });
    } finally {
      await other.stop();
      rmSync(otherDir, { recursive: true, force: true });
    }
  }, 120_000);
});
