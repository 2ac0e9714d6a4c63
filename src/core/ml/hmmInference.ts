// Inference in a Gaussian hidden Markov model: scaled forward-backward (filtered and smoothed state probabilities,
// the log-likelihood, expected transition counts) and Viterbi decoding.

/** K states; `transition` is row-major K×K (row = from), each row summing to 1. */
export interface GaussianHmmParameters {
  readonly states: number;
  readonly initial: Float64Array;
  readonly transition: Float64Array;
  readonly means: Float64Array;
  readonly variances: Float64Array;
}

export interface ForwardBackward {
  readonly logLikelihood: number;
  /** P(state_t = k | x_1..x_t), row-major T×K. */
  readonly filtered: Float64Array;
  /** P(state_t = k | x_1..x_T), row-major T×K. */
  readonly smoothed: Float64Array;
  /** Σ_t P(state_t = i, state_{t+1} = j | x), row-major K×K (for Baum-Welch). */
  readonly transitionCounts: Float64Array;
}

const LOG_2PI = Math.log(2 * Math.PI);

/** log N(x_t; mean_k, variance_k) minus the per-day maximum over k (kept in `shift`), as densities, row-major T×K. */
function scaledDensities(x: ArrayLike<number>, p: GaussianHmmParameters, shift: Float64Array): Float64Array {
  const k = p.states;
  const out = new Float64Array(x.length * k);
  const logNorm = Float64Array.from(p.variances, (v) => -0.5 * (LOG_2PI + Math.log(v)));
  for (let t = 0; t < x.length; t++) {
    let max = -Infinity;
    for (let j = 0; j < k; j++) {
      const d = x[t]! - p.means[j]!;
      const l = logNorm[j]! - (0.5 * d * d) / p.variances[j]!;
      out[t * k + j] = l;
      if (l > max) max = l;
    }
    shift[t] = max;
    for (let j = 0; j < k; j++) out[t * k + j] = Math.exp(out[t * k + j]! - max);
  }
  return out;
}

/**
 * Forward-backward with per-day normalisation (Rabiner's scaling): no underflow however long the series, and the
 * log-likelihood is the sum of the log normalisers (plus the density shifts that keep exp() in range).
 */
export function forwardBackward(x: ArrayLike<number>, p: GaussianHmmParameters): ForwardBackward {
  const n = x.length;
  const k = p.states;
  const a = p.transition;
  const shift = new Float64Array(n);
  const b = scaledDensities(x, p, shift);
  const alpha = new Float64Array(n * k);
  const scale = new Float64Array(n);
  let logLikelihood = 0;
  for (let t = 0; t < n; t++) {
    let c = 0;
    for (let j = 0; j < k; j++) {
      let prior = 0;
      if (t === 0) prior = p.initial[j]!;
      else for (let i = 0; i < k; i++) prior += alpha[(t - 1) * k + i]! * a[i * k + j]!;
      const v = prior * b[t * k + j]!;
      alpha[t * k + j] = v;
      c += v;
    }
    scale[t] = c;
    for (let j = 0; j < k; j++) alpha[t * k + j] = alpha[t * k + j]! / c;
    logLikelihood += Math.log(c) + shift[t]!;
  }
  const beta = new Float64Array(n * k);
  for (let j = 0; j < k; j++) beta[(n - 1) * k + j] = 1;
  const counts = new Float64Array(k * k);
  for (let t = n - 2; t >= 0; t--) {
    for (let i = 0; i < k; i++) {
      let s = 0;
      for (let j = 0; j < k; j++) {
        const w = (a[i * k + j]! * b[(t + 1) * k + j]! * beta[(t + 1) * k + j]!) / scale[t + 1]!;
        s += w;
        counts[i * k + j] = counts[i * k + j]! + alpha[t * k + i]! * w;
      }
      beta[t * k + i] = s;
    }
  }
  const smoothed = new Float64Array(n * k);
  for (let t = 0; t < n; t++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += (smoothed[t * k + j] = alpha[t * k + j]! * beta[t * k + j]!);
    for (let j = 0; j < k; j++) smoothed[t * k + j] = smoothed[t * k + j]! / s;
  }
  return { logLikelihood, filtered: alpha, smoothed, transitionCounts: counts };
}

/** The most likely state path (log-space Viterbi); ties go to the lower state. */
export function viterbi(x: ArrayLike<number>, p: GaussianHmmParameters): Uint8Array {
  const n = x.length;
  const k = p.states;
  const logA = Float64Array.from(p.transition, Math.log);
  const logB = (t: number, j: number) => {
    const d = x[t]! - p.means[j]!;
    return -0.5 * (LOG_2PI + Math.log(p.variances[j]!) + (d * d) / p.variances[j]!);
  };
  let score = Float64Array.from({ length: k }, (_, j) => Math.log(p.initial[j]!) + logB(0, j));
  let next = new Float64Array(k);
  const from = new Uint8Array(n * k);
  for (let t = 1; t < n; t++) {
    for (let j = 0; j < k; j++) {
      let best = -Infinity;
      let arg = 0;
      for (let i = 0; i < k; i++) {
        const s = score[i]! + logA[i * k + j]!;
        if (s > best) {
          best = s;
          arg = i;
        }
      }
      next[j] = best + logB(t, j);
      from[t * k + j] = arg;
    }
    [score, next] = [next, score];
  }
  const path = new Uint8Array(n);
  let last = 0;
  for (let j = 1; j < k; j++) if (score[j]! > score[last]!) last = j;
  path[n - 1] = last;
  for (let t = n - 1; t > 0; t--) path[t - 1] = from[t * k + path[t]!]!;
  return path;
}
