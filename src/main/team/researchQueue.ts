// The research queue's shared vocabulary: where it lives (BullMQ on Redis, or on the team's PostgreSQL through BullMQ's
// PostgreSQL backend), its name, how a job is retried, and the schemas a job and its result are checked against when
// they come back out of the store (nothing read from it is trusted).
import { Queue, QueueEvents, Worker, createPostgresBackend, type Processor } from 'bullmq';
import { z } from 'zod';
import type { BacktestConfig, BacktestResult } from '../../core/backtest';
import type { NodeInstrument } from '../../core/trading/tradingNode';
import { finite } from '../../shared/contracts/schemas';
import { err, ok, type Result } from '../../core/model/result';

export const RESEARCH_QUEUE = 'nautilus-research';

/** A job whose worker dies is retried elsewhere; one that fails this many times is reported failed. */
export const JOB_ATTEMPTS = 3;
/** How long a worker holds a job without renewing its lock before the job counts as lost (stalled) and is retried. */
export const DEFAULT_LOCK_MS = 60_000;

export type QueueStore = { readonly kind: 'redis'; readonly url: string } | { readonly kind: 'postgres'; readonly url: string };

/** The store a URL names: redis:// or rediss:// (BullMQ's own backend), postgres:// or postgresql:// (its PostgreSQL one). */
export function queueStoreOf(url: string): Result<QueueStore, string> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return err(`"${url}" is not a URL (redis://host:6379 or postgres://user@host/db)`);
  }
  if (parsed.protocol === 'redis:' || parsed.protocol === 'rediss:') return ok({ kind: 'redis', url });
  if (parsed.protocol === 'postgres:' || parsed.protocol === 'postgresql:') return ok({ kind: 'postgres', url });
  return err(`"${parsed.protocol}" is not a queue store: use redis://, rediss://, postgres:// or postgresql://`);
}

/** BullMQ's PostgreSQL tables are created (or brought up to date) by whichever side connects first. */
const postgresConnection = (url: string) => ({ connectionString: url, migrate: true });

/** A BullMQ queue on `store`. Redis needs the `ioredis` driver BullMQ loads; PostgreSQL uses `pg`. */
export function openQueue(store: QueueStore): Queue {
  if (store.kind === 'redis') return new Queue(RESEARCH_QUEUE, { connection: { url: store.url, maxRetriesPerRequest: null } });
  return new Queue(RESEARCH_QUEUE, { connection: postgresConnection(store.url) }, createPostgresBackend) as unknown as Queue;
}

export function openQueueEvents(store: QueueStore): QueueEvents {
  if (store.kind === 'redis') return new QueueEvents(RESEARCH_QUEUE, { connection: { url: store.url, maxRetriesPerRequest: null } });
  return new QueueEvents(RESEARCH_QUEUE, { connection: postgresConnection(store.url) }, createPostgresBackend) as unknown as QueueEvents;
}

export interface WorkerSettings {
  readonly concurrency: number;
  readonly lockMs: number;
}

export function openWorker(store: QueueStore, processor: Processor<QueuedJobData, string>, settings: WorkerSettings): Worker<QueuedJobData, string> {
  const options = {
    concurrency: settings.concurrency,
    lockDuration: settings.lockMs,
    stalledInterval: Math.max(500, Math.floor(settings.lockMs / 2)),
    // A job lost this many times more than once is failed rather than retried forever.
    maxStalledCount: JOB_ATTEMPTS,
  };
  if (store.kind === 'redis') return new Worker(RESEARCH_QUEUE, processor, { ...options, connection: { url: store.url, maxRetriesPerRequest: null } });
  return new Worker(RESEARCH_QUEUE, processor, { ...options, connection: postgresConnection(store.url) }, createPostgresBackend) as unknown as Worker<QueuedJobData, string>;
}

/** The workstation's side of the queue: where jobs go, and the events that say they finished. */
export interface QueueConnection {
  readonly queue: Queue<QueuedJobData, string>;
  readonly events: QueueEvents;
  close(): Promise<void>;
}

/** Opens the workstation's side of the queue on `store`; connection trouble is reported (BullMQ keeps reconnecting). */
export function connectQueue(store: QueueStore, onError: (message: string) => void = () => undefined): QueueConnection {
  const queue = openQueue(store) as unknown as Queue<QueuedJobData, string>;
  const events = openQueueEvents(store);
  queue.on('error', (error: Error) => onError(`research queue: ${error.message}`));
  events.on('error', (error: Error) => onError(`research queue events: ${error.message}`));
  return {
    queue,
    events,
    async close() {
      await events.close();
      await queue.close();
    },
  };
}

/** A run sent to the queue on a workstation (or command line) that has none. */
export const queueNotConfigured = (): { readonly code: 'RESEARCH_QUEUE_NOT_CONFIGURED'; readonly message: string } => ({
  code: 'RESEARCH_QUEUE_NOT_CONFIGURED',
  message: 'no research queue is configured (nautilus serve --redis URL, or --redis URL on the command line; NAUTILUS_REDIS_URL by default)',
});

/** What BullMQ stores for a job: the encoded job (see jobCodec), so typed arrays survive exactly. */
export interface QueuedJobData {
  readonly payload: string;
}

const f64 = z.custom<Float64Array>((v) => v instanceof Float64Array, { message: 'must be a Float64Array' });
const barsSchema = z
  .object({ time: f64, open: f64, high: f64, low: f64, close: f64, volume: f64 })
  .strict()
  .refine((b) => [b.open, b.high, b.low, b.close, b.volume].every((c) => c.length === b.time.length), { message: 'bar columns differ in length' });

const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One backtest of a sweep: everything a worker needs, so it reads no other store. */
export const backtestJobSchema = z
  .object({
    kind: z.literal('backtest'),
    // The batch the job belongs to: a sweep's id, or a walk-forward's id and window (`<uuid>.w<n>`).
    sweepId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\.w\d{1,6})?$/i, 'must be a sweep id (a UUID) or a walk-forward window (<UUID>.w<n>)'),
    index: z.number().int().nonnegative(),
    strategyJs: z.string().min(1).max(8_000_000),
    strategyFile: z.string().min(1).max(4096),
    params: z.record(z.string(), finite()),
    series: z.array(z.object({ instrument: z.custom<NodeInstrument>(isObject, { message: 'must be an instrument object' }), bars: barsSchema }).strict()).min(1),
    config: z.custom<BacktestConfig>(isObject, { message: 'must be a backtest config object' }),
  })
  .strict();
export type BacktestJobPayload = z.infer<typeof backtestJobSchema>;

/** A worker's answer: the result, or the business error the run ended with (a strategy's own failure is not retried). */
export const backtestJobResultSchema = z.union([
  z
    .object({
      ok: z.literal(true),
      result: z.custom<BacktestResult>(
        (v) => isObject(v) && Number.isFinite((v as BacktestResult).finalEquity) && isObject((v as BacktestResult).equity) && (v as BacktestResult).equity.equity instanceof Float64Array,
        { message: 'must be a backtest result' },
      ),
    })
    .strict(),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string().regex(/^[A-Z_]+$/), message: z.string().optional() }).passthrough() }).strict(),
]);
export type BacktestJobResult = z.infer<typeof backtestJobResultSchema>;

/** The job id of combination `index` of sweep `sweepId`: the same job is never queued or recorded twice. */
export const sweepJobId = (sweepId: string, index: number): string => `${sweepId}.${index}`;
