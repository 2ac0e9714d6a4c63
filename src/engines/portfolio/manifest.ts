// The portfolio engine's manifest: optimizers, efficient frontiers and rebalance plans off the backend's thread, one instance.
import type { EngineManifest } from '../runtime/engineManifest';

export const manifest: EngineManifest = {
  name: 'portfolio',
  description: 'portfolio optimization (min-variance … HRP, Black-Litterman) and rebalance plans over daily closes',
  pool: 1,
  methods: ['optimize', 'rebalance', 'frontier'],
};
