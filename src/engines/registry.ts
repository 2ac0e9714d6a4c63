// The engines the backend starts. Each module has an entry under src/engines/<name>/entry.ts; a module may run
// as several instances (a pool), named <module>, <module>-2, …

export const ENGINE_NAMES = ['features'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export interface EngineInstance {
  /** Unique: what health, logs and calls name. */
  readonly name: string;
  /** The engine module it runs. */
  readonly entry: string;
}

/** One instance of each module, and `featuresWorkers` of the features engine (universe batches spread across them). */
export function engineInstances(modules: readonly string[], featuresWorkers = 1): EngineInstance[] {
  return modules.flatMap((entry) => {
    const count = entry === 'features' ? Math.max(1, featuresWorkers) : 1;
    return Array.from({ length: count }, (_, i) => ({ name: i === 0 ? entry : `${entry}-${i + 1}`, entry }));
  });
}
