// Universe factor analyses through the research queue on a real Redis (and PostgreSQL, BullMQ's other backend), run by a real `nautilus worker` process on its
// factors engines: the report (every figure, series and the correlation matrix) equals the same request run on the
// workstation's own engines, progress counts factors as jobs finish, a malformed worker answer is refused and nothing
// is stored, a job whose worker is lost is run again elsewhere, a cancelled run removes its queued jobs, and
// `nautilus factors ic --on queue` prints what the local run prints; factors.compute on the queue stores the local values.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Worker } from 'bullmq';
import { runCli } from '../../../src/cli/main';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import { listFactorRuns, readFactorValues } from '../../../src/main/storage/market/factorStore';
import { MarketStore } from '../../../src/main/storage/market/marketStore';
import { FACTOR_JOBS_PER_RUN } from '../../../src/main/team/factorJob';
import { encodeJob } from '../../../src/main/team/jobCodec';
import { openWorker, type QueueStore } from '../../../src/main/team/researchQueue';
import { DUCKDB_FILE, Workstation } from '../../../src/main/workstation';
import type { ResearchProgress } from '../../../src/shared/contracts/engines';
import type { FactorReport } from '../../../src/shared/contracts/factors';
import { ROOT } from '../../support/builtApp';
import { waitFor } from '../../support/waitFor';
import { startQueueStore, storeUnavailable, type RunningStore, type StoreKind } from './queueStores';

