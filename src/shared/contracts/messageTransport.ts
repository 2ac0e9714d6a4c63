// The client half of the wire protocol over any message pipe (WebSocket, Electron IPC): ids, replies, subscriptions.
import { apiError } from './errors';
import type { ApiTransport } from './client';
import type { CallReply, ClientMessage, ServerMessage } from './wire';

export interface MessagePipe {
  send(message: ClientMessage): void;
  /** Registers the one handler for messages from the backend (one, or a batch sent in one frame). */
  onMessage(handler: (message: ServerMessage | readonly ServerMessage[]) => void): void;
}

export interface MessageTransport extends ApiTransport {
  /** Fails every call in flight (the pipe closed); subscriptions are kept for resubscribe(). */
  failPending(reason: string): void;
  /** Sends every live subscription again, e.g. after a reconnect. */
  resubscribe(): void;
}

export function createMessageTransport(pipe: MessagePipe): MessageTransport {
  let nextId = 1;
  const calls = new Map<number, (reply: CallReply) => void>();
  const subscriptions = new Map<number, { topic: string; onEvent: (data: unknown) => void }>();

  const receive = (message: ServerMessage) => {
    if (message.kind === 'result') {
      const settle = calls.get(message.id);
      calls.delete(message.id);
      settle?.(message.ok ? { ok: true, value: message.value } : { ok: false, error: message.error });
    } else if (message.kind === 'event') {
      subscriptions.get(message.id)?.onEvent(message.data);
    } else if (message.kind === 'subscribed' && message.error) {
      console.error(`subscription refused: ${message.error.message}`);
      subscriptions.delete(message.id);
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
        pipe.send({ kind: 'call', id, method, input });
      });
    },
    subscribe(topic, onEvent) {
      const id = nextId++;
      subscriptions.set(id, { topic, onEvent });
      pipe.send({ kind: 'subscribe', id, topic });
      return () => {
        if (subscriptions.delete(id)) pipe.send({ kind: 'unsubscribe', id });
      };
    },
    failPending(reason) {
      for (const settle of calls.values()) settle({ ok: false, error: apiError('DISCONNECTED', reason) });
      calls.clear();
    },
    resubscribe() {
      for (const [id, { topic }] of subscriptions) pipe.send({ kind: 'subscribe', id, topic });
    },
  };
}
