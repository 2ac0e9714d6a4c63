// The ML methods of the WorkstationApi: GARCH forecasts, the risk engine's per-symbol σ, HMM regimes, the registry.
import type { WorkstationApi } from '../../shared/contracts/api';
import { mlGarch, mlRegimes, mlVolatility, type MlServiceDeps } from '../research/mlService';
import type { MlModelRegistry } from '../storage/sqlite/mlModelRegistry';

type MlHandlers = Pick<WorkstationApi, 'ml.garch' | 'ml.volatility' | 'ml.regimes'>;
type MlRegistryHandlers = Pick<WorkstationApi, 'ml.models' | 'ml.promote' | 'ml.rollback'>;

export function mlHandlers(deps: MlServiceDeps): MlHandlers {
  return {
    'ml.garch': (request) => mlGarch(deps, request),
    'ml.volatility': (request) => mlVolatility(deps, request),
    'ml.regimes': (request) => mlRegimes(deps, request),
  };
}

/** The registry's lifecycle moves go through its (status, event) table; the record is the backend's SQLite file. */
export function mlRegistryHandlers(registry: MlModelRegistry): MlRegistryHandlers {
  return {
    'ml.models': async (request) => registry.list(request.name),
    'ml.promote': async (request) => registry.promote(request.name, request.version),
    'ml.rollback': async (request) => registry.rollback(request.name),
  };
}
