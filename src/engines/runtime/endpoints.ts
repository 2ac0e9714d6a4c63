// Comlink endpoints over the two kinds of port an engine can get: Node's worker MessagePort and
// Electron's MessagePortMain (Node-style events, queues until start(), transfers only ports).
import type { Endpoint } from 'comlink';

/** The part of Node's worker_threads MessagePort that comlink needs. */
export interface WorkerPortLike {
  postMessage(message: unknown, transfer?: readonly unknown[]): void;
  on(event: 'message', listener: (data: unknown) => void): unknown;
  off(event: 'message', listener: (data: unknown) => void): unknown;
  start?(): void;
  close(): void;
}

/** The part of Electron's MessagePortMain that comlink needs (checked against electron.d.ts in src/main/electron). */
export interface MessagePortMainLike {
  postMessage(message: unknown, transfer?: unknown[]): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  off(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  start(): void;
  close(): void;
}

type Listener = Parameters<Endpoint['addEventListener']>[1];
type Transfer = NonNullable<Parameters<Endpoint['postMessage']>[1]>;

/** Adapts a port whose listeners get `data` (Node) or `{ data }` (Electron) to comlink's web-style listeners. */
function eventPortEndpoint<E>(
  port: { on(event: 'message', l: (e: E) => void): unknown; off(event: 'message', l: (e: E) => void): unknown },
  dataOf: (event: E) => unknown,
  post: (message: unknown, transfer: Transfer) => void,
  start: () => void,
): Endpoint {
  const wrapped = new WeakMap<Listener, (event: E) => void>();
  return {
    postMessage: (message: unknown, transfer: Transfer = []) => post(message, transfer),
    addEventListener: (_type: string, listener: Listener) => {
      const forward = (event: E) => {
        const synthetic = { data: dataOf(event) } as MessageEvent;
        if (typeof listener === 'function') listener(synthetic);
        else listener.handleEvent(synthetic);
      };
      wrapped.set(listener, forward);
      port.on('message', forward);
    },
    removeEventListener: (_type: string, listener: Listener) => {
      const forward = wrapped.get(listener);
      if (forward) port.off('message', forward);
      wrapped.delete(listener);
    },
    start,
  };
}

export function workerPortEndpoint(port: WorkerPortLike): Endpoint {
  return eventPortEndpoint<unknown>(
    port,
    (data) => data,
    (message, transfer) => port.postMessage(message, transfer),
    () => port.start?.(),
  );
}

/** A port object (MessagePortMain or a web MessagePort), as opposed to an ArrayBuffer. */
const isPort = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && typeof (value as { postMessage?: unknown }).postMessage === 'function';

export function messagePortMainEndpoint(port: MessagePortMainLike): Endpoint {
  return eventPortEndpoint<{ data: unknown }>(
    port,
    (event) => event.data,
    // ArrayBuffers cannot be transferred into a utility process: structured clone copies them instead.
    (message, transfer) => port.postMessage(message, transfer.filter(isPort)),
    // MessagePortMain queues messages until started.
    () => port.start(),
  );
}
