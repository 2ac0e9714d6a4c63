// The (gradient, hessian) histograms gradient boosting grows its trees from: the summing kernel, the builder
// interface the trainer is given (so a host can spread the sum over threads), and the one-thread builder.
//
// One sum, whoever computes it: a node's rows (a run of the row partition, ascending row numbers) are cut into
// `parts` contiguous runs, each run is summed row by row into its own zeroed histogram, and the runs' histograms are
// added in run order. A builder with the same `parts` therefore gives the same bits on one thread or several.
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

/** One fit's histogram workspace; the trainer fills `gradHess` and `rows`, then asks for sums. */
export interface HistogramSession extends HistogramInputs {
  /** hist (2 × slots, any prior content) := the per-slot (gradient, hessian) sums of the rows rows[from, to). */
  build(hist: Float64Array, from: number, to: number): void;
  /** Frees what the session holds (threads, buffers); the trainer calls it once, however the fit ends. */
  close(): void;
}

export interface HistogramBuilder {
  /** How many runs a node's rows are cut into (see the top of this module); the model depends on it. */
  readonly parts: number;
  open(bins: FeatureBins, rows: number): HistogramSession;
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

/** Histograms on the calling thread, cut into `parts` runs as a `parts`-thread builder cuts them (default 1). */
export function singleThreadHistograms(parts = 1): HistogramBuilder {
  if (!Number.isInteger(parts) || parts < 1) throw new Error(`parts must be a whole number ≥ 1, got ${parts}`);
  return {
    parts,
    open(bins, rows) {
      const inputs = { codes: bins.codes, offset: bins.offset, features: bins.features, gradHess: new Float64Array(2 * rows), rows: new Uint32Array(rows) };
      const partial = parts > 1 ? new Float64Array(2 * bins.offset[bins.features]!) : undefined;
      return {
        ...inputs,
        build(hist, from, to) {
          const first = partOfRange(from, to, 0, parts);
          hist.fill(0);
          sumHistogramRows(hist, inputs.codes, inputs.offset, inputs.features, inputs.gradHess, inputs.rows, first.from, first.to);
          for (let part = 1; part < parts; part++) {
            const run = partOfRange(from, to, part, parts);
            partial!.fill(0);
            sumHistogramRows(partial!, inputs.codes, inputs.offset, inputs.features, inputs.gradHess, inputs.rows, run.from, run.to);
            for (let k = 0; k < hist.length; k++) hist[k] = hist[k]! + partial![k]!;
          }
        },
        close() {},
      };
    },
  };
}
