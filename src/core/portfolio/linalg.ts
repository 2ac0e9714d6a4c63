// Dense symmetric linear algebra over row-major Float64Arrays: Cholesky, solves and quadratic forms for the optimizers.

/** An n×n matrix, row-major. */
export interface SquareMatrix {
  readonly n: number;
  readonly values: Float64Array;
}

export const squareMatrix = (n: number, values = new Float64Array(n * n)): SquareMatrix => ({ n, values });

/**
 * Lower Cholesky factor L (row-major, L·Lᵀ = A), or the index of the first pivot that is not
 * positive relative to the diagonal's scale (the matrix is singular or not positive definite there).
 */
export function cholesky(a: SquareMatrix): { ok: true; factor: SquareMatrix } | { ok: false; pivot: number } {
  const { n, values: A } = a;
  const L = new Float64Array(n * n);
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(A[i * n + i]!));
  const tiny = scale * n * 1e-14;
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let d = A[rj + j]!;
    for (let k = 0; k < j; k++) d -= L[rj + k]! * L[rj + k]!;
    if (!(d > tiny)) return { ok: false, pivot: j };
    const ljj = Math.sqrt(d);
    L[rj + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let s = A[ri + j]!;
      for (let k = 0; k < j; k++) s -= L[ri + k]! * L[rj + k]!;
      L[ri + j] = s / ljj;
    }
  }
  return { ok: true, factor: { n, values: L } };
}

/** Solves (L·Lᵀ) x = b given the lower Cholesky factor L. */
export function choleskySolve(factor: SquareMatrix, b: Float64Array): Float64Array {
  const { n, values: L } = factor;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i * n + k]! * y[k]!;
    y[i] = s / L[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= L[k * n + i]! * x[k]!;
    x[i] = s / L[i * n + i]!;
  }
  return x;
}

/** A·x for a square matrix. */
export function matVec(a: SquareMatrix, x: Float64Array): Float64Array {
  const { n, values } = a;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const r = i * n;
    for (let j = 0; j < n; j++) s += values[r + j]! * x[j]!;
    out[i] = s;
  }
  return out;
}

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** xᵀ·A·x. */
export const quadraticForm = (a: SquareMatrix, x: Float64Array): number => dot(x, matVec(a, x));

/** The sub-matrix on the given indices (rows and columns). */
export function subMatrix(a: SquareMatrix, indices: readonly number[]): SquareMatrix {
  const m = indices.length;
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) out[i * m + j] = a.values[indices[i]! * a.n + indices[j]!]!;
  return { n: m, values: out };
}

/** Inverse of a small dense matrix by Gauss-Jordan with partial pivoting; null when singular. */
export function invertSmall(a: SquareMatrix): SquareMatrix | null {
  const n = a.n;
  const m = Float64Array.from(a.values);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]!) > Math.abs(m[p * n + c]!)) p = r;
    const pivot = m[p * n + c]!;
    if (Math.abs(pivot) < 1e-300 || !Number.isFinite(pivot)) return null;
    if (p !== c) {
      for (let k = 0; k < n; k++) {
        [m[p * n + k], m[c * n + k]] = [m[c * n + k]!, m[p * n + k]!];
        [inv[p * n + k], inv[c * n + k]] = [inv[c * n + k]!, inv[p * n + k]!];
      }
    }
    for (let k = 0; k < n; k++) {
      m[c * n + k]! /= pivot;
      inv[c * n + k]! /= pivot;
    }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r * n + c]!;
      if (f === 0) continue;
      for (let k = 0; k < n; k++) {
        m[r * n + k]! -= f * m[c * n + k]!;
        inv[r * n + k]! -= f * inv[c * n + k]!;
      }
    }
  }
  return { n, values: inv };
}
