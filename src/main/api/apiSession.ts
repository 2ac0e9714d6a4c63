// One connected client (a browser socket or an Electron window): parses its messages, answers calls, streams topics.
import { assertNever } from '../../core/model/assert';
import { apiError, validationError } from '../../shared/contracts/errors';
import { isStreamTopic } from '../../shared/contracts/topics';
import { clientMessageSchema, type CallReply, type ServerMessage } from '../../shared/contracts/wire';
import type { MessageBus } from '../bus/messageBus';
import type { Dispatch } from './dispatcher';

export interface ApiSessionOptions {
  dispatch: Dispatch;
  bus: MessageBus;
  send: (message: ServerMessage) => void;
  /** False while the client's outgoing buffer is full: conflated topics then keep only their latest value. */
  ready?: () => boolean;
  /** A message that is not valid protocol: report it, change nothing. */
  onBadMessage?: (reason: string) => void;
  /**
   * Market data reaches this client at most once per interval per subscription (the latest value per symbol):
   * a person cannot read faster, and a browser parsing 10,000 quotes a second cannot draw.
   */
  marketIntervalMs?: number;
}

export interface ApiSession {
  receive(raw: unknown): void;
  /** Calls received and not yet answered. */
  callsInFlight(): number;
  close(): void;
}

/**
 * Subscriptions one client may hold. The renderer shares one subscription per topic among its panels; 256 covers
 * every reliable topic plus a quote topic for each symbol of a large watchlist, and bounds the fan-out one socket
 * can ask of the bus.
 */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 256;

/** Ready when the client is, and not more often than every `intervalMs` (consulted only for conflated topics). */
function paced(ready: (() => boolean) | undefined, intervalMs: number): () => boolean {
  let nextAt = 0;
  return () => {
    if (ready && !ready()) return false;
    if (intervalMs <= 0) return true;
    const now = Date.now();
    if (now < nextAt) return false;
    nextAt = now + intervalMs;
    return true;
  };
}

export function createApiSession(options: ApiSessionOptions): ApiSession {
  const subscriptions = new Map<number, { topic: string; unsubscribe: () => void }>();
  const topics = new Set<string>();
  let inFlight = 0;
  let closed = false;
  const send = (message: ServerMessage) => {
    if (!closed) options.send(message);
  };

  return {
    receive(raw) {
      if (closed) return;
      const parsed = clientMessageSchema.safeParse(raw);
      if (!parsed.success) {
        const error = validationError(parsed.error, 'message');
        options.onBadMessage?.(error.message);
        const id = (raw as { id?: unknown })?.id;
        if (typeof id === 'number') send({ kind: 'result', id, ok: false, error: apiError('BAD_MESSAGE', error.message, { issues: error.issues }) });
        return;
      }
      const message = parsed.data;
      switch (message.kind) {
        case 'call':
          inFlight += 1;
          void options
            .dispatch(message.method, message.input)
            // The dispatcher answers every failure itself; this only keeps a bug in it from leaving a call unanswered.
            .catch((): CallReply => ({ ok: false, error: apiError('INTERNAL', 'internal error') }))
            .then((reply) => {
              inFlight -= 1;
              send({ kind: 'result', id: message.id, ...reply });
            });
          return;
        case 'subscribe': {
          if (!isStreamTopic(message.topic)) {
            send({ kind: 'subscribed', id: message.id, error: apiError('UNKNOWN_TOPIC', `no stream named ${message.topic}`) });
            return;
          }
          const topic = message.topic;
          if (subscriptions.has(message.id) || topics.has(topic)) {
            const what = topics.has(topic) ? `topic ${topic}` : `subscription id ${message.id}`;
            send({ kind: 'subscribed', id: message.id, error: apiError('DUPLICATE_SUBSCRIPTION', `${what} is already subscribed on this connection`, { topic }) });
            return;
          }
          if (subscriptions.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
            send({
              kind: 'subscribed',
              id: message.id,
              error: apiError('TOO_MANY_SUBSCRIPTIONS', `a connection may hold at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions`, { max: MAX_SUBSCRIPTIONS_PER_CONNECTION }),
            });
            return;
          }
          const unsubscribe = options.bus.subscribe(topic, (data, actual) => send({ kind: 'event', id: message.id, topic: actual, data }), {
            ready: paced(options.ready, options.marketIntervalMs ?? 0),
          });
          subscriptions.set(message.id, { topic, unsubscribe });
          topics.add(topic);
          send({ kind: 'subscribed', id: message.id });
          return;
        }
        case 'unsubscribe': {
          const subscription = subscriptions.get(message.id);
          if (!subscription) return;
          subscription.unsubscribe();
          subscriptions.delete(message.id);
          topics.delete(subscription.topic);
          return;
        }
        default:
          assertNever(message, 'client message');
      }
    },
    callsInFlight: () => inFlight,
    close() {
      closed = true;
      for (const { unsubscribe } of subscriptions.values()) unsubscribe();
      subscriptions.clear();
      topics.clear();
    },
  };
}
