// The risk engine's manifest: portfolio VaR/ES, stress and exposures; one instance (a book at a time).
import type { EngineManifest } from '../runtime/engineManifest';

export const manifest: EngineManifest = {
  name: 'risk',
  description: 'portfolio risk: historical, parametric and Monte Carlo VaR/ES with components, stress tests, exposures',
  pool: 1,
  methods: ['var', 'stress', 'exposures'],
};
