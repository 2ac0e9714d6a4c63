// The ML methods of the WorkstationApi: GARCH forecasts, the risk engine's per-symbol σ, HMM regimes.
import type { WorkstationApi } from '../../shared/contracts/api';
import { mlGarch, mlRegimes, mlVolatility, type MlServiceDeps } from '../research/mlService';

type MlHandlers = Pick<WorkstationApi, 'ml.garch' | 'ml.volatility' | 'ml.regimes'>;

export function mlHandlers(deps: MlServiceDeps): MlHandlers {
  return {
    'ml.garch': (request) => mlGarch(deps, request),
    'ml.volatility': (request) => mlVolatility(deps, request),
    'ml.regimes': (request) => mlRegimes(deps, request),
  };
}
