// The features engine's manifest: indicator math over typed arrays, one instance per core for universe batches.
import type { EngineManifest } from '../runtime/engineManifest';

export const manifest: EngineManifest = {
  name: 'features',
  description: 'indicators over bar columns (chart overlays, universe batches)',
  pool: 'per-core',
  methods: ['movingAverage', 'compute', 'computeInSlab'],
};
