// Gaussian hidden Markov model (2–4 states) fitted by Baum-Welch from several seeded starts; states are reported
// calmest first (ascending variance) so a label means the same regime from one fit to the next.
import type { RandomSource } from '../model/clock';
import { err, ok, type Result } from '../model/result';
import { forwardBackward, viterbi, type GaussianHmmParameters } from './hmmInference';
import { checkSeries, type MlInputError } from './mlInputError';

export type { GaussianHmmParameters } from './hmmInference';

export const HMM_MIN_STATES = 2;
export const HMM_MAX_STATES = 4;
/** Observations per state below which a state's mean and variance are not estimable in practice. */
export const HMM_MIN_OBSERVATIONS_PER_STATE = 50;
/**
 * A state's variance is kept at or above this fraction of the sample variance (its σ at ≥ 10% of the sample's). Why:
 * daily closes often repeat (holidays, stale quotes), and a state sitting on those zero returns has an unbounded
 * likelihood: EM found exactly that "regime" on the DAX with 3 states. No market regime is that quiet.
 */
export const HMM_VARIANCE_FLOOR = 0.01;
/** Log-likelihood gain per EM step below which a start is done screening. */
const SCREENING_TOLERANCE = 1e-3;

export interface HmmOptions {
  readonly states: number;
  /** Seeded source for the random starts (the first start is deterministic: the data's quantile groups). */
  readonly random: RandomSource;
  readonly starts?: number;
  readonly maxIterations?: number;
  /** Stop when an EM step raises the log-likelihood by less than this. */
  readonly tolerance?: number;
}

export interface HmmFit extends GaussianHmmParameters {
  readonly logLikelihood: number;
  readonly observations: number;
  /** EM iterations of the best start, and whether it met the tolerance before the iteration limit. */
  readonly iterations: number;
  readonly converged: boolean;
  readonly starts: number;
  /** P(state | data so far), P(state | all data), row-major T×K; the Viterbi path. */
  readonly filtered: Float64Array;
  readonly smoothed: Float64Array;
  readonly path: Uint8Array;
}

interface EmRun {
  readonly params: GaussianHmmParameters;
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Start 0: equal-count groups of the sorted data; sticky transitions (0.9 on the diagonal). */
function quantileStart(x: Float64Array, k: number): GaussianHmmParameters {
  const sorted = Float64Array.from(x).sort();
  const means = new Float64Array(k);
  const variances = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const lo = Math.floor((j * sorted.length) / k);
    const hi = Math.floor(((j + 1) * sorted.length) / k);
    let m = 0;
    for (let i = lo; i < hi; i++) m += sorted[i]!;
    m /= hi - lo;
    let v = 0;
    for (let i = lo; i < hi; i++) v += (sorted[i]! - m) ** 2;
    means[j] = m;
    variances[j] = v / (hi - lo);
  }
  return { states: k, initial: new Float64Array(k).fill(1 / k), transition: stickyTransition(k, 0.9), means, variances };
}

function stickyTransition(k: number, stay: number): Float64Array {
  const a = new Float64Array(k * k).fill((1 - stay) / (k - 1));
  for (let j = 0; j < k; j++) a[j * k + j] = stay;
  return a;
}

/** Random start: means at random observations, variances a random multiple of the sample's, random stickiness. */
function randomStart(x: Float64Array, k: number, sampleVariance: number, random: RandomSource): GaussianHmmParameters {
  const means = Float64Array.from({ length: k }, () => x[Math.floor(random.next() * x.length)]!);
  const variances = Float64Array.from({ length: k }, () => sampleVariance * (0.2 + 1.8 * random.next()));
  return { states: k, initial: new Float64Array(k).fill(1 / k), transition: stickyTransition(k, 0.7 + 0.29 * random.next()), means, variances };
}

