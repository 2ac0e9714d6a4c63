// The (gradient, hessian) histograms gradient boosting grows its trees from: the summing kernel, the builder
// interface the trainer is given (so a host can spread the sum over threads), and the one-thread builder.
//
// One sum, whoever computes it: a node's rows (a run of the row partition, ascending row numbers) are cut into
// runsOf(rows) contiguous runs (a function of the row count alone), each run is summed row by row into its own zeroed
// histogram, and the runs' histograms are added in run order. Any builder, on one thread or several, and however its
// threads share the runs out, therefore gives the same bits.
import type { FeatureBins } from './featureBins';

/** What every histogram build reads: the binned rows and this round's derivatives. */
export interface HistogramInputs {
  /** Row-major bin codes, rows × features (FeatureBins.codes). */
  readonly codes: Uint8Array;
  /** Feature f's bins are histogram slots offset[f] … offset[f + 1] − 1 (FeatureBins.offset). */
  readonly offset: Int32Array;
  readonly features: number;
  /** Row r's gradient at [2r], hessian at [2r + 1]; the trainer writes them every round. */
  readonly gradHess: Float64Array;
  /** The trainer's row partition: each open node owns a run of it. */
  readonly rows: Uint32Array;
}

/** One histogram to build: hist (2 × slots, any prior content) := the per-slot sums of the rows rows[from, to). */
export interface HistogramJob {
  readonly hist: Float64Array;
  readonly from: number;
  readonly to: number;
}

/** One fit's histogram workspace; the trainer fills `gradHess` and `rows`, then asks for sums. */
export interface HistogramSession extends HistogramInputs {
  /** Builds every job (a tree level's histograms at once, so a threaded builder can share all their runs out). */
  build(jobs: readonly HistogramJob[]): void;
  /** Frees what the session holds (threads, buffers); the trainer calls it once, however the fit ends. */
  close(): void;
}

export interface HistogramBuilder {
  open(bins: FeatureBins, rows: number): HistogramSession;
}

/** Rows per run below which a node is not cut further: an extra run costs zeroing and adding one histogram. */
export const MIN_RUN_ROWS = 16_384;
/** The most runs one node is cut into. */
export const MAX_RUNS = 16;

/** How many runs a node of `size` rows is summed in: the same for every builder. */
export function runsOf(size: number): number {
  return Math.max(1, Math.min(MAX_RUNS, Math.floor(size / MIN_RUN_ROWS)));
}

/**
 * Adds the rows rows[from, to) into hist. Self-contained (no outer names, no nested functions): the thread builder
 * ships its source text to its workers, so this is the one summing loop of both.
 */
export function sumHistogramRows(hist: Float64Array, codes: Uint8Array, offset: Int32Array, features: number, gradHess: Float64Array, rows: Uint32Array, from: number, to: number): void {
  for (let k = from; k < to; k++) {
    const r = rows[k]!;
    const g = gradHess[2 * r]!;
    const h = gradHess[2 * r + 1]!;
    const base = r * features;
    for (let f = 0; f < features; f++) {
      const at = (offset[f]! + codes[base + f]!) << 1;
      hist[at] = hist[at]! + g;
      hist[at + 1] = hist[at + 1]! + h;
    }
  }
}

/** Run `part` of `parts` of the range [from, to): the same cut for every builder. */
export function partOfRange(from: number, to: number, part: number, parts: number): { from: number; to: number } {
  const size = to - from;
  return { from: from + Math.floor((size * part) / parts), to: from + Math.floor((size * (part + 1)) / parts) };
}

/** Histograms on the calling thread, run by run in order. */
export function singleThreadHistograms(): HistogramBuilder {
  return {
    open(bins, rows) {
      const inputs = { codes: bins.codes, offset: bins.offset, features: bins.features, gradHess: new Float64Array(2 * rows), rows: new Uint32Array(rows) };
      let partial: Float64Array | undefined;
      const sum = (into: Float64Array, from: number, to: number): void => {
        into.fill(0);
        sumHistogramRows(into, inputs.codes, inputs.offset, inputs.features, inputs.gradHess, inputs.rows, from, to);
      };
      return {
        ...inputs,
        build(jobs) {
          for (const { hist, from, to } of jobs) {
            const runs = runsOf(to - from);
            const first = partOfRange(from, to, 0, runs);
            sum(hist, first.from, first.to);
            for (let run = 1; run < runs; run++) {
              const part = partOfRange(from, to, run, runs);
              partial ??= new Float64Array(hist.length);
              sum(partial, part.from, part.to);
              for (let k = 0; k < hist.length; k++) hist[k] = hist[k]! + partial[k]!;
            }
          }
        },
        close() {},
      };
    },
  };
}
