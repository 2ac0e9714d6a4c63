// The bench's WebSocket clients: N sockets, each authenticated and subscribed to every quote, counting what arrives
// in a window and how long each quote took from the server's publish stamp (`data.time`) to its receipt here.
import WebSocket from 'ws';
import { wallClockMs } from './quoteTicks';

export const QUOTES_TOPIC = 'market.quotes.*';
const SUBSCRIPTION_ID = 1;
/** Sockets opening at once: a thousand simultaneous handshakes only measure the accept queue. */
const OPEN_AT_ONCE = 50;
/**
 * One frame in this many is parsed for its quotes' latencies (all of that frame's quotes: the sample stays weighted by
 * quote); the others are only counted. Parsing every frame made the clients' process, not the server, set the pace.
 */
const PARSE_EVERY = 4;
/** An event message's envelope in the frame's bytes: a JSON string cannot hold these quotes unescaped. */
const EVENT_MARK = Buffer.from('"kind":"event"');

export interface FleetTarget {
  readonly url: string;
  /** The subprotocols offered: the API's and the session credential's. */
  readonly protocols: readonly string[];
}

export interface WindowCounts {
  /** The window in wall-clock ms (comparable with the server's publish stamps). */
  readonly from: number;
  readonly to: number;
  readonly seconds: number;
  /** Quote events received (a frame may carry several). */
  readonly events: number;
  readonly frames: number;
  /** Publish → receipt in ms of the quotes in the parsed frames, ascending. */
  readonly latencies: Float64Array;
  /** Sockets that closed during the window. */
  readonly closed: number;
  /** CPU time this (the clients') process used in the window. */
  readonly clientCpuMs: number;
}

interface EventMessage {
  kind?: unknown;
  error?: unknown;
  data?: { time?: unknown };
}

const messagesOf = (data: Buffer): EventMessage[] => [JSON.parse(data.toString('utf8')) as EventMessage | EventMessage[]].flat();

function countEvents(frame: Buffer): number {
  let n = 0;
  for (let at = frame.indexOf(EVENT_MARK); at !== -1; at = frame.indexOf(EVENT_MARK, at + EVENT_MARK.length)) n++;
  return n;
}

export class ClientFleet {
  private readonly sockets: WebSocket[] = [];
  private counting = false;
  private windowStart = 0;
  private windowStartWall = 0;
  private events = 0;
  private frames = 0;
  private closed = 0;

  private samples = new Float64Array(1 << 16);
  private sampled = 0;
  private windowCpu = process.cpuUsage();
  /** A frame that broke the bench's reading of the wire, reported when the window ends (not thrown into ws). */
  private failure: Error | undefined;

  private constructor() {}

  /** Opens `clients` sockets and subscribes each; rejects naming the first socket that failed. */
  static async open(target: FleetTarget, clients: number, progress: (message: string) => void): Promise<ClientFleet> {
    const fleet = new ClientFleet();
    try {
      for (let first = 0; first < clients; first += OPEN_AT_ONCE) {
        const wave = Array.from({ length: Math.min(OPEN_AT_ONCE, clients - first) }, (_, i) => fleet.openOne(target, first + i));
        fleet.sockets.push(...(await Promise.all(wave)));
        if ((first / OPEN_AT_ONCE) % 4 === 3) progress(`${fleet.sockets.length} of ${clients} clients subscribed`);
      }
    } catch (error) {
      fleet.close();
      throw error;
    }
    return fleet;
  }

  private openOne(target: FleetTarget, index: number): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(target.url, [...target.protocols], { perMessageDeflate: false, skipUTF8Validation: true });
      const fail = (why: string) => {
        ws.terminate();
        reject(new Error(`client ${index}: ${why}`));
      };
      ws.once('unexpected-response', (_request, response) => fail(`upgrade refused: ${response.statusCode}`));
      ws.on('error', (error) => fail(error.message));
      ws.once('open', () => ws.send(JSON.stringify({ kind: 'subscribe', id: SUBSCRIPTION_ID, topic: QUOTES_TOPIC })));
      let subscribed = false;
      ws.on('message', (data: Buffer) => {
        const receivedAt = wallClockMs();
        if (!subscribed) {
          const reply = messagesOf(data).find((m) => m.kind === 'subscribed');
          if (!reply) return;
          subscribed = true;
          if (reply.error !== undefined) fail(`subscription refused: ${JSON.stringify(reply.error)}`);
          else resolve(ws);
          return;
        }
        if (!this.counting) return;
        try {
          this.count(data, receivedAt);
        } catch (error) {
          this.failure ??= error as Error;
        }
      });
      ws.once('close', () => {
        if (this.counting) this.closed += 1;
      });
    });
  }

  private count(frame: Buffer, receivedAt: number): void {
    const events = countEvents(frame);
    this.events += events;
    if (this.frames++ % PARSE_EVERY !== 0) return;
    const quotes = messagesOf(frame).filter((m) => m.kind === 'event');
    // The byte count and the parse must agree, or the counting above is wrong for this wire format.
    if (quotes.length !== events) throw new Error(`a frame holds ${quotes.length} events but ${events} event envelopes were counted: ${frame.toString('utf8', 0, 200)}`);
    for (const quote of quotes) {
      const time = quote.data?.time;
      if (typeof time !== 'number') throw new Error(`a quote event without a numeric data.time: ${JSON.stringify(quote).slice(0, 200)}`);
      if (this.sampled === this.samples.length) {
        const grown = new Float64Array(this.samples.length * 2);
        grown.set(this.samples);
        this.samples = grown;
      }
      this.samples[this.sampled++] = receivedAt - time;
    }
  }

  beginWindow(): void {
    this.sampled = 0;
    this.events = 0;
    this.frames = 0;
    this.closed = 0;
    this.windowCpu = process.cpuUsage();
    this.windowStart = performance.now();
    this.windowStartWall = wallClockMs();
    this.counting = true;
  }

  endWindow(): WindowCounts {
    this.counting = false;
    if (this.failure) throw this.failure;
    const to = wallClockMs();
    const seconds = (performance.now() - this.windowStart) / 1_000;
    const cpu = process.cpuUsage(this.windowCpu);
    const latencies = this.samples.slice(0, this.sampled).sort();
    return { from: this.windowStartWall, to, seconds, events: this.events, frames: this.frames, latencies, closed: this.closed, clientCpuMs: (cpu.user + cpu.system) / 1_000 };
  }

  close(): void {
    this.counting = false;
    for (const ws of this.sockets) ws.terminate();
    this.sockets.length = 0;
  }
}
