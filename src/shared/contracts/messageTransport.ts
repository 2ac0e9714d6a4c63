// The client half of the wire protocol over any message pipe (WebSocket, Electron IPC): ids, replies, subscriptions.
// Panels that follow the same topic share one subscription: the backend refuses a topic twice on one connection.
import { apiError, type ApiError } from './errors';
import type { ApiTransport } from './client';
import type { CallReply, ClientMessage, ServerMessage } from './wire';

export interface MessagePipe {
  /** Sends a message; returns an error instead when it cannot be sent at all (e.g. larger than a frame). */
  send(message: ClientMessage): ApiError | void;
  /** Registers the one handler for messages from the backend (one, or a batch sent in one frame). */
  onMessage(handler: (message: ServerMessage | readonly ServerMessage[]) => void): void;
}

export interface MessageTransport extends ApiTransport {
  /** Fails every call in flight (the pipe closed); subscriptions are kept for resubscribe(). */
  failPending(reason: string): void;
  /** Sends every live subscription again, e.g. after a reconnect. */
  resubscribe(): void;
}

interface TopicSubscription {
  readonly id: number;
  readonly topic: string;
  readonly listeners: Set<(data: unknown) => void>;
}

export function createMessageTransport(pipe: MessagePipe): MessageTransport {
  let nextId = 1;
  const calls = new Map<number, (reply: CallReply) => void>();
  const byTopic = new Map<string, TopicSubscription>();
  const byId = new Map<number, TopicSubscription>();

  const forget = (subscription: TopicSubscription) => {
    byTopic.delete(subscription.topic);
    byId.delete(subscription.id);
  };

  const receive = (message: ServerMessage) => {
    if (message.kind === 'result') {
      const settle = calls.get(message.id);
      calls.delete(message.id);
      settle?.(message.ok ? { ok: true, value: message.value } : { ok: false, error: message.error });
    } else if (message.kind === 'event') {
      const subscription = byId.get(message.id);
      if (subscription) for (const listener of [...subscription.listeners]) listener(message.data);
    } else if (message.kind === 'subscribed' && message.error) {
      const subscription = byId.get(message.id);
      console.error(`subscription to ${subscription?.topic ?? message.id} refused: ${message.error.message}`);
      if (subscription) forget(subscription);
    }
  };
  pipe.onMessage((message) => {
    if (Array.isArray(message)) for (const m of message) receive(m);
    else receive(message as ServerMessage);
  });

  return {
    call(method, input) {
      const id = nextId++;
      return new Promise<CallReply>((resolve) => {
        calls.set(id, resolve);
        const refused = pipe.send({ kind: 'call', id, method, input });
        if (refused) {
          calls.delete(id);
          resolve({ ok: false, error: refused });
        }
      });
    },
    subscribe(topic, onEvent) {
      let subscription = byTopic.get(topic);
      if (!subscription) {
        subscription = { id: nextId++, topic, listeners: new Set() };
        byTopic.set(topic, subscription);
        byId.set(subscription.id, subscription);
        pipe.send({ kind: 'subscribe', id: subscription.id, topic });
      }
      const shared = subscription;
      // A wrapper per call, so the same function subscribed twice is two listeners, each removed by its own call.
      const listener = (data: unknown) => onEvent(data);
      shared.listeners.add(listener);
      return () => {
        if (!shared.listeners.delete(listener) || shared.listeners.size > 0 || byId.get(shared.id) !== shared) return;
        forget(shared);
        pipe.send({ kind: 'unsubscribe', id: shared.id });
      };
    },
    failPending(reason) {
      for (const settle of calls.values()) settle({ ok: false, error: apiError('DISCONNECTED', reason) });
      calls.clear();
    },
    resubscribe() {
      for (const { id, topic } of byTopic.values()) pipe.send({ kind: 'subscribe', id, topic });
    },
  };
}
