// A research worker: takes research jobs from the queue (backtests, universe factor analyses, model training folds),
// checks each job read from the store, runs it on the workstation's own engine of its kind in a worker thread (one per
// concurrent job), and answers with the encoded result.
// The job never runs on this process's event loop: that loop renews the job's lock in the store, and a backtest that
// held it longer than the lock would count as lost and be run again elsewhere. Its /metrics report the queue's depth
// (what the autoscaler scales on) and the jobs it finished.
import { createServer, type Server } from 'node:http';
import { UnrecoverableError, type Job } from 'bullmq';
import { Counter, Gauge, Registry } from 'prom-client';
import type { BacktestEngine, BacktestJobError } from '../../engines/backtest/backtestEngine';
import type { BacktestResult } from '../../core/backtest';
import type { Result } from '../../core/model/result';
import { createWorkerEngineLauncher } from '../headless/workerEngineLauncher';
import type { EngineLauncher } from '../engine-host/launcher';
import { runFactorJob } from './factorJobRunner';
import { runMlJob } from './mlJobRunner';
import { decodeJob, encodeJob } from './jobCodec';
import { RESEARCH_QUEUE, backtestJobSchema, openQueue, openWorker, type BacktestJobResult, type QueueStore, type QueuedJobData, type WorkerSettings } from './researchQueue';
import { startWorkerEngines, type WorkerEngines } from './workerEngines';

export type WorkerEvent =
  | { readonly kind: 'started'; readonly jobId: string; readonly attempt: number }
  | { readonly kind: 'completed'; readonly jobId: string }
  | { readonly kind: 'failed'; readonly jobId: string; readonly reason: string };

export interface ResearchWorkerOptions extends WorkerSettings {
  readonly store: QueueStore;
  readonly onEvent?: (event: WorkerEvent) => void;
  /** Serve /metrics and /health/live on this port (0.0.0.0 inside a pod); absent: no HTTP. */
  readonly metricsPort?: number;
  readonly metricsHost?: string;
  /** Where the engines run; worker threads by default. */
  readonly launcher?: EngineLauncher;
}

export interface ResearchWorker {
  readonly metricsPort: number | undefined;
  /** Stops taking jobs, lets the running ones finish, and closes the connections. */
  close(): Promise<void>;
}

/** Runs one decoded backtest job; the worker hands it to a free engine. */
export type BacktestRunner = (job: Parameters<BacktestEngine['run']>[0]) => Promise<Result<BacktestResult, BacktestJobError>>;

export async function runBacktestJob(id: string, decoded: unknown, run: BacktestRunner): Promise<string> {
  const parsed = backtestJobSchema.safeParse(decoded);
  if (!parsed.success) {
    throw new UnrecoverableError(`job ${id} is not a backtest job: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'job'}: ${i.message}`).join('; ')}`);
  }
  const { strategyJs, strategyFile, params, series, config } = parsed.data;
  const result = await run({ strategyJs, strategyFile, params, series, config });
  const answer: BacktestJobResult = result.ok ? { ok: true, result: result.value } : { ok: false, error: { ...result.error, code: result.error.code } };
  return encodeJob(answer);
}

/** Any research job read from the store: decoded, routed by its kind to the engine that runs it; the encoded answer. */
export async function runResearchJob(job: Pick<Job<QueuedJobData>, 'id' | 'data'>, engines: Pick<WorkerEngines, 'use'>): Promise<string> {
  const id = String(job.id);
  let decoded: unknown;
  try {
    decoded = decodeJob(String(job.data?.payload));
  } catch (error) {
    throw new UnrecoverableError(`job ${id}: ${(error as Error).message}`);
  }
  const kind = typeof decoded === 'object' && decoded !== null ? (decoded as { kind?: unknown }).kind : undefined;
  if (kind === 'backtest') return runBacktestJob(id, decoded, (backtest) => engines.use<BacktestEngine, Result<BacktestResult, BacktestJobError>>('backtest', (engine) => engine.run(backtest)));
  if (kind === 'factors') return runFactorJob(id, decoded, (fn) => engines.use('factors', fn));
  if (kind === 'ml') return runMlJob(id, decoded, (fn) => engines.use('ml', fn));
  throw new UnrecoverableError(`job ${id} is of no known kind (backtest, factors, ml): ${JSON.stringify(kind)}`);
}

export async function startResearchWorker(options: ResearchWorkerOptions): Promise<ResearchWorker> {
  const emit = options.onEvent ?? (() => undefined);
  const engines = startWorkerEngines(options.concurrency, options.launcher ?? createWorkerEngineLauncher());
  try {
    await engines.ready(120_000);
  } catch (error) {
    await engines.stop();
    throw error;
  }
  const worker = openWorker(
    options.store,
    async (job) => {
      emit({ kind: 'started', jobId: String(job.id), attempt: job.attemptsStarted });
      return runResearchJob(job, engines);
    },
    options,
  );
  const registry = new Registry();
  const finished = new Counter({ name: 'nautilus_research_jobs_completed_total', help: 'Research jobs this worker finished', labelNames: ['queue', 'outcome'], registers: [registry] });
  worker.on('completed', (job) => {
    finished.inc({ queue: RESEARCH_QUEUE, outcome: 'completed' });
    emit({ kind: 'completed', jobId: String(job.id) });
  });
  worker.on('failed', (job, error) => {
    finished.inc({ queue: RESEARCH_QUEUE, outcome: 'failed' });
    emit({ kind: 'failed', jobId: String(job?.id), reason: error.message });
  });
  worker.on('error', () => undefined); // connection trouble: BullMQ reconnects; the failing job is retried elsewhere
  try {
    await worker.waitUntilReady();
  } catch (error) {
    await engines.stop();
    throw error;
  }

  let server: Server | undefined;
  let queueForCounts: ReturnType<typeof openQueue> | undefined;
  if (options.metricsPort !== undefined) {
    const queue = openQueue(options.store);
    queueForCounts = queue;
    const counts = () => queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    new Gauge({
      name: 'nautilus_research_jobs_waiting',
      help: 'Research jobs queued and not yet taken (waiting, delayed or prioritized)',
      labelNames: ['queue'],
      registers: [registry],
      async collect() {
        const c = await counts();
        this.set({ queue: RESEARCH_QUEUE }, (c.waiting ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0));
      },
    });
    new Gauge({
      name: 'nautilus_research_jobs_active',
      help: 'Research jobs some worker is running',
      labelNames: ['queue'],
      registers: [registry],
      async collect() {
        this.set({ queue: RESEARCH_QUEUE }, (await counts()).active ?? 0);
      },
    });
    server = createServer((request, response) => {
      const path = request.url?.split('?')[0];
      if (path === '/health/live') return void response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"live":true}\n');
      if (path !== '/metrics') return void response.writeHead(404).end();
      registry.metrics().then(
        (body) => response.writeHead(200, { 'Content-Type': registry.contentType }).end(body),
        (error: unknown) => response.writeHead(503, { 'Content-Type': 'text/plain' }).end(`queue unreachable: ${(error as Error).message}\n`),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(options.metricsPort, options.metricsHost ?? '127.0.0.1', () => resolve());
    });
  }
  return {
    metricsPort: server ? (server.address() as { port: number }).port : undefined,
    async close() {
      await worker.close();
      await engines.stop();
      await queueForCounts?.close();
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    },
  };
}
