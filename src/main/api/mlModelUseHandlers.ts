// ml.compare / ml.predict / ml.shadow: registered models scored A/B and predicting over stored factors (as the CLI
// composes them, src/main/research/mlModelUse), and a candidate marked shadow in the backend's record.
import { err } from '../../core/model/result';
import type { WorkstationApi } from '../../shared/contracts/api';
import type { FactorDeps } from '../research/factorService';
import { compareStored, predictStored, type ModelUseDeps } from '../research/mlModelUse';
import { asError } from './mlTrainingHandlers';

type MlModelUseHandlers = Pick<WorkstationApi, 'ml.compare' | 'ml.predict' | 'ml.shadow'>;

export function mlModelUseHandlers(factors: FactorDeps, deps: ModelUseDeps): MlModelUseHandlers {
  return {
    'ml.compare': async (request) => {
      const r = await compareStored(factors, deps, request);
      return r.ok ? r : err(asError(r.error));
    },
    'ml.predict': async (request) => {
      const r = await predictStored(factors, deps, request);
      return r.ok ? r : err(asError(r.error));
    },
    'ml.shadow': async ({ name, version, shadow }) => deps.registry.setShadow(name, version, shadow),
  };
}
