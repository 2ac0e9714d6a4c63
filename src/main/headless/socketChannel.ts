// One browser WebSocket: frames in and out for its ApiSession, with the outgoing buffer bounded. A client that reads
// slowly gets conflated market data and its further requests wait (its socket is paused); one that stops reading
// while reliable messages pile up is closed with a reason instead of growing the backend's memory.
import type { WebSocket } from 'ws';
import type { ServerMessage } from '../../shared/contracts/wire';
import { createApiSession } from '../api/apiSession';
import type { Dispatch } from '../api/dispatcher';
import { deliveryClassOf, type MessageBus } from '../bus/messageBus';
import { encodeFrameBytes } from './frameEncoding';

/** Above this many unsent bytes market data conflates and the client's requests wait until it reads. */
export const OUTGOING_SOFT_LIMIT_BYTES = 1024 * 1024;
/** Above this many, a reliable message cannot be queued: the client is closed (memory per socket stays bounded). */
export const OUTGOING_HARD_LIMIT_BYTES = 32 * 1024 * 1024;
/** Calls one client may have running; more wait in its socket until replies go out. */
export const MAX_CALLS_IN_FLIGHT = 64;
/** Policy violation (RFC 6455 §7.4.1): the client does not read what it asked for. */
export const CLOSE_NOT_READING = 1008;
/** A closed socket whose peer never reads is destroyed after this, freeing its buffer. */
const CLOSE_GRACE_MS = 1_000;

export interface SocketChannelOptions {
  dispatch: Dispatch;
  bus: MessageBus;
  marketIntervalMs: number;
  log: (level: 'info' | 'warn', message: string) => void;
}

export interface SocketChannelStats {
  readonly bufferedBytes: number;
  readonly peakBufferedBytes: number;
  readonly paused: boolean;
  readonly droppedMarketEvents: number;
}

export interface SocketChannel {
  stats(): SocketChannelStats;
}

const isConflatedEvent = (m: ServerMessage) => m.kind === 'event' && deliveryClassOf(m.topic) === 'conflated';
/** The frames are UTF-8 JSON handed over as bytes (shared by the sockets a fan-out reaches): they go out as text. */
const TEXT_FRAME = { binary: false } as const;
/** A socket's flush runs as a reaction to this: a microtask like queueMicrotask's, without the async resource Node
 *  makes for each of those (a fan-out queues one flush per socket per turn). */
const settled = Promise.resolve();

export function attachSocketChannel(ws: WebSocket, options: SocketChannelOptions): SocketChannel {
  let outbox: ServerMessage[] = [];
  /** Messages read but not yet handed to the session: at most what one read of the socket held. */
  const waiting: unknown[] = [];
  let peak = 0;
  let dropped = 0;
  let closing = false;

  const busy = () => ws.bufferedAmount > OUTGOING_SOFT_LIMIT_BYTES || session.callsInFlight() >= MAX_CALLS_IN_FLIGHT;

  /**
   * Hands the client's messages to the session only while its replies flow and few of its calls run; otherwise
   * they wait, and its socket is paused so the rest waits in the client's own buffers.
   */
  const regulate = () => {
    if (closing) return;
    try {
      while (waiting.length > 0 && !busy()) session.receive(waiting.shift());
    } catch (error) {
      // A bug in handling one message must not escape into ws (an uncaught exception ends the process).
      options.log('warn', `websocket message failed: ${(error as Error)?.message ?? String(error)}`);
    }
    if (waiting.length > 0 || busy()) {
      if (!ws.isPaused) ws.pause();
    } else if (ws.isPaused) ws.resume();
  };

  const closeNotReading = () => {
    closing = true;
    const reason = `client not reading: over ${OUTGOING_HARD_LIMIT_BYTES / 1024 / 1024} MiB unsent`;
    options.log('warn', `websocket closed (${CLOSE_NOT_READING}): ${reason}`);
    ws.close(CLOSE_NOT_READING, reason);
    setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
  };

  // Everything sent within one turn goes out as one frame (an array when there are several).
  const flush = () => {
    const batch = outbox;
    outbox = [];
    if (closing || ws.readyState !== ws.OPEN || batch.length === 0) return;
    if (ws.bufferedAmount > OUTGOING_HARD_LIMIT_BYTES) {
      // Market data is only ever the latest value: drop it. Anything else cannot be dropped, so the client goes.
      const reliable = batch.filter((m) => !isConflatedEvent(m)).length;
      dropped += batch.length - reliable;
      if (reliable > 0) closeNotReading();
      return;
    }
    const bytes = encodeFrameBytes(batch);
    // A write's completion can only matter to regulate when the socket already holds unsent bytes, is paused or has
    // messages waiting, or when this frame alone could cross the soft limit: writes that start an empty buffer with a
    // small frame skip the callback (and its deferred call per socket per frame, a fan-out's hot path). Any write
    // queued behind unsent bytes has one, so the socket is resumed once what it holds drains, as before.
    const watch = ws.bufferedAmount > 0 || ws.isPaused || waiting.length > 0 || bytes.length > OUTGOING_SOFT_LIMIT_BYTES;
    ws.send(bytes, TEXT_FRAME, watch ? regulate : undefined);
    peak = Math.max(peak, ws.bufferedAmount);
    regulate();
  };

  const session = createApiSession({
    dispatch: options.dispatch,
    bus: options.bus,
    send: (message: ServerMessage) => {
      if (outbox.push(message) === 1) void settled.then(flush);
    },
    ready: () => ws.bufferedAmount < OUTGOING_SOFT_LIMIT_BYTES,
    marketIntervalMs: options.marketIntervalMs,
    onBadMessage: (reason) => options.log('warn', `bad message from the browser: ${reason}`),
  });

  ws.on('message', (data, isBinary) => {
    if (isBinary) return options.log('warn', 'binary websocket frame ignored');
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch (error) {
      return options.log('warn', `websocket frame is not JSON: ${(error as Error).message}`);
    }
    waiting.push(parsed);
    regulate();
  });
  ws.on('close', () => {
    closing = true;
    waiting.length = 0;
    session.close();
  });
  ws.on('error', (error) => options.log('warn', `websocket: ${error.message}`));

  return {
    stats: () => ({ bufferedBytes: ws.bufferedAmount, peakBufferedBytes: peak, paused: ws.isPaused, droppedMarketEvents: dropped }),
  };
}
