// A research worker's engines: per kind of job (backtest, factors, ml), one engine instance per concurrent job, each
// taken by one job at a time, started before the worker takes any job and restarted by the supervisor on a crash.
import type * as Comlink from 'comlink';
import type { EngineBase } from '../../engines/runtime/engineContract';
import { engineInstances } from '../../engines/registry';
import type { EngineLauncher } from '../engine-host/launcher';
import { EngineSupervisor } from '../engine-host/supervisor';

/** The engine modules research jobs run on. */
export const RESEARCH_ENGINES = ['backtest', 'factors', 'ml'] as const;
export type ResearchEngine = (typeof RESEARCH_ENGINES)[number];

export interface WorkerEngines {
  /** Runs `fn` on a free engine of `module` (waiting for one), which no other job uses meanwhile. */
  use<T extends EngineBase, R>(module: ResearchEngine, fn: (engine: Comlink.Remote<T>) => Promise<R>): Promise<R>;
  /** Resolves once every engine is up: jobs are taken only then. */
  ready(timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

export function startWorkerEngines(concurrency: number, launcher: EngineLauncher): WorkerEngines {
  const instances = engineInstances(RESEARCH_ENGINES, concurrency);
  // A loaded machine can take long to start an engine thread; a job must never fail for that.
  const supervisor = new EngineSupervisor({ launcher, engines: instances, onHealth: () => undefined, startTimeoutMs: 60_000, callWaitMs: 120_000 });
  supervisor.start();
  const free = new Map<string, string[]>(RESEARCH_ENGINES.map((m) => [m, supervisor.instancesOf(m)]));
  const waiting = new Map<string, Array<(name: string) => void>>(RESEARCH_ENGINES.map((m) => [m, []]));
  const release = (module: ResearchEngine, name: string) => {
    const next = waiting.get(module)!.shift();
    if (next) next(name);
    else free.get(module)!.push(name);
  };
  return {
    async use(module, fn) {
      const name = free.get(module)!.pop() ?? (await new Promise<string>((resolve) => waiting.get(module)!.push(resolve)));
      try {
        return await supervisor.call(name, fn);
      } finally {
        release(module, name);
      }
    },
    async ready(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!supervisor.health().every((h) => h.state === 'up')) {
        if (Date.now() > deadline) throw new Error(`the research engines did not start within ${timeoutMs / 1000} s: ${JSON.stringify(supervisor.health())}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    stop: () => supervisor.stop(),
  };
}
