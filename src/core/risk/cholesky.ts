// Sample covariance and a positive semi-definite Cholesky factor over flat Float64Arrays (row-major n × n).

/** S = X'X / (N − 1) of centred returns, scaled by D (S_ij d_i d_j); `returns` symbol-major (i × days + t). */
export function sampleCovariance(returns: Float64Array, n: number, days: number, mean: Float64Array, scale: Float64Array): Float64Array {
  const centred = new Float64Array(n * days);
  for (let i = 0; i < n; i++) {
    const m = mean[i]!;
    const base = i * days;
    for (let t = 0; t < days; t++) centred[base + t] = returns[base + t]! - m;
  }
  const cov = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const a = i * days;
    for (let j = 0; j <= i; j++) {
      const b = j * days;
      let s = 0;
      for (let t = 0; t < days; t++) s += centred[a + t]! * centred[b + t]!;
      const v = (s / (days - 1)) * scale[i]! * scale[j]!;
      cov[i * n + j] = v;
      cov[j * n + i] = v;
    }
  }
  return cov;
}

/**
 * Lower-triangular L with LL' = S (row-major). A covariance of more symbols than days is only
 * semi-definite: a pivot at or below n·ε·max(diag) is taken as zero and its column left zero, so the
 * factor reproduces S on its range instead of failing.
 */
export function choleskyLower(cov: Float64Array, n: number): Float64Array {
  const L = new Float64Array(n * n);
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, cov[i * n + i]!);
  const tolerance = n * Number.EPSILON * maxDiag;
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let d = cov[rj + j]!;
    for (let k = 0; k < j; k++) d -= L[rj + k]! * L[rj + k]!;
    if (d <= tolerance) continue;
    const ljj = Math.sqrt(d);
    L[rj + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let s = cov[ri + j]!;
      for (let k = 0; k < j; k++) s -= L[ri + k]! * L[rj + k]!;
      L[ri + j] = s / ljj;
    }
  }
  return L;
}
