// The risk engine: portfolio VaR/ES (incl. Monte Carlo), stress and exposures from src/core/risk, off the backend's thread.
import { SeededRandom } from '../../core/model/clock';
import type { Result } from '../../core/model/result';
import {
  exposureReport,
  stressReport,
  varReport,
  type ExposureReport,
  type ExposureRequestOptions,
  type RiskBookInput,
  type RiskInputError,
  type StressOptions,
  type StressReport,
  type VarReport,
  type VarRequestOptions,
} from '../../core/risk';
import type { EngineBase } from '../runtime/engineContract';

export interface VarJob {
  readonly book: RiskBookInput;
  readonly options: VarRequestOptions;
  /** Seeds the Monte Carlo paths: the same job and seed give the same figures. */
  readonly seed: number;
}

export interface RiskEngine extends EngineBase {
  var(job: VarJob): Promise<Result<VarReport, RiskInputError>>;
  stress(book: RiskBookInput, options: StressOptions): Promise<Result<StressReport, RiskInputError>>;
  exposures(book: RiskBookInput, options: ExposureRequestOptions): Promise<Result<ExposureReport, RiskInputError>>;
}

export function createRiskEngine(processId: number): RiskEngine {
  return {
    async ping() {
      return { pid: processId, name: 'risk' };
    },
    async var(job) {
      return varReport(job.book, job.options, new SeededRandom(job.seed));
    },
    async stress(book, options) {
      return stressReport(book, options);
    },
    async exposures(book, options) {
      return exposureReport(book, options);
    },
  };
}
