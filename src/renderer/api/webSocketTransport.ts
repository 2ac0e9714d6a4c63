// The browser transport: the API over one WebSocket, reconnecting with backoff and resubscribing after.
import { createMessageTransport, type MessageTransport } from '../../shared/contracts/messageTransport';
import type { ClientMessage, ServerMessage } from '../../shared/contracts/wire';

/** `unauthorized`: the backend refused this page's credential (e.g. it restarted): reconnecting alone cannot help. */
export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'unauthorized';

export function createWebSocketTransport(url: string, onState: (state: ConnectionState, detail?: string) => void): MessageTransport {
  let socket: WebSocket | undefined;
  let handler: (message: ServerMessage | readonly ServerMessage[]) => void = () => undefined;
  const outbox: ClientMessage[] = [];
  let retryMs = 250;

  const transport = createMessageTransport({
    send(message) {
      if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
      else outbox.push(message);
    },
    onMessage(h) {
      handler = h;
    },
  });

  function connect(reconnecting: boolean): void {
    onState('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      onState('connected');
      if (reconnecting) transport.resubscribe();
      for (const message of outbox.splice(0)) ws.send(JSON.stringify(message));
    };
    ws.onmessage = (event) => {
      try {
        handler(JSON.parse(String(event.data)) as ServerMessage | ServerMessage[]);
      } catch (error) {
        console.error('bad message from the backend', error);
      }
    };
    ws.onclose = (event) => {
      onState('disconnected', event.code === 1006 ? 'connection lost' : `closed (${event.code})`);
      transport.failPending('the connection to the backend closed');
      outbox.length = 0;
      setTimeout(() => connect(true), retryMs);
      retryMs = Math.min(retryMs * 2, 5_000);
    };
  }

  connect(false);
  return transport;
}
