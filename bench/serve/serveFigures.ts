// The `serve` suite's figures from what one window measured on our server and on the bare `ws` ceiling.
import { percentile, type BenchFigure } from '../harness';
import type { ServeBenchConfig } from './serveBenchConfig';

/** One server's window: what the clients counted and what the server process reported about itself. */
export interface ServerWindow {
  readonly seconds: number;
  readonly events: number;
  readonly frames: number;
  /** Publish → receipt, ms, ascending. */
  readonly latencies: Float64Array;
  /** Sockets that closed during the window, and those the server still held at its end. */
  readonly closed: number;
  readonly serverClients: number;
  /** How late the server's event loop ran (p99, max), ms: a quote waits behind whatever blocks it. */
  readonly loopDelayP99Ms: number;
  readonly loopDelayMaxMs: number;
  /** Quotes the server published in the window (each offered to every client). */
  readonly published: number;
  /** CPU time of the whole server process over `serverMs` of its own clock, spanning the window. */
  readonly cpuMs: number;
  readonly serverMs: number;
  /** Server resident memory after a GC (median of a few readings): listening and publishing with no client, and at
   *  the window's end. */
  readonly rssIdle: number;
  readonly rssLoaded: number;
  /** The main isolate's heap in use plus off-heap buffers after a GC, likewise. */
  readonly heapIdle: number;
  readonly heapLoaded: number;
  /** CPU time of the clients' own process in the window: near a whole core, the clients set the pace, not the server. */
  readonly clientCpuMs: number;
}

export const CEILING = 'bare ws server, same clients and quotes (no auth, no bus, each tick encoded once)';
export const GOAL_MESSAGES_PER_SECOND = 50_000;
export const GOAL_P99_MS = 50;

/** ours / peer (or peer / ours where less is better), only when both are positive and finite. */
function ratioOf(ours: number, peer: number, lessIsBetter: boolean): number | undefined {
  const r = lessIsBetter ? peer / ours : ours / peer;
  return Number.isFinite(r) && r > 0 ? r : undefined;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function serveFigures(config: ServeBenchConfig, ours: ServerWindow, bare: ServerWindow): BenchFigure[] {
  const measures: Array<{ name: string; unit: string; lessIsBetter: boolean; digits: number; of: (w: ServerWindow) => number; percentiles?: boolean }> = [
    { name: `quotes delivered per second to ${config.clients} clients (goal ≥ ${GOAL_MESSAGES_PER_SECOND.toLocaleString('en-US')})`, unit: 'msg/s', lessIsBetter: false, digits: 0, of: (w) => w.events / w.seconds },
    { name: `delivery latency p99, server publish → client receipt (goal < ${GOAL_P99_MS} ms)`, unit: 'ms', lessIsBetter: true, digits: 2, of: (w) => percentile(w.latencies, 99), percentiles: true },
    { name: 'server event-loop delay p99 in the window', unit: 'ms', lessIsBetter: true, digits: 2, of: (w) => w.loopDelayP99Ms },
    { name: `quotes delivered / offered (${config.rate} published per second × clients)`, unit: 'fraction', lessIsBetter: false, digits: 4, of: (w) => w.events / (w.published * config.clients) },
    { name: 'frames delivered per second (a frame carries one or more quotes)', unit: 'frames/s', lessIsBetter: false, digits: 0, of: (w) => w.frames / w.seconds },
    { name: 'server RSS per client ((with clients − idle) / clients)', unit: 'KiB', lessIsBetter: true, digits: 1, of: (w) => (w.rssLoaded - w.rssIdle) / config.clients / 1024 },
    { name: 'server heap per client (V8 heap used + external after GC, (with − idle) / clients)', unit: 'KiB', lessIsBetter: true, digits: 1, of: (w) => (w.heapLoaded - w.heapIdle) / config.clients / 1024 },
    { name: 'server CPU while streaming (whole process)', unit: '% of a core', lessIsBetter: true, digits: 1, of: (w) => (w.cpuMs / w.serverMs) * 100 },
    { name: 'the clients’ own process CPU (the measuring side)', unit: '% of a core', lessIsBetter: true, digits: 1, of: (w) => (w.clientCpuMs / (w.seconds * 1_000)) * 100 },
    { name: 'clients still connected at the window’s end', unit: 'clients', lessIsBetter: false, digits: 0, of: (w) => w.serverClients },
  ];
  return measures.map((m) => {
    const value = m.of(ours);
    const peerValue = m.of(bare);
    const ratio = ratioOf(value, peerValue, m.lessIsBetter);
    return {
      suite: 'serve',
      name: m.name,
      value: round(value, m.digits),
      unit: m.unit,
      ...(m.percentiles ? { p50: round(percentile(ours.latencies, 50), 2), p99: round(percentile(ours.latencies, 99), 2) } : {}),
      peer: CEILING,
      peerValue: round(peerValue, m.digits),
      ...(ratio !== undefined ? { ratio: round(ratio, 4) } : {}),
    };
  });
}
