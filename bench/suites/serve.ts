// The team server under many clients (issue 17): N WebSocket clients, each authenticated and subscribed to every quote,
// on the real headless host in its own process, against a bare `ws` broadcaster as the ceiling in the same run; then
// the sync's rows/s into PostgreSQL against a raw COPY (the `sync` suite), skipped when PostgreSQL is not installed.
import { API_SUBPROTOCOL, SESSION_PATH, SESSION_SUBPROTOCOL_PREFIX } from '../../src/shared/contracts/wire';
import { POSTGRES_SKIP_REASON, postgresBinDir } from '../../tests/support/postgresServer';
import type { BenchFigure, BenchOptions, BenchSuite } from '../harness';
import { percentile } from '../harness';
import { ClientFleet } from '../serve/clientFleet';
import type { ServerKind } from '../serve/hostProtocol';
import { SERVE_BENCH_FLAGS, serveBenchConfig, type ServeBenchConfig } from '../serve/serveBenchConfig';
import { serveFigures, type ServerWindow } from '../serve/serveFigures';
import { ServerProcess } from '../serve/serverProcess';
import { syncSuite } from './sync';

/** Between the server listening and its idle memory being read. */
const SETTLE_MS = 2_000;
const MEMORY_READINGS = 3;
const MEMORY_READING_GAP_MS = 500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A browser's way in: the one-time launch token for a session credential, offered beside the API's subprotocol. */
async function sessionProtocols(port: number, token: string): Promise<string[]> {
  const reply = await fetch(`http://127.0.0.1:${port}${SESSION_PATH}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  if (reply.status !== 200) throw new Error(`the session exchange answered ${reply.status}: ${await reply.text()}`);
  const { session } = (await reply.json()) as { session?: unknown };
  if (typeof session !== 'string') throw new Error('the session exchange answered no session credential');
  return [API_SUBPROTOCOL, `${SESSION_SUBPROTOCOL_PREFIX}${session}`];
}

/** The median of a few readings: a whole workstation's resident memory moves by tens of MB on its own (engine threads,
 *  DuckDB, the allocator returning pages), more than a single reading can tell from the clients' share. */
async function memoryOf(server: ServerProcess): Promise<{ rss: number; heap: number }> {
  const readings = [];
  for (let i = 0; i < MEMORY_READINGS; i++) {
    if (i > 0) await sleep(MEMORY_READING_GAP_MS);
    readings.push(await server.ask({ type: 'memory' }, 'memory'));
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  return { rss: median(readings.map((r) => r.rss)), heap: median(readings.map((r) => r.heap)) };
}

/** One server in its own process under `config.clients` clients: what its window measured. */
export async function measureServer(kind: ServerKind, config: ServeBenchConfig, progress: (message: string) => void): Promise<ServerWindow> {
  progress(`starting the ${kind} server…`);
  const { server, ready } = await ServerProcess.start(kind, config);
  let fleet: ClientFleet | undefined;
  try {
    // Idle: listening and publishing, with no client, once startup's garbage is collected and its heap has settled.
    await sleep(SETTLE_MS);
    const idle = await memoryOf(server);
    const protocols = kind === 'workstation' ? await sessionProtocols(ready.port, ready.token) : [API_SUBPROTOCOL];
    fleet = await ClientFleet.open({ url: `ws://127.0.0.1:${ready.port}/api`, protocols }, config.clients, progress);
    progress(`${config.clients} clients subscribed; warming up ${config.warmupSeconds} s, then measuring ${config.seconds} s`);
    await sleep(config.warmupSeconds * 1_000);
    await server.ask({ type: 'window-start' }, 'window-started');
    fleet.beginWindow();
    await sleep(config.seconds * 1_000);
    const counts = fleet.endWindow();
    const end = await server.ask({ type: 'window-end', from: counts.from, to: counts.to }, 'window-ended');
    const loaded = await memoryOf(server);
    const window: ServerWindow = {
      ...counts,
      published: end.published,
      cpuMs: end.cpuMs,
      serverMs: end.elapsedMs,
      serverClients: end.clients,
      loopDelayP99Ms: end.loopDelayP99Ms,
      loopDelayMaxMs: end.loopDelayMaxMs,
      rssIdle: idle.rss,
      rssLoaded: loaded.rss,
      heapIdle: idle.heap,
      heapLoaded: loaded.heap,
    };
    const p = (q: number) => percentile(window.latencies, q).toFixed(2);
    progress(
      `${kind}: ${Math.round(window.events / window.seconds).toLocaleString('en-US')} msg/s, latency p50 ${p(50)} p99 ${p(99)} max ${p(100)} ms, ` +
        `server event loop late by p99 ${window.loopDelayP99Ms.toFixed(1)} max ${window.loopDelayMaxMs.toFixed(1)} ms, ${window.serverClients} clients at the end, ${window.closed} closed`,
    );
    return window;
  } finally {
    fleet?.close();
    await server.stop();
  }
}

export const serveSuite: BenchSuite = {
  name: 'serve',
  summary: 'quotes fanned out to N WebSocket clients by the headless host vs a bare ws broadcaster; sync rows/s vs COPY',
  flags: SERVE_BENCH_FLAGS,
  checkFlags(flags) {
    const config = serveBenchConfig(flags, false);
    return config.ok ? undefined : config.error;
  },
  async run(options: BenchOptions): Promise<BenchFigure[]> {
    const config = serveBenchConfig(options.flags ?? {}, options.quick);
    if (!config.ok) throw new Error(config.error);
    const ours = await measureServer('workstation', config.value, options.progress);
    const bare = await measureServer('bare', config.value, options.progress);
    const figures = serveFigures(config.value, ours, bare);
    if (!postgresBinDir()) {
      options.progress(`sync to PostgreSQL skipped: ${POSTGRES_SKIP_REASON}`);
      return figures;
    }
    return [...figures, ...(await syncSuite.run({ quick: options.quick, progress: options.progress }))];
  },
};
