// Seeded simulation of the models in src/core/ml, for recovery tests and benchmarks (the random source is injected).
import type { SeededRandom } from '../model/clock';
import type { GarchDistribution } from './garchLikelihood';
import type { GaussianHmmParameters } from './hmmInference';

/** A standard normal draw from the injected source. */
export type NormalSource = Pick<SeededRandom, 'next' | 'normal'>;

/** Gamma(shape, 1) by Marsaglia and Tsang (2000); shapes below 1 through the Gamma(shape + 1)·U^(1/shape) boost. */
export function gammaDraw(random: NormalSource, shape: number): number {
  if (shape < 1) return gammaDraw(random, shape + 1) * Math.pow(random.next() || Number.MIN_VALUE, 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = random.normal();
    const v0 = 1 + c * z;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = random.next();
    if (Math.log(u || Number.MIN_VALUE) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** A draw with mean 0 and variance 1: normal, or Student-t with nu > 2 degrees of freedom rescaled to unit variance. */
export function standardizedDraw(random: NormalSource, distribution: GarchDistribution, nu = 0): number {
  const z = random.normal();
  if (distribution === 'normal') return z;
  const chi2 = 2 * gammaDraw(random, nu / 2);
  return z * Math.sqrt((nu - 2) / chi2);
}

export interface GarchProcess {
  readonly distribution: GarchDistribution;
  readonly mu: number;
  readonly omega: number;
  readonly alpha: number;
  readonly beta: number;
  readonly nu?: number;
}

/** n returns from a GARCH(1,1), after `burnIn` discarded days started at the unconditional variance. */
export function simulateGarch(process: GarchProcess, n: number, random: NormalSource, burnIn = 500): Float64Array {
  const out = new Float64Array(n);
  const persistence = process.alpha + process.beta;
  let h = persistence < 1 ? process.omega / (1 - persistence) : process.omega * 100;
  let e = 0;
  for (let t = -burnIn; t < n; t++) {
    h = process.omega + process.alpha * e * e + process.beta * h;
    e = Math.sqrt(h) * standardizedDraw(random, process.distribution, process.nu);
    if (t >= 0) out[t] = process.mu + e;
  }
  return out;
}

/** n observations and their hidden states from a Gaussian HMM, the first state drawn from `initial`. */
export function simulateHmm(p: GaussianHmmParameters, n: number, random: NormalSource): { x: Float64Array; states: Uint8Array } {
  const k = p.states;
  const draw = (probs: ArrayLike<number>, offset: number): number => {
    let u = random.next();
    for (let j = 0; j < k - 1; j++) {
      u -= probs[offset + j]!;
      if (u < 0) return j;
    }
    return k - 1;
  };
  const x = new Float64Array(n);
  const states = new Uint8Array(n);
  let s = draw(p.initial, 0);
  for (let t = 0; t < n; t++) {
    if (t > 0) s = draw(p.transition, s * k);
    states[t] = s;
    x[t] = p.means[s]! + Math.sqrt(p.variances[s]!) * random.normal();
  }
  return { x, states };
}
