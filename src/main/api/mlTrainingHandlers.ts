// ml.train / ml.cancel: walk-forward training on stored factors as the CLI composes it (src/main/research/mlTraining),
// the folds fitted in the ML engine (the backend's thread stays free) or, on: 'queue', as research-queue jobs
// (team/queuedTraining); progress on research.progress as ml:<job>, cancel by job name (it reaches the engine, or
// removes the queued jobs), the model registered in the backend's record.
import { tabularParams } from '../../core/ml/tabularParams';
import { err } from '../../core/model/result';
import type { WorkstationApi } from '../../shared/contracts/api';
import type { TrainError } from '../../shared/contracts/mlTraining';
import type { MessageBus } from '../bus/messageBus';
import type { FactorDeps } from '../research/factorService';
import { fitInMlEngine } from '../research/mlEngineTraining';
import { trainOnFactors, type TrainingTarget } from '../research/mlTraining';
import { fitFor } from '../team/queuedTraining';

type MlTrainingHandlers = Pick<WorkstationApi, 'ml.train' | 'ml.cancel'>;

/** A run's (or a comparison's) refusal as the API carries it: every coded error has a message. */
export const asError = (e: { code: string; message?: string }): TrainError => ({ ...e, message: e.message ?? e.code });

export function mlTrainingHandlers(deps: FactorDeps, target: TrainingTarget, bus: MessageBus): MlTrainingHandlers {
  const running = new Map<string, AbortController>();
  const inEngine: TrainingTarget = { ...target, fit: target.fit ?? fitInMlEngine(deps) };
  let anonymous = 0;
  return {
    'ml.train': async (request) => {
      const params = tabularParams(request.kind, request.params);
      if (!params.ok) return err(asError(params.error));
      const fit = fitFor(deps, request.on, inEngine.fit);
      if (!fit.ok) return err(asError(fit.error));
      const id = request.job ?? `ml-${++anonymous}`;
      if (running.has(id)) return err({ code: 'JOB_RUNNING', job: id, message: `a training job named '${id}' is already running` });
      const abort = new AbortController();
      running.set(id, abort);
      const spec = {
        model: params.value,
        task: request.target === 'direction' ? ('classification' as const) : ('regression' as const),
        mode: request.mode,
        trainDates: request.trainDates,
        testDates: request.testDates,
        embargoDates: request.embargo ?? request.horizon,
        importanceRepeats: 5,
        seed: request.seed,
      };
      try {
        const trained = await trainOnFactors(
          deps,
          { ...inEngine, ...(fit.value ? { fit: fit.value } : {}) },
          { factors: request.factors, ...(request.symbols ? { symbols: request.symbols } : {}), from: request.from, to: request.to, timeframe: request.timeframe },
          { name: request.name, target: request.target, horizon: request.horizon, spec },
          { signal: abort.signal, onProgress: (step, done, total, detail) => bus.publish('research.progress', { job: `ml:${id}`, done, total, detail: step === 'factors' ? `factor ${detail}` : detail }) },
        );
        return trained.ok ? trained : err(asError(trained.error));
      } finally {
        running.delete(id);
      }
    },
    'ml.cancel': async ({ job }) => {
      const abort = running.get(job);
      abort?.abort();
      return { cancelled: abort !== undefined };
    },
  };
}
