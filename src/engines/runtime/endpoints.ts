// Comlink endpoints over the two kinds of port an engine can get: Node's worker MessagePort and
// Electron's MessagePortMain (Node-style events, queues until start(), transfers only ports).
import type { Endpoint } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';

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

export function workerPortEndpoint(port: WorkerPortLike): Endpoint {
  return nodeEndpoint(port as never);
}

/** A port object (MessagePortMain or a web MessagePort), as opposed to an ArrayBuffer. */
const isPort = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && typeof (value as { postMessage?: unknown }).postMessage === 'function';

type Listener = EventListenerOrEventListenerObject;

export function messagePortMainEndpoint(port: MessagePortMainLike): Endpoint {
  const wrapped = new WeakMap<Listener, (event: { data: unknown }) => void>();
  return {
    // ArrayBuffers cannot be transferred into a utility process: structured clone copies them instead.
    postMessage: (message: unknown, transfer: Transferable[] = []) => port.postMessage(message, transfer.filter(isPort)),
    addEventListener: (_type: string, listener: Listener) => {
      const forward = (event: { data: unknown }) => {
        const synthetic = { data: event.data } as MessageEvent;
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
    // MessagePortMain queues messages until started.
    start: () => port.start(),
  };
}
