// Runs each engine in a worker_thread, connected by its own MessageChannel (the headless host's engine host).
import { pathToFileURL } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import { workerPortEndpoint } from '../../engines/runtime/endpoints';
import { CONNECT_MESSAGE } from '../../engines/runtime/engineContract';
import { resolveEngineEntry } from '../engine-host/engineEntry';
import type { EngineLauncher, LaunchedEngine } from '../engine-host/launcher';

/** Worker threads ignore `--import tsx` for their entry; registering tsx's hooks first, then importing, works. */
function typescriptBootstrap(file: string): string {
  const api = JSON.stringify(import.meta.resolve?.('tsx/esm/api') ?? 'tsx/esm/api');
  const entry = JSON.stringify(pathToFileURL(file).href);
  return `import(${api}).then(({ register }) => { register(); return import(${entry}); })
    .catch((error) => { console.error(error); process.exit(70); });`;
}

export function createWorkerEngineLauncher(resolve = resolveEngineEntry): EngineLauncher {
  return {
    launch(name: string): LaunchedEngine {
      const entry = resolve(name);
      const worker = entry.typescript
        ? new Worker(typescriptBootstrap(entry.file), { eval: true, name: `engine:${name}` })
        : new Worker(entry.file, { name: `engine:${name}` });
      const { port1, port2 } = new MessageChannel();
      worker.postMessage({ type: CONNECT_MESSAGE, port: port2 }, [port2]);
      let exitReason: string | undefined;
      worker.on('error', (error) => {
        exitReason = `crashed: ${error.message}`;
      });
      const listeners: Array<(reason: string) => void> = [];
      worker.once('exit', (code) => {
        port1.close();
        const reason = exitReason ?? `exited with code ${code}`;
        for (const listener of listeners) listener(reason);
      });
      return {
        endpoint: workerPortEndpoint(port1),
        onExit: (listener) => listeners.push(listener),
        kill: () => void worker.terminate(),
      };
    },
  };
}
