// The one constrained quadratic programme solver: min ½xᵀDx − dᵀx s.t. equalities then inequalities, by Goldfarb-Idnani (goldfarbIdnani.ts, R quadprog's qpgen2).
import { err, ok, type Result } from '../model/result';
import { solveDenseQp } from './goldfarbIdnani';

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
  const A = new Float64Array(n * rows.length);
  const b = new Float64Array(rows.length);
  rows.forEach((row, k) => {
    A.set(row.a, k * n);
    b[k] = row.b;
  });
  const result = solveDenseQp({ n, D, d, q: rows.length, A, b, meq: qp.equalities.length });
  switch (result.status) {
    case 'OK':
      return ok(result.solution);
    case 'INCONSISTENT':
      return err({ kind: 'INCONSISTENT', active: [...new Set(Array.from(result.active, (k) => rows[k]!.label))] });
    case 'NOT_POSITIVE_DEFINITE':
      return err({ kind: 'NOT_POSITIVE_DEFINITE' });
    default: {
      const unreachable: never = result.status;
      throw new Error(`unknown QP status ${String(unreachable)}`);
    }
  }
}
