// `nautilus worker`: a research worker on any machine that reaches the queue, running backtest, factor and model-training jobs.
import { assertNever } from '../../core/model/assert';
import { DEFAULT_LOCK_MS, queueStoreOf, type QueueStore } from '../../main/team/researchQueue';
import { startResearchWorker, type WorkerEvent } from '../../main/team/researchWorker';
import { parseCommandArgs, parsePort } from '../args';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand, type CliIO } from '../command';

const usage = `nautilus worker [--redis URL | --postgres URL] [--concurrency 1] [--lock-seconds ${DEFAULT_LOCK_MS / 1000}] [--metrics-port P] [--json]

Takes backtest, factor analysis and model-training fold jobs from the team's research queue (BullMQ) and runs them;
as many workers as you like, anywhere.
  --redis         the queue's Redis, e.g. redis://:password@redis:6379 (default: $NAUTILUS_REDIS_URL)
  --postgres      or keep the queue in the team's PostgreSQL (BullMQ's PostgreSQL backend) instead of Redis
  --concurrency   jobs run at once (default 1; a job uses one core)
  --lock-seconds  how long a job this worker holds survives it going silent before another worker retries it
  --metrics-port  serve Prometheus /metrics (queue depth, jobs finished) and /health/live on 0.0.0.0:P
  --json          one JSON line per job event on stdout ({"kind","jobId",…}) instead of sentences on stderr
Stops on SIGINT/SIGTERM after the jobs in hand finish.`;

const describe = (event: WorkerEvent): string => {
  switch (event.kind) {
    case 'started':
      return `started ${event.jobId} (attempt ${event.attempt})`;
    case 'completed':
      return `completed ${event.jobId}`;
    case 'failed':
      return `failed ${event.jobId}: ${event.reason}`;
    default:
      return assertNever(event, 'worker event');
  }
};

export async function runWorker(argv: readonly string[], io: CliIO, signal?: AbortSignal): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    redis: { type: 'string' },
    postgres: { type: 'string' },
    concurrency: { type: 'string' },
    'lock-seconds': { type: 'string' },
    'metrics-port': { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (!parsed.ok) return io.err(`nautilus worker: ${parsed.error}\n\n${usage}\n`), EXIT_USAGE;
  const { values } = parsed.value;
  if (values.help) return io.out(`${usage}\n`), EXIT_OK;
  const fail = (message: string) => (io.err(`nautilus worker: ${message}\n`), EXIT_USAGE);

  if (values.redis !== undefined && values.postgres !== undefined) return fail('give --redis or --postgres, not both');
  const url = (values.postgres as string | undefined) ?? (values.redis as string | undefined) ?? process.env.NAUTILUS_REDIS_URL;
  if (!url) return fail('no queue: give --redis URL (or set NAUTILUS_REDIS_URL), or --postgres URL');
  const store = queueStoreOf(url);
  if (!store.ok) return fail(store.error);
  if (values.postgres !== undefined && store.value.kind !== 'postgres') return fail('--postgres needs a postgres:// URL');
  if (values.postgres === undefined && store.value.kind !== 'redis') return fail('--redis needs a redis:// or rediss:// URL');
  const concurrency = Number(values.concurrency ?? 1);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) return fail(`--concurrency must be a whole number from 1 to 256, got "${values.concurrency}"`);
  const lockSeconds = Number(values['lock-seconds'] ?? DEFAULT_LOCK_MS / 1000);
  if (!Number.isFinite(lockSeconds) || lockSeconds < 1 || lockSeconds > 3600) return fail(`--lock-seconds must be from 1 to 3600, got "${values['lock-seconds']}"`);
  const metricsPort = parsePort(values['metrics-port'] as string | undefined, '--metrics-port');
  if (!metricsPort.ok) return fail(metricsPort.error);

  const json = values.json === true;
  const emit = (event: WorkerEvent) => (json ? io.out(`${JSON.stringify(event)}\n`) : io.err(`${describe(event)}\n`));
  const queue: QueueStore = store.value;
  let worker;
  try {
    worker = await startResearchWorker({
      store: queue,
      concurrency,
      lockMs: Math.round(lockSeconds * 1000),
      onEvent: emit,
      ...(metricsPort.value !== undefined ? { metricsPort: metricsPort.value, metricsHost: '0.0.0.0' } : {}),
    });
  } catch (error) {
    io.err(`nautilus worker: cannot reach the ${queue.kind} queue: ${(error as Error).message}\n`);
    return EXIT_FAILURE;
  }
  io.err(`research worker on ${queue.kind} (${concurrency} at a time${worker.metricsPort !== undefined ? `, metrics on :${worker.metricsPort}` : ''})\n`);
  if (json) io.out(`${JSON.stringify({ kind: 'ready', store: queue.kind, concurrency, metricsPort: worker.metricsPort ?? null })}\n`);
  await new Promise<void>((done) => {
    signal?.addEventListener('abort', () => done(), { once: true });
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
  io.err('stopping after the jobs in hand…\n');
  await worker.close();
  return EXIT_OK;
}

export const workerCommand: CliCommand = {
  name: 'worker',
  summary: 'run a research worker taking backtest, factor and model-training jobs from the team queue (Redis or PostgreSQL)',
  usage,
  run: (argv, io) => runWorker(argv, io),
};
