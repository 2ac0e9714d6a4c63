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
  // Four columns against one at a time: each pass over za feeds four dot products (za read once, not four times).
  // Each dot still sums its products in row order, so the values are those of one dot product at a time.
  const set = (a: number, b: number, dot: number) => {
    const c = norms[a]! > 0 && norms[b]! > 0 ? dot / (norms[a]! * norms[b]!) : NaN;
    matrix[a * k + b] = a === b && Number.isFinite(c) ? 1 : c;
    matrix[b * k + a] = matrix[a * k + b]!;
  };
  for (let a = 0; a < k; a++) {
    const oa = a * n;
    let b = a;
    for (; b + 3 < k; b += 4) {
      const o0 = b * n;
      const o1 = o0 + n;
      const o2 = o1 + n;
      const o3 = o2 + n;
      let d0 = 0;
      let d1 = 0;
      let d2 = 0;
      let d3 = 0;
      for (let r = 0; r < n; r++) {
        const v = z[oa + r]!;
        d0 += v * z[o0 + r]!;
        d1 += v * z[o1 + r]!;
        d2 += v * z[o2 + r]!;
        d3 += v * z[o3 + r]!;
      }
      set(a, b, d0);
      set(a, b + 1, d1);
      set(a, b + 2, d2);
      set(a, b + 3, d3);
    }
    for (; b < k; b++) {
      const ob = b * n;
      let dot = 0;
      for (let r = 0; r < n; r++) dot += z[oa + r]! * z[ob + r]!;
      set(a, b, dot);
    }
  }
  return { matrix, rows: n };
}

/** Factors ordered by ICIR, best first (by |ICIR| when `absolute`: a reliably negative factor is as useful flipped). */
export function rankByIcir<T extends { readonly icir: number }>(factors: readonly T[], absolute = true): T[] {
  const score = (f: T) => (Number.isFinite(f.icir) ? (absolute ? Math.abs(f.icir) : f.icir) : -Infinity);
  return [...factors].sort((a, b) => score(b) - score(a));
}
