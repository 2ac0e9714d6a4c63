// The features engine: indicator math from src/core/indicators over Float64Array columns, off the backend's thread.
import { computeIndicators, getIndicator, parseIndicatorSpecs, type ComputeError, type IndicatorInput, type IndicatorSpec, type SpecError } from '../../core/indicators';
import { err, ok, type Result } from '../../core/model/result';
import type { EngineBase } from '../runtime/engineContract';
import { outputCount, slabDoubles, slabInputs, slabOutput, type SlabComputed } from './featureSlab';

export interface ComputedFeature {
  readonly name: string;
  readonly values: Float64Array;
}

export type ComputeResult = Result<ComputedFeature[], SpecError | ComputeError>;

export interface FeaturesEngine extends EngineBase {
  movingAverage(kind: 'sma' | 'ema', period: number, values: Float64Array): Promise<Float64Array>;
  /** Every output of every indicator in `specs` (e.g. `rsi:14,macd:12:26:9`) over the given columns. */
  compute(specs: string, input: IndicatorInput): Promise<ComputeResult>;
  /**
   * `compute` over several symbols laid out in a slab (see featureSlab.ts), one message each way per group: reads
   * each symbol's columns from it, writes its outputs into it, and hands the slab back with each symbol's output
   * names or its error (a bad input fails only its own symbol).
   */
  computeInSlab(specs: string, slab: Float64Array, rows: readonly number[]): Promise<SlabComputed>;
}

export function createFeaturesEngine(processId: number): FeaturesEngine {
  // A batch sends the same spec text with every call: parse it once.
  let lastSpecs: { text: string; parsed: Result<IndicatorSpec[], SpecError> } | undefined;
  const parse = (text: string) => {
    if (lastSpecs?.text !== text) lastSpecs = { text, parsed: parseIndicatorSpecs(text) };
    return lastSpecs.parsed;
  };
  const computeOne = (specs: readonly IndicatorSpec[], input: IndicatorInput): ComputeResult => {
    const computed = computeIndicators(input, specs);
    if (!computed.ok) return err(computed.error);
    return ok(computed.value.map((c) => ({ name: c.name, values: c.values })));
  };
  return {
    async ping() {
      return { pid: processId, name: 'features' };
    },
    async movingAverage(kind, period, values) {
      const [out] = getIndicator(kind)!.batch({ close: values }, [period]);
      return out!;
    },
    async compute(specs, input) {
      const parsed = parse(specs);
      if (!parsed.ok) return parsed;
      return computeOne(parsed.value, input);
    },
    async computeInSlab(specs, slab, rows) {
      const parsed = parse(specs);
      if (!parsed.ok) return { slab, results: rows.map(() => parsed) };
      const layout = { rows, outputs: outputCount(parsed.value) };
      if (slab.length < slabDoubles(layout)) throw new Error(`slab of ${slab.length} doubles is too small for ${slabDoubles(layout)}`);
      const results = rows.map((_, k) => {
        const computed = computeIndicators(slabInputs(slab, layout, k), parsed.value);
        if (!computed.ok) return err(computed.error);
        if (computed.value.length !== layout.outputs) throw new Error(`${computed.value.length} outputs where the slab has ${layout.outputs}`);
        return ok(
          computed.value.map((c, j) => {
            if (c.values.length !== rows[k]) throw new Error(`${c.name}: ${c.values.length} values for ${rows[k]} rows`);
            slabOutput(slab, layout, k, j).set(c.values);
            return c.name;
          }),
        );
      });
      return { slab, results };
    },
  };
}