type Event = { kind: string; jobId?: string };
type Reply = { ok: true; value: { ok: true; value: FactorReport } | { ok: false; error: { code: string; message: string } } } | { ok: false; error: { code: string; message: string } };

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const KINDS: StoreKind[] = ['redis', 'postgres'];
for (const kind of KINDS) {
  const unavailable = storeUnavailable(kind);
  if (unavailable) console.warn(`factor jobs on the research queue (${kind}) skipped: ${unavailable}`);

  /** Library factors, expressions with cross-sectional and sector operators: every one needs the whole universe at once. */
  const FACTORS = [
    { name: 'MA10' },
    { name: 'RSV20' },
    { name: 'KMID' },
    { name: 'CORR20' },
    { expression: 'rank(ts_mean(volume, 5)) - rank(delta(close, 5))', name: 'custom' },
    { expression: 'neutralize(zscore(delta(close, 10)), sector)', name: 'sector_neutral' },
    { expression: 'winsorize(ts_corr(close, volume, 10), 2)', name: 'pv_corr' },
  ];

  describe.skipIf(unavailable !== undefined)(`factor jobs on the research queue (${kind})`, () => {
    let dataDir: string;
    let ws: Workstation;
    let running: RunningStore;
    let store: QueueStore;
    const children: ChildProcess[] = [];
    const analyze = async (input: Record<string, unknown>) => (await ws.dispatch('factors.analyze', input)) as Reply;

    function startWorker(): { child: ChildProcess; events: Event[]; stderr: () => string } {
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/integration/team/workerProcess.ts'), kind === 'redis' ? '--redis' : '--postgres', store.url, '--json', '--concurrency', '2', '--lock-seconds', '2'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      const events: Event[] = [];
      let stderr = '';
      createInterface({ input: child.stdout! }).on('line', (line) => events.push(JSON.parse(line) as Event));
      child.stderr!.on('data', (c) => (stderr += c));
      return { child, events, stderr: () => stderr };
    }

    /** A worker process that is taking jobs (a worker that cannot start fails the test here, not by a timeout later). */
    async function startReadyWorker(): Promise<ReturnType<typeof startWorker>> {
      const worker = startWorker();
      await waitFor(() => worker.events.some((e) => e.kind === 'ready') || worker.child.exitCode !== null, 'worker ready', 120_000);
      expect(worker.child.exitCode, worker.stderr()).toBeNull();
      return worker;
    }

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'nautilus-factor-queue-'));
      running = await startQueueStore(kind);
      store = { kind, url: running.url };
      ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), poolSize: 1, engines: ['factors'], syntheticHistory: { seed: 9, years: 1, minuteDays: 1 }, researchQueue: store });
      await waitFor(() => ws.supervisor.health().every((h) => h.state === 'up'), 'every engine up');
    }, 180_000);
    afterAll(async () => {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      await ws?.stop();
      await running?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it("runs on a worker process and answers exactly the local run's report, with progress per factor", async () => {
      const worker = await startReadyWorker();
      const request = { factors: FACTORS, horizon: 5, horizons: [1, 5, 20], method: 'spearman', quantiles: 3, minSymbols: 5, correlation: true };

      const local = await analyze({ ...request, job: 'local' });
      const progress: ResearchProgress[] = [];
      const unsubscribe = ws.bus.subscribe('research.progress', (p) => progress.push(p as ResearchProgress));
      const queued = await analyze({ ...request, on: 'queue', job: 'team' });
      unsubscribe();
      if (!local.ok || !local.value.ok) throw new Error(`local run: ${JSON.stringify(local)}`);
      if (!queued.ok || !queued.value.ok) throw new Error(`queued run: ${JSON.stringify(queued)}`);
      const a = local.value.value;
      const b = queued.value.value;
      // Everything but the run's own id and duration: figures, the ranking, every per-date series, correlations.
      const { runId: _ra, durationMs: _da, ...sameLocal } = a;
      const { runId: _rb, durationMs: _db, ...sameQueued } = b;
      expect(b.factors).toHaveLength(FACTORS.length);
      expect(b.correlation?.names).toHaveLength(FACTORS.length);
      expect(b.factors.some((f) => f.meanIC !== null)).toBe(true);
      expect(sameQueued).toEqual(sameLocal);
      // One job per factor here (fewer factors than jobs per run), each run on the worker once.
      const jobs = Math.min(FACTORS.length, FACTOR_JOBS_PER_RUN);
      const completed = worker.events.filter((e) => e.kind === 'completed').map((e) => e.jobId);
      expect(completed).toHaveLength(jobs);
      expect(new Set(completed).size).toBe(jobs);
      const steps = progress.filter((p) => p.job === 'factors:team');
      expect(steps.map((p) => p.done)).toEqual(FACTORS.map((_, i) => i + 1));
      expect(steps.every((p) => p.total === FACTORS.length)).toBe(true);
      // Stored like a local run.
      expect((await listFactorRuns(ws.market)).map((r) => r.runId)).toContain(b.runId);

      // factors.compute on the queue stores the very values the local engines store (under other names, so each is seen).
      const expressions = [
        { expression: 'rank(delta(close, 5))', name: 'x' },
        { expression: 'neutralize(zscore(ts_mean(volume, 10)), sector)', name: 'y' },
      ];
      const named = (prefix: string) => expressions.map((e) => ({ ...e, name: `${prefix}_${e.name}` }));
      const localCompute = await ws.dispatch('factors.compute', { factors: named('here') });
      const queuedCompute = await ws.dispatch('factors.compute', { factors: named('team'), on: 'queue' });
      expect(localCompute).toMatchObject({ ok: true, value: { ok: true } });
      expect(queuedCompute).toMatchObject({ ok: true, value: { ok: true, value: { factors: ['team_x', 'team_y'] } } });
      const rows = (r: unknown) => (r as { value: { value: { rows: number } } }).value.value.rows;
      expect(rows(queuedCompute)).toBeGreaterThan(0);
      expect(rows(queuedCompute)).toBe(rows(localCompute));
      for (const symbol of await ws.market.listSymbols('1D')) {
        for (const e of expressions) {
          const here = await readFactorValues(ws.market, `here_${e.name}`, symbol, '1D');
          expect(await readFactorValues(ws.market, `team_${e.name}`, symbol, '1D'), `${e.name} ${symbol}`).toEqual(here);
        }
      }
      expect(worker.events.filter((e) => e.kind === 'completed')).toHaveLength(jobs + expressions.length);

      worker.child.kill('SIGTERM');
      await waitFor(() => worker.child.exitCode !== null, 'worker stopped', 60_000);
      expect(worker.child.exitCode).toBe(0);
    }, 300_000);

    it("refuses a worker's malformed answer, stores nothing, and removes the run's other queued jobs", async () => {
      const before = (await listFactorRuns(ws.market)).length;
      // A worker that answers every job with a well-encoded result that is not an analysis (its figures and series missing).
      let answered = 0;
      const liar: Worker = openWorker(
        store,
        async () => {
          answered += 1;
          return encodeJob({ ok: true, factors: [{ name: 'MA10', expression: 'x', analysis: { meanIC: 0.1 }, values: null }] });
        },
        { concurrency: 1, lockMs: 30_000 },
      ) as unknown as Worker;
      try {
        const reply = await analyze({ factors: FACTORS, on: 'queue', job: 'liar' });
        expect(reply).toMatchObject({ ok: true, value: { ok: false, error: { code: 'JOB_RESULT_INVALID' } } });
        const error = (reply as unknown as { value: { error: { message: string; job: string } } }).value.error;
        expect(error.message).toContain('factors.0.analysis');
        expect(error.job).toMatch(/\.f\d+$/);
        expect(answered).toBeGreaterThanOrEqual(1);
        expect((await listFactorRuns(ws.market)).length).toBe(before);
        expect((await ws.researchQueue!.queue.getJobCounts('waiting')).waiting).toBe(0);
      } finally {
        await liar.close();
      }
    }, 120_000);

    it('removes the queued jobs of a cancelled analysis', async () => {
      const connection = ws.researchQueue!;
      const done = analyze({ factors: FACTORS, on: 'queue', job: 'to-cancel' });
      await waitFor(async () => (await connection.queue.getJobCounts('waiting')).waiting === FACTORS.length, 'every job queued', 60_000);
      const ids = (await connection.queue.getJobs(['waiting'])).map((j: { id?: string }) => String(j.id));
      expect(await ws.dispatch('factors.cancel', { job: 'to-cancel' })).toMatchObject({ ok: true, value: { cancelled: true } });
      expect(await done).toMatchObject({ ok: true, value: { ok: false, error: { code: 'CANCELLED' } } });
      expect((await connection.queue.getJobCounts('waiting')).waiting).toBe(0);
      for (const id of ids) expect(await connection.queue.getJob(id)).toBeFalsy();
    }, 120_000);

    it('retries a job whose worker is lost mid-job on another worker, and still answers the local report', async () => {
      const request = { factors: FACTORS, horizon: 5, quantiles: 3, correlation: true };
      const local = await analyze(request);
      // A worker that takes one job and is then lost: it stops renewing the job's lock without answering.
      const taken: string[] = [];
      const lost: Worker = openWorker(
        store,
        async (job) => {
          taken.push(String(job.id));
          return new Promise<string>(() => undefined);
        },
        { concurrency: 1, lockMs: 1_000 },
      ) as unknown as Worker;
      const queued = analyze({ ...request, on: 'queue', job: 'lost' });
      await waitFor(() => taken.length === 1, 'the lost worker took a job', 60_000);
      await lost.close(true);
      const worker = await startReadyWorker();
      const reply = await queued;
      if (!local.ok || !local.value.ok) throw new Error(`local run: ${JSON.stringify(local)}`);
      if (!reply.ok || !reply.value.ok) throw new Error(`queued run: ${JSON.stringify(reply)}`);
      const { runId: _ra, durationMs: _da, ...a } = local.value.value;
      const { runId: _rb, durationMs: _db, ...b } = reply.value.value;
      expect(b).toEqual(a);
      // The lost job ran again on the worker that is left, and every job completed there once.
      const completed = worker.events.filter((e) => e.kind === 'completed').map((e) => e.jobId);
      expect(completed).toContain(taken[0]);
      expect(completed).toHaveLength(FACTORS.length);
      expect(new Set(completed).size).toBe(FACTORS.length);
      worker.child.kill('SIGTERM');
      await waitFor(() => worker.child.exitCode !== null, 'worker stopped', 60_000);
    }, 300_000);

    it('nautilus factors ic --on queue prints what the local run prints', async () => {
      const cliDir = mkdtempSync(join(tmpdir(), 'nautilus-factor-queue-cli-'));
      try {
        const cliStore = await MarketStore.open(join(cliDir, DUCKDB_FILE));
        for (const symbol of (await ws.market.listSymbols('1D')).slice(0, 6)) {
          const bars = await ws.market.readBars(symbol, '1D', {});
          const written = await cliStore.writeBars(symbol, '1D', bars);
          if (!written.ok) throw new Error(JSON.stringify(written.error));
        }
        cliStore.close();
        const worker = await startReadyWorker();
        const argv = ['factors', 'ic', '--expr', 'rank(delta(close, 5)) - rank(ts_std(close, 10))', '--quantiles', '3', '--min-symbols', '5', '--workers', '1', '--data-dir', cliDir, '--json'];
        const local = await cli(argv);
        const queued = await cli([...argv, '--on', 'queue', '--redis', store.url]);
        expect(local.code, local.err).toBe(0);
        expect(queued.code, queued.err).toBe(0);
        const { runId: _a, ...a } = JSON.parse(local.out) as Record<string, unknown>;
        const { runId: _b, ...b } = JSON.parse(queued.out) as Record<string, unknown>;
        expect(a.meanIC).toEqual(expect.any(Number));
        expect(b).toEqual(a);
        expect(queued.err).toContain('1/1 ');
        expect(worker.events.filter((e) => e.kind === 'completed')).toHaveLength(1);
        worker.child.kill('SIGTERM');
        await waitFor(() => worker.child.exitCode !== null, 'worker stopped', 60_000);

        const saved = process.env.NAUTILUS_REDIS_URL;
        delete process.env.NAUTILUS_REDIS_URL;
        try {
          const noQueue = await cli([...argv, '--on', 'queue']);
          expect(noQueue.code).toBe(2);
          expect(noQueue.err).toContain('--on queue needs --redis URL');
          const stray = await cli([...argv, '--redis', store.url]);
          expect(stray.code).toBe(2);
          expect(stray.err).toContain('--redis is for --on queue');
        } finally {
          if (saved !== undefined) process.env.NAUTILUS_REDIS_URL = saved;
        }
      } finally {
        rmSync(cliDir, { recursive: true, force: true });
      }
    }, 300_000);

    it('refuses a queued run on a workstation without a research queue', async () => {
      const otherDir = mkdtempSync(join(tmpdir(), 'nautilus-no-queue-'));
      const other = await Workstation.start({ dataDir: otherDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), poolSize: 1, engines: [], syntheticHistory: { seed: 9, years: 1, minuteDays: 1 } });
      try {
        expect(await other.dispatch('factors.analyze', { factors: [{ name: 'MA10' }], on: 'queue' })).toMatchObject({ ok: true, value: { ok: false, error: { code: 'RESEARCH_QUEUE_NOT_CONFIGURED' } } });
      } finally {
        await other.stop();
        rmSync(otherDir, { recursive: true, force: true });
      }
    }, 120_000);
  });
}
