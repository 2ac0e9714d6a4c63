// Spreads independent tasks across every instance of an engine module: each instance takes the next task when it
// is free, so fast and slow tasks balance; a task whose engine dies is given to another instance.
import type * as Comlink from 'comlink';
import type { EngineBase } from '../../engines/runtime/engineContract';
import { EngineUnavailableError, type EngineSupervisor } from './supervisor';

export interface PoolOptions {
  /** Attempts per task before its failure is final (an engine crash mid-task counts as one). */
  readonly attempts?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export async function runOnPool<T extends EngineBase, I, R>(
  supervisor: EngineSupervisor,
  instances: readonly string[],
  items: readonly I[],
  work: (engine: Comlink.Remote<T>, item: I) => Promise<R>,
  options: PoolOptions = {},
): Promise<R[]> {
  if (instances.length === 0) throw new Error('runOnPool needs at least one engine instance');
  const attempts = options.attempts ?? 3;
  const results = new Array<R>(items.length);
  const queue = items.map((_, index) => ({ index, tries: 0 }));
  let done = 0;

  const worker = async (instance: string) => {
    for (let task = queue.shift(); task; task = queue.shift()) {
      try {
        results[task.index] = await supervisor.call<T, R>(instance, (engine) => work(engine, items[task!.index] as I));
        options.onProgress?.(++done, items.length);
      } catch (error) {
        task.tries += 1;
        if (!(error instanceof EngineUnavailableError) || task.tries >= attempts) throw error;
        queue.push(task); // another instance (or this one, restarted) takes it
      }
    }
  };
  await Promise.all(instances.map(worker));
  return results;
}
