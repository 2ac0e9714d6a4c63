// Factor correlation matrix and factor ranking by ICIR.

/**
 * Pearson correlation between columns over the rows where every column is finite (one sample for all pairs, so the
 * matrix is a proper correlation matrix). Returns a k × k row-major matrix; NaN for a constant column.
 */
export function correlationMatrix(columns: readonly Float64Array[]): { matrix: Float64Array; rows: number } {
  const k = columns.length;
  const length = k > 0 ? columns[0]!.length : 0;
  const keep: number[] = [];
  for (let i = 0; i < length; i++) if (columns.every((c) => Number.isFinite(c[i]!))) keep.push(i);
  const n = keep.length;
  // Standardized columns, contiguous: the k² dot products then run over dense arrays.
  const z = new Float64Array(k * n);
  const norms = new Float64Array(k);
  columns.forEach((c, j) => {
    let mean = 0;
    for (const i of keep) mean += c[i]!;
    mean /= n;
    let ss = 0;
    for (let r = 0; r < n; r++) {
      const d = c[keep[r]!]! - mean;
      z[j * n + r] = d;
      ss += d * d;
    }
    norms[j] = Math.sqrt(ss);
  });
  const matrix = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    const za = z.subarray(a * n, (a + 1) * n);
    for (let b = a; b < k; b++) {
      const zb = z.subarray(b * n, (b + 1) * n);
      let dot = 0;
      for (let r = 0; r < n; r++) dot += za[r]! * zb[r]!;
      const c = norms[a]! > 0 && norms[b]! > 0 ? dot / (norms[a]! * norms[b]!) : NaN;
      matrix[a * k + b] = a === b && Number.isFinite(c) ? 1 : c;
      matrix[b * k + a] = matrix[a * k + b]!;
    }
  }
  return { matrix, rows: n };
}

/** Factors ordered by ICIR, best first (by |ICIR| when `absolute`: a reliably negative factor is as useful flipped). */
export function rankByIcir<T extends { readonly icir: number }>(factors: readonly T[], absolute = true): T[] {
  const score = (f: T) => (Number.isFinite(f.icir) ? (absolute ? Math.abs(f.icir) : f.icir) : -Infinity);
  return [...factors].sort((a, b) => score(b) - score(a));
}
