// Backtest sweeps through the research queue on a real store (Redis; and PostgreSQL through BullMQ's PostgreSQL backend),
// run by two real `nautilus worker` processes, one killed mid-job: every job completes exactly once, the killed job is
// retried on the other worker, and the ranked results equal the same sweep run on the workstation's own engines. A
// cancelled sweep removes its queued jobs; a job id queued twice is one job.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Workstation } from '../../../src/main/workstation';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import { defaultStrategyDirs } from '../../../src/main/strategies/strategyLoader';
import type { BacktestDeps } from '../../../src/main/research/backtestService';
import { runSweep } from '../../../src/main/research/backtestSweep';
import { runSweepOnQueue } from '../../../src/main/team/queuedSweep';
import { sweepJobId, type QueueConnection, type QueueStore } from '../../../src/main/team/researchQueue';
import type { ResearchProgress } from '../../../src/shared/contracts/engines';
import { backtestSweepSchema, type BacktestRunSummary, type BacktestSweepRequest, type WalkForwardSummary } from '../../../src/shared/contracts/backtest';
import { ROOT } from '../../support/builtApp';
import { waitFor } from '../../support/waitFor';
import { httpRequest } from '../headless/headlessClient';
import { startQueueStore, storeUnavailable, type RunningStore, type StoreKind } from './queueStores';

/** sma-cross with deterministic busy work per bar, so a job lasts long enough to be killed in the middle of it. */
const SLOW_STRATEGY = `
import { Sma } from 'nautilus/indicators';
import { CashSleeves, defineStrategy } from 'nautilus/strategy';

export default defineStrategy({
  name: 'slow-cross',
  description: 'sma-cross that also spins on every bar (a heavy strategy, for the queue tests).',
  params: {
    fast: { default: 10, min: 1, max: 500, integer: true, description: 'fast SMA period' },
    slow: { default: 50, min: 2, max: 1000, integer: true, description: 'slow SMA period' },
  },
  create(params, ctx) {
    const fast = new Map(ctx.symbols.map((s) => [s, new Sma(params.fast)]));
    const slow = new Map(ctx.symbols.map((s) => [s, new Sma(params.slow)]));
    const sleeves = new CashSleeves(ctx.symbols, ctx.portfolio.cash());
    let spin = 0;
    return {
      onFill(fill) { sleeves.onFill(fill); },
      onBar(bar) {
        for (let i = 0; i < 400000; i++) spin = (spin + i * 7) % 1000003;
        const f = fast.get(bar.symbol)?.update(bar.close) ?? NaN;
        const sl = slow.get(bar.symbol)?.update(bar.close) ?? NaN;
        if (!(f === f && sl === sl) || spin < 0) return;
        const position = ctx.portfolio.position(bar.symbol);
        const busy = ctx.workingOrders(bar.symbol).length > 0 || ctx.pendingCash(bar.symbol) > 0;
        if (f > sl && position === 0 && !busy) {
          const cash = sleeves.of(bar.symbol);
          if (cash > 0) ctx.buyWithCash(bar.symbol, cash, 'entry');
        } else if (f <= sl && position > 0 && !busy) {
          ctx.submit({ symbol: bar.symbol, side: 'SELL', type: 'MARKET', quantity: position, timeInForce: 'DAY', tag: 'exit' });
        }
      },
    };
  },
});
`;

/** The same with ten times the busy work: one job runs for seconds, several times a worker's one-second lock. */
const LONG_STRATEGY = SLOW_STRATEGY.replace("name: 'slow-cross'", "name: 'long-cross'").replace('i < 400000', 'i < 4000000');

type Event = { kind: string; jobId?: string; attempt?: number; metricsPort?: number | null };

interface WorkerProcess {
  readonly child: ChildProcess;
  readonly events: Event[];
  stderr: string;
  /** Called as each event line is read, before anything else runs: a test can act on a job the moment it starts. */
  onEvent?: (event: Event) => void;
}

