// The ML engine's manifest: volatility, regime and walk-forward fits off the backend's thread, one instance per core.
import type { EngineManifest } from '../runtime/engineManifest';

export const manifest: EngineManifest = {
  name: 'ml',
  description: 'GARCH volatility forecasts and HMM regimes over return series (per symbol, or the universe in parallel), and walk-forward training of tabular models (whole, or fold by fold for the research queue)',
  pool: 'per-core',
  methods: ['garch', 'regimes', 'trainWalkForward', 'fitWalkForwardPart'],
};
