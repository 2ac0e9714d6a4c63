// The features engine: indicator math from src/core/indicators over Float64Array columns, off the backend's thread.
import { computeIndicators, getIndicator, parseIndicatorSpecs, type ComputeError, type IndicatorInput, type SpecError } from '../../core/indicators';
import { err, ok, type Result } from '../../core/model/result';
import type { EngineBase } from '../runtime/engineContract';

export interface ComputedFeature {
  readonly name: string;
  readonly values: Float64Array;
}

export interface FeaturesEngine extends EngineBase {
  movingAverage(kind: 'sma' | 'ema', period: number, values: Float64Array): Promise<Float64Array>;
  /** Every output of every indicator in `specs` (e.g. `rsi:14,macd:12:26:9`) over the given columns. */
  compute(specs: string, input: IndicatorInput): Promise<Result<ComputedFeature[], SpecError | ComputeError>>;
}

export function createFeaturesEngine(processId: number): FeaturesEngine {
  return {
    async ping() {
      return { pid: processId, name: 'features' };
    },
    async movingAverage(kind, period, values) {
      const [out] = getIndicator(kind)!.batch({ close: values }, [period]);
      return out!;
    },
    async compute(specs, input) {
      const parsed = parseIndicatorSpecs(specs);
      if (!parsed.ok) return parsed;
      const computed = computeIndicators(input, parsed.value);
      if (!computed.ok) return err(computed.error);
      return ok(computed.value.map((c) => ({ name: c.name, values: c.values })));
    },
  };
}