function startWorker(store: QueueStore, ...extra: string[]): WorkerProcess {
  const flag = store.kind === 'redis' ? '--redis' : '--postgres';
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/integration/team/workerProcess.ts'), flag, store.url, '--json', '--lock-seconds', '2', ...extra], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const worker: WorkerProcess = { child, events: [], stderr: '' };
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const event = JSON.parse(line) as Event;
    worker.events.push(event);
    worker.onEvent?.(event);
  });
  child.stderr!.on('data', (c) => (worker.stderr += c));
  return worker;
}

const ready = (w: WorkerProcess) => waitFor(() => w.events.some((e) => e.kind === 'ready') || w.child.exitCode !== null, 'worker ready', 60_000);
const idsOf = (w: WorkerProcess, kind: string) => w.events.filter((e) => e.kind === kind).map((e) => e.jobId!);
/** What must not depend on where a run ran: its parameters and every figure. */
const comparable = (runs: readonly BacktestRunSummary[]) => runs.map((r) => ({ params: r.params, finalEquity: r.finalEquity, fills: r.fillCount, trades: r.tradeCount, metrics: r.metrics }));

const KINDS: StoreKind[] = ['redis', 'postgres'];
for (const kind of KINDS) {
  const unavailable = storeUnavailable(kind);
  if (unavailable) console.warn(`research queue on ${kind} skipped: ${unavailable}`);

  describe.skipIf(unavailable !== undefined)(`research queue on ${kind}`, () => {
    let dataDir: string;
    let ws: Workstation;
    let deps: BacktestDeps;
    let running: RunningStore;
    let store: QueueStore;
    let connection: QueueConnection;
    let request: BacktestSweepRequest;
    const workers: WorkerProcess[] = [];

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), `nautilus-queue-${kind}-`));
      mkdirSync(join(dataDir, 'strategies'));
      writeFileSync(join(dataDir, 'strategies', 'slow-cross.ts'), SLOW_STRATEGY);
      writeFileSync(join(dataDir, 'strategies', 'long-cross.ts'), LONG_STRATEGY);
      running = await startQueueStore(kind);
      store = { kind, url: running.url };
      ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), poolSize: 1, engines: ['backtest'], syntheticHistory: { seed: 9, years: 1, minuteDays: 1 }, researchQueue: store });
      await waitFor(() => ws.supervisor.health().every((h) => h.state === 'up'), 'every engine up');
      deps = { store: ws.market, supervisor: ws.supervisor, strategyDirs: defaultStrategyDirs(dataDir), currentLimits: () => ws.trading.core.risk.limits, now: Date.now, sharedMemory: true };
      const symbols = (await ws.market.listSymbols('1D')).filter((s) => !/USD|EUR|GBP|JPY|CHF/.test(s)).slice(0, 2);
      request = backtestSweepSchema.parse({ strategy: 'slow-cross', symbols, grid: { fast: [3, 5, 8], slow: [20, 30] }, rankBy: 'sharpe' });
      connection = ws.researchQueue!;
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

    it('runs a sweep on two workers, survives losing one mid-job, completes every job once, and ranks as the local run', async () => {
      const local = await runSweep(deps, request);
      if (!local.ok) throw new Error(JSON.stringify(local.error));
      expect(local.value.runs).toHaveLength(6);

      const a = startWorker(store);
      const b = startWorker(store, '--metrics-port', '0');
      workers.push(a, b);
      await Promise.all([ready(a), ready(b)]);
      expect(a.child.exitCode, a.stderr).toBeNull();
      expect(b.child.exitCode, b.stderr).toBeNull();

      // A machine lost in the middle of a job: killed as its first "started" line is read. (Polling for a started job
      // not yet completed raced on a loaded machine: A could finish the job in the store, and be killed before it
      // printed "completed", so no worker ever said it completed that job.)
      let killed: string | undefined;
      a.onEvent = (event) => {
        if (event.kind !== 'started' || killed !== undefined) return;
        killed = event.jobId;
        a.child.kill('SIGKILL');
      };
      const progress: number[] = [];
      const remote = await runSweepOnQueue(deps, connection, request, { onProgress: (done) => progress.push(done) });
      if (!remote.ok) throw new Error(JSON.stringify(remote.error));

      expect(killed, 'worker A was killed while holding a job').toBeDefined();
      expect(a.child.signalCode).toBe('SIGKILL');
      expect(remote.value.failed).toEqual([]);
      expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
      const ids = [0, 1, 2, 3, 4, 5].map((i) => sweepJobId(remote.value.sweepId, i));
      // Exactly once: every job completed, by one worker, one time. (The sweep reads a job's result from the store,
      // maybe before the worker's 'completed' line is read here.)
      await waitFor(() => idsOf(a, 'completed').length + idsOf(b, 'completed').length >= ids.length, "the workers' completed lines", 30_000);
      const completed = [...idsOf(a, 'completed'), ...idsOf(b, 'completed')];
      expect([...completed].sort()).toEqual([...ids].sort());
      expect(idsOf(a, 'completed')).not.toContain(killed);
      expect(idsOf(b, 'started')).toContain(killed);
      expect(idsOf(b, 'completed')).toContain(killed);
      // Same ranking, same figures as the workstation's own engines.
      expect(comparable(remote.value.runs)).toEqual(comparable(local.value.runs));
      // Stored like a local sweep: six runs under the sweep's id.
      const stored = await ws.dispatch('backtest.runs', {});
      expect(stored.ok && (stored.value as BacktestRunSummary[]).filter((r) => remote.value.runs.some((x) => x.runId === r.runId))).toHaveLength(6);

      // Results are idempotent per job id: queuing a finished job's id again changes nothing.
      const before = await connection.queue.getJobCounts('completed', 'waiting');
      const again = await connection.queue.add('backtest', { payload: 'ignored' }, { jobId: killed! });
      expect(again.id).toBe(killed);
      expect(await connection.queue.getJobCounts('completed', 'waiting')).toEqual(before);
      expect(String((await connection.queue.getJob(killed!))!.returnvalue)).not.toBe('ignored');

      // The surviving worker's metrics count what it finished.
      const port = b.events.find((e) => e.kind === 'ready')!.metricsPort!;
      const metrics = (await httpRequest(port, '/metrics')).body;
      expect(metrics).toContain(`nautilus_research_jobs_completed_total{queue="nautilus-research",outcome="completed"} ${idsOf(b, 'completed').length}`);
      expect(metrics).toMatch(/nautilus_research_jobs_waiting\{queue="nautilus-research"\} 0/);
      b.child.kill('SIGTERM');
      await waitFor(() => b.child.exitCode !== null, 'worker B stopped', 30_000);
      expect(b.child.exitCode).toBe(0);
    }, 240_000);

    it('removes the queued jobs of a cancelled sweep', async () => {
      const abort = new AbortController();
      let sweepJobs: string[] = [];
      const done = runSweepOnQueue(deps, connection, request, { signal: abort.signal });
      await waitFor(async () => (await connection.queue.getJobCounts('waiting')).waiting === 6, 'six jobs queued', 30_000);
      sweepJobs = (await connection.queue.getJobs(['waiting'])).map((j: { id?: string }) => String(j.id));
      abort.abort();
      expect(await done).toMatchObject({ ok: false, error: { code: 'BACKTEST_CANCELLED' } });
      expect((await connection.queue.getJobCounts('waiting')).waiting).toBe(0);
      for (const id of sweepJobs) expect(await connection.queue.getJob(id)).toBeFalsy();
    }, 60_000);

    it('sends a sweep from the workstation API to the queue, with progress as jobs finish', async () => {
      const worker = startWorker(store, '--concurrency', '2');
      workers.push(worker);
      await ready(worker);
      const progress: ResearchProgress[] = [];
      const unsubscribe = ws.bus.subscribe('research.progress', (p) => progress.push(p as ResearchProgress));
      const reply = await ws.dispatch('backtest.sweep', { strategy: 'slow-cross', symbols: request.symbols, grid: { fast: [3, 5], slow: [20] }, on: 'queue', job: 'team-sweep' });
      unsubscribe();
      expect(reply).toMatchObject({ ok: true, value: { ok: true, value: { failed: [] } } });
      const sweep = (reply as { value: { value: { runs: BacktestRunSummary[] } } }).value.value;
      expect(sweep.runs.map((r) => r.params)).toHaveLength(2);
      expect(progress.filter((p) => p.job === 'backtest:team-sweep').map((p) => [p.done, p.total])).toEqual([
        [1, 2],
        [2, 2],
      ]);
      // Both ran on the worker, none on the workstation's engines.
      expect(idsOf(worker, 'completed')).toHaveLength(2);
    }, 120_000);

    it('runs a job lasting several lock periods once: the job never blocks the loop that renews its lock', async () => {
      for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
      const worker = startWorker(store, '--lock-seconds', '1');
      workers.push(worker);
      await ready(worker);
      const started = Date.now();
      const reply = await ws.dispatch('backtest.sweep', { strategy: 'long-cross', symbols: request.symbols, grid: { fast: [3], slow: [20] }, on: 'queue', job: 'long-job' });
      const elapsedMs = Date.now() - started;
      expect(reply).toMatchObject({ ok: true, value: { ok: true, value: { failed: [] } } });
      expect(elapsedMs, 'the job outlasts three lock periods, or this test proves nothing').toBeGreaterThan(3_000);
      expect(worker.events.filter((e) => e.kind === 'started')).toHaveLength(1);
      expect(idsOf(worker, 'completed')).toHaveLength(1);
      expect(idsOf(worker, 'failed')).toEqual([]);
    }, 180_000);

    it("runs a walk-forward's in-sample grids on the queue: the same windows, best parameters and out-of-sample figures as on the local engines", async () => {
      for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
      const worker = startWorker(store, '--concurrency', '2');
      workers.push(worker);
      await ready(worker);
      const walk = { strategy: 'slow-cross', symbols: request.symbols, grid: { fast: [3, 5], slow: [20] }, inSample: 100, outOfSample: 50 };
      const local = await ws.dispatch('backtest.walkForward', walk);
      const progress: ResearchProgress[] = [];
      const unsubscribe = ws.bus.subscribe('research.progress', (p) => progress.push(p as ResearchProgress));
      const queued = await ws.dispatch('backtest.walkForward', { ...walk, on: 'queue', job: 'team-walk' });
      unsubscribe();
      type Reply = { ok: true; value: { ok: true; value: WalkForwardSummary } };
      expect(local).toMatchObject({ ok: true, value: { ok: true, value: { failed: [] } } });
      expect(queued).toMatchObject({ ok: true, value: { ok: true, value: { failed: [] } } });
      const a = (local as Reply).value.value;
      const b = (queued as Reply).value.value;
      const windowsOf = (s: WalkForwardSummary) => s.windows.map((w) => ({ index: w.index, inSample: w.inSample, outOfSample: w.outOfSample, best: w.bestParams, metric: w.inSampleMetric, runs: w.inSampleRunIds.length, oos: w.outOfSampleRun.metrics }));
      expect(b.windows.length).toBeGreaterThanOrEqual(2);
      expect(windowsOf(b)).toEqual(windowsOf(a));
      expect(b.outOfSampleMetrics).toEqual(a.outOfSampleMetrics);
      // Every in-sample run ran on the worker (two combinations per window); progress counted each job and each test.
      expect(idsOf(worker, 'completed')).toHaveLength(2 * b.windows.length);
      const steps = progress.filter((p) => p.job === 'backtest:team-walk');
      expect(steps.at(-1)).toMatchObject({ done: 3 * b.windows.length, total: 3 * b.windows.length });
    }, 180_000);
  });
}
