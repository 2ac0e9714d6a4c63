// Spreads independent tasks across every instance of an engine module: each instance takes the next task when it
// is free, so fast and slow tasks balance; a task whose engine dies is given to another instance.
import type * as Comlink from 'comlink';
import type { EngineBase } from '../../engines/runtime/engineContract';
import { EngineUnavailableError, type EngineSupervisor } from './supervisor';

export interface PoolOptions {
  /** Attempts per task before its failure is final (an engine crash mid-task counts as one). */
  readonly attempts?: number;
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Calls kept in flight per instance (default 1). With 2, an engine finds its next task already queued when it
   * answers one, instead of idling for the round trip while this thread handles the answer and sends the next.
   */
  readonly inFlight?: number;
}

/** `items` cut into consecutive groups of at most `size` (the last may be shorter). */
export function inGroups<I>(items: readonly I[], size: number): I[][] {
  if (!(size >= 1)) throw new Error(`group size must be at least 1, got ${size}`);
  const groups: I[][] = [];
  for (let i = 0; i < items.length; i += size) groups.push(items.slice(i, i + size));
  return groups;
}

export async function runOnPool<T extends EngineBase, I, R>(
  supervisor: EngineSupervisor,
  instances: readonly string[],
  items: readonly I[],
  /** `lane` (0 … instances × inFlight − 1) runs one task at a time: state kept per lane is never shared by two calls. */
  work: (engine: Comlink.Remote<T>, item: I, lane: number) => Promise<R>,
  options: PoolOptions = {},
): Promise<R[]> {
  if (instances.length === 0) throw new Error('runOnPool needs at least one engine instance');
  const attempts = options.attempts ?? 3;
  const results = new Array<R>(items.length);
  const queue = items.map((_, index) => ({ index, tries: 0 }));
  let done = 0;

  const worker = async (instance: string, lane: number) => {
    for (let task = queue.shift(); task; task = queue.shift()) {
      try {
        results[task.index] = await supervisor.call<T, R>(instance, (engine) => work(engine, items[task!.index] as I, lane));
        options.onProgress?.(++done, items.length);
      } catch (error) {
        task.tries += 1;
        if (!(error instanceof EngineUnavailableError) || task.tries >= attempts) throw error;
        queue.push(task); // another instance (or this one, restarted) takes it
      }
    }
  };
  const lanes = Math.max(1, Math.floor(options.inFlight ?? 1));
  await Promise.all(instances.flatMap((instance, i) => Array.from({ length: lanes }, (_, l) => worker(instance, i * lanes + l))));
  return results;
}
