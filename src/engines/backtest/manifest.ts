// The backtest engine's manifest: strategy runs on the trading node, one instance per core for sweeps.
import type { EngineManifest } from '../runtime/engineManifest';

export const manifest: EngineManifest = {
  name: 'backtest',
  description: 'strategy backtests on the trading node (single runs, parameter sweeps, walk-forward windows)',
  pool: 'per-core',
  methods: ['run'],
};
