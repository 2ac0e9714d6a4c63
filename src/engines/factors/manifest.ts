// The factors engine's manifest: factor evaluation and cross-sectional analytics, one instance per core.
import type { EngineManifest } from '../runtime/engineManifest';

export const manifest: EngineManifest = {
  name: 'factors',
  description: 'factor values and IC / quantile analytics over a universe panel (library factors, expressions, composites)',
  pool: 'per-core',
  methods: ['loadPanel', 'dropPanel', 'analyze', 'compute', 'analyzeValues'],
};
