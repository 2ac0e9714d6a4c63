// The ML engine's manifest: volatility and regime fits off the backend's thread, one instance per core for batches.
import type { EngineManifest } from '../runtime/engineManifest';

export const manifest: EngineManifest = {
  name: 'ml',
  description: 'GARCH volatility forecasts and HMM regimes over return series (per symbol, or the universe in parallel)',
  pool: 'per-core',
  methods: ['garch', 'regimes'],
};
