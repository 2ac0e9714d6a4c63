// The best split of one node from its (gradient, hessian) histogram, scored as XGBoost's hist method scores it.

/** XGBoost's kRtEps: a split must gain more than this. */
export const MIN_GAIN = 1e-6;

/** The best split found: rows of `feature` in bins ≤ `bin` (a histogram slot) go left with sums (g, h). */
export interface SplitChoice {
  gain: number;
  /** −1: no split gains more than MIN_GAIN under min_child_weight. */
  feature: number;
  bin: number;
  g: number;
  h: number;
}

/**
 * Scans every feature's bins left to right for the split with the largest G²/(H+λ) gain whose children both hold
 * hessian ≥ minChildWeight (and > 0); writes it to `out`. A standalone function so the engine optimises this loop on
 * its own (inside the trainer's round it ran several times slower).
 */
export function bestSplit(hist: Float64Array, offset: Int32Array, features: number, g: number, h: number, lambda: number, minChildWeight: number, out: SplitChoice): void {
  let bestGain = MIN_GAIN;
  let bestFeature = -1;
  let bestBin = 0;
  let bestG = 0;
  let bestH = 0;
  const parentScore = (g * g) / (h + lambda);
  for (let f = 0; f < features; f++) {
    let gl = 0;
    let hl = 0;
    const last = offset[f + 1]! - 1;
    for (let b = offset[f]!; b < last; b++) {
      gl += hist[2 * b]!;
      hl += hist[2 * b + 1]!;
      const hr = h - hl;
      if (hl < minChildWeight || hr < minChildWeight || hl <= 0 || hr <= 0) continue;
      const gr = g - gl;
      // rounded to float32 as XGBoost stores a split's gain: one partition reached through two features then
      // ties despite different summation order, and the lower feature index wins, as in XGBoost
      const gain = Math.fround((gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore);
      if (gain > bestGain) {
        bestGain = gain;
        bestFeature = f;
        bestBin = b;
        bestG = gl;
        bestH = hl;
      }
    }
  }
  out.gain = bestGain;
  out.feature = bestFeature;
  out.bin = bestBin;
  out.g = bestG;
  out.h = bestH;
}
