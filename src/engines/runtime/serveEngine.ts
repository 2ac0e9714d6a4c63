// Engine-side bootstrap: wait for the host's port (worker thread or Electron utility process), expose the engine on it.
import * as Comlink from 'comlink';
import { parentPort as workerParent } from 'node:worker_threads';
import { messagePortMainEndpoint, workerPortEndpoint, type MessagePortMainLike, type WorkerPortLike } from './endpoints';
import { CONNECT_MESSAGE } from './engineContract';

/** Electron's `process.parentPort`, present only inside a utility process. */
interface ParentPortLike {
  once(event: 'message', listener: (event: { data: unknown; ports: MessagePortMainLike[] }) => void): void;
}

/** Every ArrayBuffer under `value` (typed arrays in objects and arrays, a few levels deep), each once. */
export function buffersIn(value: unknown, found = new Set<ArrayBuffer>(), depth = 0): Set<ArrayBuffer> {
  if (depth > 4 || value === null || typeof value !== 'object') return found;
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer && value.byteLength === value.buffer.byteLength) found.add(value.buffer);
    return found;
  }
  for (const item of Array.isArray(value) ? value : Object.values(value)) buffersIn(item, found, depth + 1);
  return found;
}

/**
 * Typed arrays in an engine's results travel back as transfers (moved, not copied) where the port allows it:
 * copying them is work for the backend's thread, which would make a pool of engines no faster than one.
 */
function transferringResults<T extends object>(engine: T): T {
  return new Proxy(engine, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const result = await value.apply(target, args);
        const buffers = buffersIn(result);
        return buffers.size > 0 ? Comlink.transfer(result, [...buffers]) : result;
      };
    },
  });
}

export function serveEngine<T extends object>(engine: T): void {
  const exposed = transferringResults(engine);
  const electronParent = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
  if (electronParent) {
    electronParent.once('message', (event) => {
      const port = event.ports[0];
      if (!port) throw new Error('engine started without a port');
      Comlink.expose(exposed, messagePortMainEndpoint(port));
      port.start();
    });
    return;
  }
  if (!workerParent) throw new Error('an engine entry must run in a worker thread or an Electron utility process');
  workerParent.once('message', (message: { type?: string; port?: WorkerPortLike }) => {
    if (message?.type !== CONNECT_MESSAGE || !message.port) throw new Error('engine expected its port first');
    Comlink.expose(exposed, workerPortEndpoint(message.port));
  });
}
