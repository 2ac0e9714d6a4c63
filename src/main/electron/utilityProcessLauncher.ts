// Runs each engine in an Electron utility process, handing it one end of a MessageChannelMain.
import type { ForkOptions, MessageChannelMain as MessageChannelMainType, UtilityProcess } from 'electron';
import { messagePortMainEndpoint } from '../../engines/runtime/endpoints';
import { CONNECT_MESSAGE } from '../../engines/runtime/engineContract';
import { resolveEngineEntry } from '../engine-host/engineEntry';
import type { EngineLauncher, LaunchedEngine } from '../engine-host/launcher';

export interface UtilityProcessApi {
  fork(modulePath: string, args: string[], options: ForkOptions): UtilityProcess;
  MessageChannelMain: typeof MessageChannelMainType;
}

export function createUtilityProcessLauncher(electron: UtilityProcessApi, resolve = resolveEngineEntry): EngineLauncher {
  return {
    launch(name: string): LaunchedEngine {
      const entry = resolve(name);
      if (entry.typescript) throw new Error(`engine ${name} is not built: run \`npm run build\``);
      const child = electron.fork(entry.file, [], { serviceName: `Nautilus ${name} engine`, stdio: 'inherit' });
      const { port1, port2 } = new electron.MessageChannelMain();
      child.postMessage({ type: CONNECT_MESSAGE }, [port2]);
      const listeners: Array<(reason: string) => void> = [];
      child.once('exit', (code: number) => {
        port1.close();
        for (const listener of listeners) listener(`exited with code ${code}`);
      });
      return {
        endpoint: messagePortMainEndpoint(port1),
        onExit: (listener) => listeners.push(listener),
        kill: () => void child.kill(),
      };
    },
  };
}
