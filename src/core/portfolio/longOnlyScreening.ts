// Exact long-only QPs over large universes by active-set screening: quadprog on a candidate subset, KKT checked on the rest.
import { err, ok, type Result } from '../model/result';
import type { SquareMatrix } from './linalg';
import { solveQuadraticProgram, type LinearRow, type QpFailure } from './qpSolver';

/** min ½·wᵀ(factor·Σ)w − dᵀw, equalities a·w = b, 0 ≤ w ≤ upper. */
export interface LongOnlyProgram {
  readonly cov: SquareMatrix;
  readonly factor: number;
  readonly d: Float64Array;
  readonly upper: (i: number) => number | undefined;
  /** Over the n weights; one (the budget) or two (budget and target return). */
  readonly equalities: readonly LinearRow[];
}

/** Below this many assets the whole programme goes to quadprog at once. */
export const SCREENING_MIN_ASSETS = 80;
const MAX_ROUNDS = 60;

/**
 * Most long-only optima hold a minority of the universe at a positive weight. Solving quadprog over a candidate
 * subset S (the others held at 0) and checking the full problem's KKT conditions for every asset outside S
 * — its reduced cost g_i − Σ_k ν_k·a_ki must be ≥ 0, with g = factor·Σw − d and ν the equality multipliers
 * read off the interior weights — proves the subset solution optimal for the whole convex problem; violators
 * join S and it is solved again. Returns null when the screening cannot decide (then solve the full programme).
 */
export function solveLongOnlyScreened(p: LongOnlyProgram): Result<Float64Array, QpFailure> | null {
  const { cov, factor, d } = p;
  const n = cov.n;
  const S = cov.values;
  if (p.equalities.length < 1 || p.equalities.length > 2) return null;
  const inSet = new Uint8Array(n);
  // Candidates: the lowest variances (what min-variance holds) and the best return per unit of risk.
  const byVariance = Array.from({ length: n }, (_, i) => i).sort((a, b) => S[a * n + a]! - S[b * n + b]!);
  const byReturn = Array.from({ length: n }, (_, i) => i).sort((a, b) => d[b]! / Math.sqrt(S[b * n + b]!) - d[a]! / Math.sqrt(S[a * n + a]!));
  const k0 = Math.min(n, Math.max(40, Math.ceil(n / 8)));
  for (let k = 0; k < k0 / 2; k++) inSet[byVariance[k]!] = 1;
  if (d.some((v) => v !== 0)) for (let k = 0; k < k0 / 2; k++) inSet[byReturn[k]!] = 1;
  else for (let k = 0; k < k0; k++) inSet[byVariance[k]!] = 1;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const sub: number[] = [];
    for (let i = 0; i < n; i++) if (inSet[i]) sub.push(i);
    const m = sub.length;
    const D = new Float64Array(m * m);
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) D[a * m + b] = S[sub[a]! * n + sub[b]!]! * factor;
    const rows: LinearRow[] = [];
    for (let a = 0; a < m; a++) {
      const lo = new Float64Array(m);
      lo[a] = 1;
      rows.push({ a: lo, b: 0, label: 'longOnly' });
      const hi = p.upper(sub[a]!);
      if (hi !== undefined) {
        const up = new Float64Array(m);
        up[a] = -1;
        rows.push({ a: up, b: -hi, label: 'maxWeight' });
      }
    }
    const solved = solveQuadraticProgram({
      n: m,
      D,
      d: Float64Array.from(sub, (i) => d[i]!),
      equalities: p.equalities.map((e) => ({ a: Float64Array.from(sub, (i) => e.a[i]!), b: e.b, label: e.label })),
      inequalities: rows,
    });
    if (!solved.ok) return m === n ? err(solved.error) : null;
    const w = new Float64Array(n);
    sub.forEach((i, a) => (w[i] = solved.value[a]!));
    if (m === n) return ok(w);
    // g = factor·Σw − d over every asset.
    const g = new Float64Array(n);
    let gScale = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (const j of sub) s += S[i * n + j]! * w[j]!;
      g[i] = s * factor - d[i]!;
      gScale = Math.max(gScale, Math.abs(g[i]!));
    }
    const interior = sub.filter((i) => w[i]! > 1e-10 && (p.upper(i) === undefined || w[i]! < p.upper(i)! - 1e-10));
    const nu = multipliers(interior, g, p.equalities);
    if (!nu) return null;
    const tol = 1e-10 * Math.max(gScale, 1e-300);
    const violators: { i: number; v: number }[] = [];
    for (let i = 0; i < n; i++) {
      if (inSet[i]) continue;
      let reduced = g[i]!;
      p.equalities.forEach((e, k) => (reduced -= nu[k]! * e.a[i]!));
      if (reduced < -tol) violators.push({ i, v: reduced });
    }
    if (violators.length === 0) return ok(w);
    violators.sort((a, b) => a.v - b.v);
    for (const { i } of violators.slice(0, Math.max(20, Math.ceil(violators.length / 2)))) inSet[i] = 1;
  }
  return null;
}

/** The equality multipliers ν from g_i = Σ_k ν_k·a_ki on the interior weights (least squares for two). */
function multipliers(interior: readonly number[], g: Float64Array, equalities: readonly LinearRow[]): number[] | null {
  if (equalities.length === 1) {
    const a = equalities[0]!.a;
    let num = 0;
    let den = 0;
    for (const i of interior) {
      num += a[i]! * g[i]!;
      den += a[i]! * a[i]!;
    }
    return den > 0 ? [num / den] : null;
  }
  const [a1, a2] = [equalities[0]!.a, equalities[1]!.a];
  let s11 = 0;
  let s12 = 0;
  let s22 = 0;
  let r1 = 0;
  let r2 = 0;
  for (const i of interior) {
    s11 += a1[i]! * a1[i]!;
    s12 += a1[i]! * a2[i]!;
    s22 += a2[i]! * a2[i]!;
    r1 += a1[i]! * g[i]!;
    r2 += a2[i]! * g[i]!;
  }
  const det = s11 * s22 - s12 * s12;
  if (!(Math.abs(det) > 1e-300) || interior.length < 2) return null;
  return [(s22 * r1 - s12 * r2) / det, (s11 * r2 - s12 * r1) / det];
}
