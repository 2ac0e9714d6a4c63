// The ML engine: GARCH fits and forecasts, and HMM regimes, from src/core/ml over return series it is sent; and the
// fitting of a walk-forward training (src/engines/ml/walkForwardJob), off the backend's thread, or of one of its folds
// (walkForwardPartJob) for a research worker.
import * as Comlink from 'comlink';
import { fitGarch, forecastGarchSd, type GarchDistribution } from '../../core/ml/garch';
import { fitGaussianHmm } from '../../core/ml/hmm';
import type { MlInputError } from '../../core/ml/mlInputError';
import { SeededRandom } from '../../core/model/clock';
import { ok, type Result } from '../../core/model/result';
import type { EngineBase } from '../runtime/engineContract';
import { runWalkForwardJob, type WalkForwardJob, type WalkForwardJobError, type WalkForwardReply } from './walkForwardJob';
import { runWalkForwardPart, type WalkForwardPart, type WalkForwardPartReply } from './walkForwardPartJob';

/** A fitted GARCH(1,1) in the units of the returns it was sent, with σ forecasts for horizons 1…h. */
export interface GarchForecast {
  readonly distribution: GarchDistribution;
  readonly mu: number;
  readonly omega: number;
  readonly alpha: number;
  readonly beta: number;
  readonly nu?: number;
  readonly logLikelihood: number;
  readonly persistence: number;
  readonly observations: number;
  readonly forecast: Float64Array;
}

export interface RegimeFit {
  readonly states: number;
  readonly means: Float64Array;
  readonly variances: Float64Array;
  /** Row-major K×K, row = from. */
  readonly transition: Float64Array;
  readonly logLikelihood: number;
  readonly converged: boolean;
  /** Row-major T×K. */
  readonly filtered: Float64Array;
  readonly smoothed: Float64Array;
  readonly path: Uint8Array;
}

export interface MlEngine extends EngineBase {
  garch(returns: Float64Array, options: { distribution: GarchDistribution; horizon: number }): Promise<Result<GarchForecast, MlInputError>>;
  regimes(returns: Float64Array, options: { states: number; starts: number; seed: number }): Promise<Result<RegimeFit, MlInputError>>;
  /** Folds, metrics, importance and the final model of a walk-forward training; `onProgress` per fold (a proxy). */
  trainWalkForward(job: WalkForwardJob, onProgress?: (done: number, total: number) => unknown): Promise<Result<WalkForwardReply, WalkForwardJobError>>;
  /** One fold, or the final fit, of a walk-forward training (a research-queue job). */
  fitWalkForwardPart(part: WalkForwardPart): Promise<Result<WalkForwardPartReply, WalkForwardJobError>>;
}

export function createMlEngine(processId: number): MlEngine {
  return {
    async ping() {
      return { pid: processId, name: 'ml' };
    },
    async garch(returns, { distribution, horizon }) {
      const fit = fitGarch(returns, { distribution });
      if (!fit.ok) return fit;
      const m = fit.value;
      return ok({
        distribution,
        mu: m.mu,
        omega: m.omega,
        alpha: m.alpha,
        beta: m.beta,
        ...(m.nu === undefined ? {} : { nu: m.nu }),
        logLikelihood: m.logLikelihood,
        persistence: m.persistence,
        observations: m.observations,
        forecast: forecastGarchSd(m, horizon),
      });
    },
    async regimes(returns, { states, starts, seed }) {
      const fit = fitGaussianHmm(returns, { states, starts, random: new SeededRandom(seed) });
      if (!fit.ok) return fit;
      const m = fit.value;
      return ok({ states: m.states, means: m.means, variances: m.variances, transition: m.transition, logLikelihood: m.logLikelihood, converged: m.converged, filtered: m.filtered, smoothed: m.smoothed, path: m.path });
    },
    async trainWalkForward(job, onProgress) {
      try {
        return runWalkForwardJob(job, onProgress);
      } finally {
        // The caller's progress proxy holds a port open on both sides until it is released.
        (onProgress as { [Comlink.releaseProxy]?: () => void } | undefined)?.[Comlink.releaseProxy]?.();
      }
    },
    async fitWalkForwardPart(part) {
      return runWalkForwardPart(part);
    },
  };
}
