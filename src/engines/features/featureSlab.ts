// One reusable buffer carries a group of symbols' bar columns to the features engine and their indicator outputs
// back, moved (transferred) both ways: no new buffers per symbol on either side of the port.
import * as Comlink from 'comlink';
import { getIndicator, parseIndicatorSpecs, type ComputeError, type IndicatorInput, type IndicatorSpec, type SpecError } from '../../core/indicators';
import { ok, type Result } from '../../core/model/result';
import type { ComputedFeature, ComputeResult } from './featuresEngine';

/**
 * Why: a symbol's 30 outputs used to come back as 30 new ArrayBuffers. On the receiving thread that is ~600 KB of
 * fresh external memory per symbol, and V8 answers external memory growth with full mark-compact collections of
 * that thread's heap (the backend's, tens of MB), every ~100 symbols: the backend thread and the GC helper threads
 * then took a third of the two cores the engines needed.
 */

/** The input columns a slab carries for every symbol, in this order. */
export const SLAB_INPUTS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
export type SlabInput = Required<Pick<IndicatorInput, (typeof SLAB_INPUTS)[number]>>;

/** Per symbol, one block of `rows × (inputs + outputs)` doubles: its input columns, then its output columns. */
export interface SlabLayout {
  readonly rows: readonly number[];
  /** Output columns per symbol (every output of every spec). */
  readonly outputs: number;
}

/** What the engine answers: the slab (moved back) and, per symbol, its output names or why it failed. */
export interface SlabComputed {
  readonly slab: Float64Array;
  readonly results: Array<Result<string[], SpecError | ComputeError>>;
}

const blockDoubles = (layout: SlabLayout, k: number): number => (layout.rows[k] as number) * (SLAB_INPUTS.length + layout.outputs);

export function slabDoubles(layout: SlabLayout): number {
  let total = 0;
  for (let k = 0; k < layout.rows.length; k++) total += blockDoubles(layout, k);
  return total;
}

function blockStart(layout: SlabLayout, k: number): number {
  let start = 0;
  for (let i = 0; i < k; i++) start += blockDoubles(layout, i);
  return start;
}

/** Symbol k's input columns, as views on the slab. */
export function slabInputs(slab: Float64Array, layout: SlabLayout, k: number): SlabInput {
  const rows = layout.rows[k] as number;
  const start = blockStart(layout, k);
  const view = (c: number) => slab.subarray(start + c * rows, start + (c + 1) * rows);
  return { time: view(0), open: view(1), high: view(2), low: view(3), close: view(4), volume: view(5) };
}

/** Symbol k's output column j, as a view on the slab. */
export function slabOutput(slab: Float64Array, layout: SlabLayout, k: number, j: number): Float64Array {
  const rows = layout.rows[k] as number;
  const start = blockStart(layout, k) + (SLAB_INPUTS.length + j) * rows;
  return slab.subarray(start, start + rows);
}

/** Output columns per symbol for validated specs. */
export function outputCount(specs: readonly IndicatorSpec[]): number {
  return specs.reduce((sum, s) => sum + (getIndicator(s.id)?.outputs.length ?? 0), 0);
}

/** The part of the features engine a slab calls (a comlink remote or the engine itself). */
export interface SlabEngine {
  computeInSlab(specs: string, slab: Float64Array, rows: readonly number[]): Promise<SlabComputed>;
}

/**
 * The caller's side. Results' values are views on the slab, valid until this slab's next `compute`: give a slab to
 * one task at a time, back only once the task is done with its results, and copy what must outlive that.
 */
export class FeatureSlab {
  private slab: Float64Array | undefined;

  private constructor(
    readonly specs: string,
    private readonly outputs: number,
  ) {}

  static forSpecs(specs: string): Result<FeatureSlab, SpecError> {
    const parsed = parseIndicatorSpecs(specs);
    if (!parsed.ok) return parsed;
    return ok(new FeatureSlab(specs, outputCount(parsed.value)));
  }

  async compute(engine: SlabEngine, inputs: readonly SlabInput[]): Promise<ComputeResult[]> {
    const layout: SlabLayout = { rows: inputs.map((input) => input.close.length), outputs: this.outputs };
    const needed = slabDoubles(layout);
    // Grown with headroom so groups of slightly different sizes reuse it; a lost slab (engine died) is replaced.
    let slab = this.slab && this.slab.buffer.byteLength > 0 && this.slab.length >= needed ? this.slab : new Float64Array(Math.ceil(needed * 1.25));
    this.slab = undefined; // moved to the engine until it answers
    inputs.forEach((input, k) => {
      const views = slabInputs(slab, layout, k);
      for (const column of SLAB_INPUTS) {
        if (input[column].length !== layout.rows[k]) throw new Error(`symbol ${k}: ${column} has ${input[column].length} rows, close ${layout.rows[k]}`);
        views[column].set(input[column]);
      }
    });
    const answer = await engine.computeInSlab(this.specs, Comlink.transfer(slab, [slab.buffer as ArrayBuffer]), layout.rows);
    slab = answer.slab;
    this.slab = slab;
    return answer.results.map((result, k) =>
      result.ok ? ok(result.value.map((name, j): ComputedFeature => ({ name, values: slabOutput(slab, layout, k, j) }))) : result,
    );
  }
}
