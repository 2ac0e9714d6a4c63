// The one constrained quadratic programme solver: min ½xᵀDx − dᵀx s.t. equalities then inequalities, by quadprog (Goldfarb-Idnani).
import { solveQP } from 'quadprog';
import { err, ok, type Result } from '../model/result';

/** A dense linear constraint a·x (= or ≥) b over all variables. */
export interface LinearRow {
  readonly a: Float64Array;
  readonly b: number;
  /** Which constraint this row belongs to, named in an infeasibility error. */
  readonly label: string;
}

export interface QuadraticProgram {
  /** Variables. */
  readonly n: number;
  /** D, n×n row-major, symmetric positive definite. */
  readonly D: Float64Array;
  readonly d: Float64Array;
  readonly equalities: readonly LinearRow[];
  readonly inequalities: readonly LinearRow[];
}

export type QpFailure = { readonly kind: 'INCONSISTENT'; readonly active: readonly string[] } | { readonly kind: 'NOT_POSITIVE_DEFINITE' };

/** Solves the programme; every input is assumed finite (the optimizers validate before building it). */
export function solveQuadraticProgram(qp: QuadraticProgram): Result<Float64Array, QpFailure> {
  const { n, D, d } = qp;
  const rows = [...qp.equalities, ...qp.inequalities];
  const Dmat: number[][] = [[]];
  const dvec: number[] = [0];
  const Amat: number[][] = [[]];
  const bvec: number[] = [0];
  for (let i = 0; i < n; i++) {
    const r: number[] = [0];
    for (let j = 0; j < n; j++) r.push(D[i * n + j]!);
    Dmat.push(r);
    dvec.push(d[i]!);
    const a: number[] = [0];
    for (const row of rows) a.push(row.a[i]!);
    // quadprog needs at least one constraint column.
    if (rows.length === 0) a.push(0);
    Amat.push(a);
  }
  for (const row of rows) bvec.push(row.b);
  if (rows.length === 0) bvec.push(-1);
  const result = solveQP(Dmat, dvec, Amat, bvec, qp.equalities.length);
  if (result.message.startsWith('constraints are inconsistent')) {
    const active = new Set<string>();
    for (let k = 1; k < result.iact.length; k++) {
      const at = result.iact[k]!;
      if (at > 0 && rows[at - 1]) active.add(rows[at - 1]!.label);
    }
    return err({ kind: 'INCONSISTENT', active: [...active] });
  }
  if (result.message.startsWith('matrix D')) return err({ kind: 'NOT_POSITIVE_DEFINITE' });
  if (result.message !== '') throw new Error(`quadprog: ${result.message}`);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = result.solution[i + 1]!;
  return ok(x);
}
