// The engines the backend starts, from each engine's manifest (src/engines/<name>/manifest.ts, listed in
// manifests.ts): this file never names an engine. A module may run as several instances (a pool), named
// <module>, <module>-2, …
import { MANIFESTS } from './manifests';
import type { EngineManifest } from './runtime/engineManifest';

export const ENGINE_MANIFESTS: readonly EngineManifest[] = [...MANIFESTS].sort((a, b) => a.name.localeCompare(b.name));

export const ENGINE_NAMES: readonly string[] = ENGINE_MANIFESTS.map((m) => m.name);

export interface EngineInstance {
  /** Unique: what health, logs and calls name. */
  readonly name: string;
  /** The engine module it runs. */
  readonly entry: string;
}

export function manifestOf(name: string): EngineManifest | undefined {
  return ENGINE_MANIFESTS.find((m) => m.name === name);
}

/** Each module's instances: `perCore` of a per-core pool, the manifest's count otherwise. */
export function engineInstances(modules: readonly string[], perCore = 1): EngineInstance[] {
  return modules.flatMap((entry) => {
    const manifest = manifestOf(entry);
    if (!manifest) throw new Error(`no engine manifest for '${entry}' (known: ${ENGINE_NAMES.join(', ')})`);
    const count = manifest.pool === 'per-core' ? Math.max(1, perCore) : Math.max(1, manifest.pool);
    return Array.from({ length: count }, (_, i) => ({ name: i === 0 ? entry : `${entry}-${i + 1}`, entry }));
  });
}
