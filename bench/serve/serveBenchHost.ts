// The server half of `nautilus bench serve`, forked into its own process so that its CPU and memory are its own:
// `workstation` starts the real headless host (the same startHeadlessHost as `nautilus serve`) on a temp data dir and
// publishes the bench's quotes on its bus; `bare` is the ceiling, a plain `ws` server that encodes each tick's quotes
// once and writes them to every socket (no auth, no bus, no session). The parent drives it over the IPC channel.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { assertNever } from '../../src/core/model/assert';
import type { Quote } from '../../src/core/model/marketData';
import { startHeadlessHost } from '../../src/main/headless/headlessHost';
import { startQuoteTicks, type QuoteTicks } from './quoteTicks';
import { SERVER_KINDS, hostRequestSchema, type HostReply, type ServerKind } from './hostProtocol';

const [kind, rateText, tickText] = process.argv.slice(2) as [ServerKind, string, string];
if (!SERVER_KINDS.includes(kind) || !(Number(rateText) > 0) || !(Number(tickText) > 0)) {
  throw new Error(`usage: serveBenchHost.ts ${SERVER_KINDS.join('|')} QUOTES_PER_SECOND TICK_MS (got ${process.argv.slice(2).join(' ')})`);
}
const send = (reply: HostReply) => process.send?.(reply);
const ENGINES_UP_TIMEOUT_MS = 60_000;
const dir = mkdtempSync(join(tmpdir(), 'nautilus-bench-serve-'));

interface Running {
  readonly port: number;
  readonly token: string;
  clients(): number;
  stop(): Promise<void>;
}

/** The very quotes the bus delivers, as the API's event messages: `{ kind, id, topic, data }`. */
const eventOf = (id: number, quote: Quote) => ({ kind: 'event', id, topic: `market.quotes.${quote.symbol}`, data: quote });

async function startWorkstation(publish: (run: (quotes: readonly Quote[]) => void) => QuoteTicks): Promise<Running> {
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>bench</title>');
  const host = await startHeadlessHost({ dataDir: join(dir, 'data'), host: '127.0.0.1', port: 0, rendererDir, syntheticHistory: false });
  // Engines start after the host listens: memory is measured once they are all up, so it is not counted as the clients'.
  for (let waited = 0; waited < ENGINES_UP_TIMEOUT_MS && host.workstation.supervisor.health().some((h) => h.state !== 'up'); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // The synthetic market's own timer publishes quotes stamped with its feed clock; the bench's replace them.
  host.workstation.live.stop();
  const ticks = publish((quotes) => {
    for (const quote of quotes) host.workstation.live.publish(quote);
  });
  return {
    port: host.server.port,
    token: host.token,
    clients: () => host.server.clientCount(),
    async stop() {
      ticks.stop();
      await host.stop();
    },
  };
}

async function startBare(publish: (run: (quotes: readonly Quote[]) => void) => QuoteTicks): Promise<Running> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  /** Subscribed sockets by the subscription id they chose (the bench's clients all choose the same). */
  const subscribed = new Map<number, Set<WebSocket>>();
  server.on('connection', (ws) => {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { kind?: string; id?: number };
      if (message.kind !== 'subscribe' || typeof message.id !== 'number') return;
      const id = message.id;
      const group = subscribed.get(id) ?? new Set<WebSocket>();
      subscribed.set(id, group.add(ws));
      ws.once('close', () => group.delete(ws));
      ws.send(JSON.stringify({ kind: 'subscribed', id }));
    });
  });
  const ticks = publish((quotes) => {
    for (const [id, group] of subscribed) {
      const events = quotes.map((q) => eventOf(id, q));
      const frame = JSON.stringify(events.length === 1 ? events[0] : events);
      for (const ws of group) ws.send(frame);
    }
  });
  const { port } = server.address() as { port: number };
  return {
    port,
    token: '',
    clients: () => server.clients.size,
    async stop() {
      ticks.stop();
      for (const ws of server.clients) ws.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** After a full GC: the process's resident memory, and this isolate's heap in use plus its off-heap buffers. */
const memory = () => {
  global.gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed + m.external };
};

let ticks: QuoteTicks | undefined;
const publish = (run: (quotes: readonly Quote[]) => void) => (ticks = startQuoteTicks({ ratePerSecond: Number(rateText), tickMs: Number(tickText), publish: run }));
const running = await (kind === 'workstation' ? startWorkstation(publish) : startBare(publish));
let window = { cpu: process.cpuUsage(), start: performance.now() };
/** How late the server's event loop ran its callbacks in the window: what a quote waits behind, besides the sockets. */
const loopDelay = monitorEventLoopDelay({ resolution: 10 });

process.on('message', (raw) => {
  const parsed = hostRequestSchema.safeParse(raw);
  if (!parsed.success) return void process.stderr.write(`bench host: bad request ${JSON.stringify(raw)}: ${parsed.error.message}\n`);
  const request = parsed.data;
  switch (request.type) {
    case 'memory':
      return send({ type: 'memory', ...memory() });
    case 'window-start':
      window = { cpu: process.cpuUsage(), start: performance.now() };
      loopDelay.reset();
      loopDelay.enable();
      return send({ type: 'window-started' });
    case 'window-end': {
      const cpu = process.cpuUsage(window.cpu);
      loopDelay.disable();
      const delay = { loopDelayP99Ms: loopDelay.percentile(99) / 1e6, loopDelayMaxMs: loopDelay.max / 1e6 };
      const published = ticks?.publishedBetween(request.from, request.to) ?? 0;
      return send({ type: 'window-ended', cpuMs: (cpu.user + cpu.system) / 1_000, elapsedMs: performance.now() - window.start, published, clients: running.clients(), ...delay });
    }
    case 'quit':
      void running.stop().finally(() => {
        rmSync(dir, { recursive: true, force: true });
        process.exit(0);
      });
      return;
    default:
      return assertNever(request, 'bench host request');
  }
});
// An orphan (the bench was interrupted) stops too, and leaves no temp dir behind.
process.once('disconnect', () => {
  rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
send({ type: 'ready', port: running.port, token: running.token });
