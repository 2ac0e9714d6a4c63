// What an engine declares about itself, so the registry and the build find it without naming it anywhere else.

export interface EngineManifest {
  /** The folder under src/engines and the instance name prefix. */
  readonly name: string;
  readonly description: string;
  /** How many instances a host runs: one per core (a pool for parallel batches) or a fixed count. */
  readonly pool: 'per-core' | number;
  /** The methods its contract exposes (besides ping), for health pages and docs. */
  readonly methods: readonly string[];
}