function baumWelch(x: Float64Array, start: GaussianHmmParameters, varianceFloor: number, maxIterations: number, tolerance: number): EmRun {
  const k = start.states;
  const n = x.length;
  let params = start;
  let previous = -Infinity;
  for (let iter = 1; iter <= maxIterations; iter++) {
    const fb = forwardBackward(x, params);
    if (!Number.isFinite(fb.logLikelihood)) return { params, logLikelihood: -Infinity, iterations: iter, converged: false };
    const initial = fb.smoothed.slice(0, k);
    const transition = new Float64Array(k * k);
    for (let i = 0; i < k; i++) {
      let row = 0;
      for (let j = 0; j < k; j++) row += fb.transitionCounts[i * k + j]!;
      for (let j = 0; j < k; j++) transition[i * k + j] = row > 0 ? fb.transitionCounts[i * k + j]! / row : 1 / k;
    }
    const weight = new Float64Array(k);
    const means = new Float64Array(k);
    const variances = new Float64Array(k);
    for (let t = 0; t < n; t++) {
      for (let j = 0; j < k; j++) {
        const g = fb.smoothed[t * k + j]!;
        weight[j] = weight[j]! + g;
        means[j] = means[j]! + g * x[t]!;
      }
    }
    for (let j = 0; j < k; j++) means[j] = weight[j]! > 0 ? means[j]! / weight[j]! : params.means[j]!;
    for (let t = 0; t < n; t++) {
      for (let j = 0; j < k; j++) variances[j] = variances[j]! + fb.smoothed[t * k + j]! * (x[t]! - means[j]!) ** 2;
    }
    // The floor keeps a state from collapsing onto a single observation (an unbounded likelihood).
    for (let j = 0; j < k; j++) variances[j] = Math.max(varianceFloor, weight[j]! > 0 ? variances[j]! / weight[j]! : params.variances[j]!);
    const improvement = fb.logLikelihood - previous;
    previous = fb.logLikelihood;
    if (improvement >= 0 && improvement < tolerance) return { params, logLikelihood: fb.logLikelihood, iterations: iter, converged: true };
    params = { states: k, initial, transition, means, variances };
  }
  return { params, logLikelihood: forwardBackward(x, params).logLikelihood, iterations: maxIterations, converged: false };
}

/** Relabels states by ascending variance (then mean). */
function ordered(p: GaussianHmmParameters): GaussianHmmParameters {
  const k = p.states;
  const order = Array.from({ length: k }, (_, j) => j).sort((i, j) => p.variances[i]! - p.variances[j]! || p.means[i]! - p.means[j]!);
  const transition = new Float64Array(k * k);
  order.forEach((from, i) => order.forEach((to, j) => (transition[i * k + j] = p.transition[from * k + to]!)));
  return {
    states: k,
    initial: Float64Array.from(order, (j) => p.initial[j]!),
    transition,
    means: Float64Array.from(order, (j) => p.means[j]!),
    variances: Float64Array.from(order, (j) => p.variances[j]!),
  };
}

export function fitGaussianHmm(observations: ArrayLike<number>, options: HmmOptions): Result<HmmFit, MlInputError> {
  const k = options.states;
  if (!Number.isInteger(k) || k < HMM_MIN_STATES || k > HMM_MAX_STATES) {
    return err({ code: 'BAD_OPTION', option: 'states', message: `states must be a whole number from ${HMM_MIN_STATES} to ${HMM_MAX_STATES}, got ${k}` });
  }
  const starts = options.starts ?? 10;
  if (!Number.isInteger(starts) || starts < 1 || starts > 1000) return err({ code: 'BAD_OPTION', option: 'starts', message: `starts must be a whole number from 1 to 1000, got ${starts}` });
  const bad = checkSeries(observations, k * HMM_MIN_OBSERVATIONS_PER_STATE, `a ${k}-state HMM`);
  if (bad) return err(bad);
  const x = Float64Array.from(observations);
  const n = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / n;
  const sampleVariance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
  const maxIterations = options.maxIterations ?? 500;
  const tolerance = options.tolerance ?? 1e-7;
  // Every start runs to a coarse tolerance; only the most likely one is then iterated to the fine tolerance (most
  // of EM's iterations are its slow final approach, which the losing starts do not need).
  const floor = HMM_VARIANCE_FLOOR * sampleVariance;
  const coarse = Math.max(tolerance, SCREENING_TOLERANCE);
  let best: EmRun | undefined;
  for (let s = 0; s < starts; s++) {
    const start = s === 0 ? quantileStart(x, k) : randomStart(x, k, sampleVariance, options.random);
    const run = baumWelch(x, start, floor, maxIterations, coarse);
    if (Number.isFinite(run.logLikelihood) && (!best || run.logLikelihood > best.logLikelihood)) best = run;
  }
  if (best && coarse > tolerance) {
    const polished = baumWelch(x, best.params, floor, maxIterations, tolerance);
    best = { ...polished, iterations: best.iterations + polished.iterations, converged: polished.converged };
  }
  if (!best) return err({ code: 'NOT_CONVERGED', iterations: maxIterations, message: `no start of the ${k}-state HMM reached a finite likelihood` });
  const params = ordered(best.params);
  const fb = forwardBackward(x, params);
  return ok({
    ...params,
    logLikelihood: fb.logLikelihood,
    observations: n,
    iterations: best.iterations,
    converged: best.converged,
    starts,
    filtered: fb.filtered,
    smoothed: fb.smoothed,
    path: viterbi(x, params),
  });
}

/** Expected days in each state before leaving it: 1 / (1 − p_kk). */
export function expectedDurations(p: GaussianHmmParameters): Float64Array {
  return Float64Array.from({ length: p.states }, (_, j) => 1 / (1 - p.transition[j * p.states + j]!));
}
