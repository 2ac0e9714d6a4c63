// VaR/ES figures of one method at one confidence, and the scenario-tail arithmetic historical and Monte Carlo share.
import { quantilePosition } from '../analytics/descriptive';

export type VarMethod = 'historical' | 'parametric' | 'monteCarlo';
export const VAR_METHODS: readonly VarMethod[] = ['historical', 'parametric', 'monteCarlo'];

/** One method at one confidence: totals and per-position figures in book order. */
export interface VarFigures {
  readonly method: VarMethod;
  readonly confidence: number;
  readonly var: number;
  readonly es: number;
  /** Sum to `var`. */
  readonly componentVar: Float64Array;
  /** Sum to `es`. */
  readonly componentEs: Float64Array;
  /** ∂VaR/∂value_i (per unit of base-currency value): componentVar_i = value_i × marginalVar_i. */
  readonly marginalVar: Float64Array;
}

/** The scenarios behind a scenario VaR: the two interpolated order statistics and the ES tail. */
export interface ScenarioTail {
  readonly var: number;
  readonly es: number;
  /** Scenario indices of the order statistics ⌊h⌋ and ⌊h⌋ + 1 and the weight of the second. */
  readonly lo: number;
  readonly hi: number;
  readonly weight: number;
  /** Scenario indices with P&L at or below −VaR. */
  readonly tail: Uint32Array;
}

/** Scenario indices by ascending P&L, ties by index (numpy's stable argsort). */
export function ascendingOrder(pnl: Float64Array): Uint32Array {
  const order = new Uint32Array(pnl.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => pnl[a]! - pnl[b]! || a - b);
}

/** VaR = −(1−c) quantile (type 7) of the P&Ls; ES = −mean of P&Ls at or below −VaR. */
export function scenarioTail(pnl: Float64Array, confidence: number, order: Uint32Array = ascendingOrder(pnl)): ScenarioTail {
  const n = pnl.length;
  const { lo, hi, weight } = quantilePosition(n, 1 - confidence);
  const a = pnl[order[lo]!]!;
  const q = a + weight * (pnl[order[hi]!]! - a);
  let count = 0;
  let sum = 0;
  while (count < n && pnl[order[count]!]! <= q) sum += pnl[order[count++]!]!;
  return { var: -q, es: -sum / count, lo: order[lo]!, hi: order[hi]!, weight, tail: order.slice(0, count) };
}

/** VaR/ES of a scenario P&L vector without components (the cheap path: sort once, no index array). */
export function scenarioVarEs(pnl: Float64Array, confidence: number, scratch?: Float64Array): { var: number; es: number } {
  const sorted = scratch && scratch.length === pnl.length ? scratch : new Float64Array(pnl.length);
  sorted.set(pnl);
  sorted.sort();
  const { lo, hi, weight } = quantilePosition(sorted.length, 1 - confidence);
  const q = sorted[lo]! + weight * (sorted[hi]! - sorted[lo]!);
  let count = 0;
  let sum = 0;
  while (count < sorted.length && sorted[count]! <= q) sum += sorted[count++]!;
  return { var: -q, es: -sum / count };
}

/**
 * Per-position figures from a tail: the interpolation weights (VaR) and the tail mean (ES) applied to
 * each position's return in the same scenarios. `returnOf(i, k)` is position i's return in scenario k.
 */
export function scenarioComponents(method: VarMethod, confidence: number, values: Float64Array, tail: ScenarioTail, returnOf: (i: number, k: number) => number): VarFigures {
  const n = values.length;
  const componentVar = new Float64Array(n);
  const componentEs = new Float64Array(n);
  const marginalVar = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const marginal = -((1 - tail.weight) * returnOf(i, tail.lo) + tail.weight * returnOf(i, tail.hi));
    marginalVar[i] = marginal;
    componentVar[i] = values[i]! * marginal;
    let s = 0;
    for (let j = 0; j < tail.tail.length; j++) s += returnOf(i, tail.tail[j]!);
    componentEs[i] = (-values[i]! * s) / tail.tail.length;
  }
  return { method, confidence, var: tail.var, es: tail.es, componentVar, componentEs, marginalVar };
}
