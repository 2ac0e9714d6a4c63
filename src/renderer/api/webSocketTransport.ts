// The browser transport: the API over one WebSocket, reconnecting with backoff and resubscribing after. A refused
// credential stops the reconnecting and says what to do; a backend that is merely away is retried until it is back.
import { isMethodName, workstationContract } from '../../shared/contracts/api';
import { apiError, validationError, type ApiError } from '../../shared/contracts/errors';
import { createMessageTransport, type MessageTransport } from '../../shared/contracts/messageTransport';
import { API_SUBPROTOCOL, MAX_CLIENT_FRAME_BYTES, REOPEN_LAUNCH_URL, SESSION_SUBPROTOCOL_PREFIX, type ClientMessage, type ServerMessage } from '../../shared/contracts/wire';
import type { BrowserSession } from './browserSession';

/** `unauthorized`: the backend refused this page's credential (e.g. it restarted): reconnecting alone cannot help. */
export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'unauthorized';

const MAX_RETRY_MS = 5_000;

/** A call too large for one frame: name the field when the schema can, else the size. */
function frameTooLarge(message: ClientMessage, bytes: number): ApiError {
  if (message.kind === 'call' && isMethodName(message.method)) {
    const parsed = workstationContract[message.method].input.safeParse(message.input ?? {});
    if (!parsed.success) return validationError(parsed.error, 'input');
  }
  const what = message.kind === 'call' ? message.method : message.kind;
  return apiError('FRAME_TOO_LARGE', `${what}: a message of ${bytes} bytes exceeds the ${MAX_CLIENT_FRAME_BYTES}-byte frame limit`, { bytes, max: MAX_CLIENT_FRAME_BYTES });
}

function byteLength(text: string): number {
  return text.length * 3 <= MAX_CLIENT_FRAME_BYTES ? text.length : new TextEncoder().encode(text).length;
}

export function createWebSocketTransport(url: string, session: BrowserSession, onState: (state: ConnectionState, detail?: string) => void): MessageTransport {
  let socket: WebSocket | undefined;
  let handler: (message: ServerMessage | readonly ServerMessage[]) => void = () => undefined;
  const outbox: string[] = [];
  let retryMs = 250;
  /** Set once the credential is refused: nothing more is sent until the page is opened again. */
  let refusedCredential = false;

  const transport = createMessageTransport({
    send(message) {
      if (refusedCredential) return apiError('UNAUTHORIZED', REOPEN_LAUNCH_URL);
      const text = JSON.stringify(message);
      const bytes = byteLength(text);
      if (bytes > MAX_CLIENT_FRAME_BYTES) return frameTooLarge(message, bytes);
      if (socket?.readyState === WebSocket.OPEN) socket.send(text);
      else outbox.push(text);
    },
    onMessage(h) {
      handler = h;
    },
  });

  const retry = (detail: string) => {
    onState('disconnected', detail);
    setTimeout(() => void connect(true), retryMs);
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  };
  const refused = (detail: string = REOPEN_LAUNCH_URL) => {
    refusedCredential = true;
    transport.failPending('the backend refused this page’s credential');
    outbox.length = 0;
    onState('unauthorized', detail);
  };

  async function connect(reconnecting: boolean): Promise<void> {
    onState('connecting');
    const credential = await session.credential();
    if (!credential.ok) return credential.check === 'refused' ? refused(credential.detail) : retry(credential.detail);
    const ws = new WebSocket(url, [API_SUBPROTOCOL, `${SESSION_SUBPROTOCOL_PREFIX}${credential.value}`]);
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      retryMs = 250;
      onState('connected');
      if (reconnecting) transport.resubscribe();
      for (const text of outbox.splice(0)) ws.send(text);
    };
    ws.onmessage = (event) => {
      try {
        handler(JSON.parse(String(event.data)) as ServerMessage | ServerMessage[]);
      } catch (error) {
        console.error('bad message from the backend', error);
      }
    };
    ws.onerror = () => undefined; // always followed by close, which decides what to do
    ws.onclose = (event) => {
      transport.failPending('the connection to the backend closed');
      outbox.length = 0;
      const detail = event.code === 1006 ? 'connection lost' : `closed (${event.code}${event.reason ? `: ${event.reason}` : ''})`;
      if (opened) return retry(detail);
      // Never opened: a browser does not say why, so ask whether the credential is still good.
      void session.check().then((check) => (check === 'refused' ? refused() : retry(detail)));
    };
  }

  void connect(false);
  return transport;
}
