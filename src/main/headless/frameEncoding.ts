// Server messages to WebSocket frame text, byte for byte what JSON.stringify gives, but with an event's payload encoded
// once per turn however many sockets it goes to: a quote fanned out to 1,000 clients is serialized once, not 1,000 times.
// Sockets handed the same events in one turn (a fan-out to subscribers of one id) share the frame's very bytes.
import type { ServerMessage } from '../../shared/contracts/wire';

/**
 * Payload text by payload object, for the current microtask checkpoint only: the bus hands one payload object to every
 * subscriber synchronously, each socket queues its flush as a microtask then, and the clear is queued behind those
 * flushes by the first encode. A publisher that changes an object and publishes it again in any later callback (even
 * one of the same loop iteration) gets it encoded afresh, so a mutable payload is never sent stale.
 */
const encodedThisTurn = new Map<object, string>();
/** The last frame encoded to bytes this turn and the events it holds (same lifetime as the payload texts). */
let lastFrame: { readonly batch: readonly ServerMessage[]; readonly bytes: Buffer } | undefined;
let clearScheduled = false;

/** Forgets this turn's encodings once the microtasks queued so far (the sockets' flushes) have run. */
function clearAfterThisTurn(): void {
  if (clearScheduled) return;
  clearScheduled = true;
  queueMicrotask(() => {
    clearScheduled = false;
    encodedThisTurn.clear();
    lastFrame = undefined;
  });
}

function encodedPayload(data: object): string | undefined {
  const cached = encodedThisTurn.get(data);
  if (cached !== undefined) return cached;
  const text = JSON.stringify(data) as string | undefined;
  if (text === undefined) return undefined;
  encodedThisTurn.set(data, text);
  clearAfterThisTurn();
  return text;
}

/** The event envelope's keys in the order the API session builds it (and JSON.stringify would write it). */
const EVENT_KEYS = ['kind', 'id', 'topic', 'data'] as const;

function isPlainEvent(message: ServerMessage): message is Extract<ServerMessage, { kind: 'event' }> {
  if (message.kind !== 'event' || typeof message.data !== 'object' || message.data === null) return false;
  // for…in rather than Object.keys: it allocates no array (this runs for every event of every socket's frame). It also
  // walks inherited enumerable keys, which only makes an odd message fall back to JSON.stringify.
  let i = 0;
  for (const key in message) if (key !== EVENT_KEYS[i++]) return false;
  return i === EVENT_KEYS.length;
}

export function encodeServerMessage(message: ServerMessage): string {
  if (isPlainEvent(message)) {
    const data = encodedPayload(message.data as object);
    if (data !== undefined) return `{"kind":"event","id":${JSON.stringify(message.id)},"topic":${JSON.stringify(message.topic)},"data":${data}}`;
  }
  return JSON.stringify(message);
}

/** One frame for a turn's messages: the message itself when alone, else their array. */
export function encodeFrame(batch: readonly ServerMessage[]): string {
  if (batch.length === 1) return encodeServerMessage(batch[0] as ServerMessage);
  let text = '[';
  for (let i = 0; i < batch.length; i++) text += (i === 0 ? '' : ',') + encodeServerMessage(batch[i] as ServerMessage);
  return `${text}]`;
}

/** True when `batch` is events with the very envelope fields and payload objects of `encoded` (already checked plain). */
function sameEvents(batch: readonly ServerMessage[], encoded: readonly ServerMessage[]): boolean {
  if (batch.length !== encoded.length) return false;
  for (let i = 0; i < batch.length; i++) {
    const m = batch[i] as ServerMessage;
    const e = encoded[i] as ServerMessage;
    if (m.kind !== 'event' || e.kind !== 'event' || m.id !== e.id || m.topic !== e.topic || m.data !== e.data || !isPlainEvent(m)) return false;
  }
  return true;
}

/**
 * encodeFrame's text as UTF-8 bytes, to send as a text frame. A fan-out hands a thousand sockets the same events in one
 * turn; each after the first gets the first one's Buffer, so the frame is neither built nor converted to UTF-8 again
 * (the socket writes the shared bytes; nothing writes into them). Only all-event batches are shared: a reply is one
 * socket's own.
 */
export function encodeFrameBytes(batch: readonly ServerMessage[]): Buffer {
  if (lastFrame !== undefined && sameEvents(batch, lastFrame.batch)) return lastFrame.bytes;
  const bytes = Buffer.from(encodeFrame(batch));
  if (batch.every(isPlainEvent)) {
    lastFrame = { batch: [...batch], bytes };
    clearAfterThisTurn();
  }
  return bytes;
}
