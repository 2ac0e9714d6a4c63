// Sample covariance and a positive semi-definite Cholesky factor over flat Float64Arrays (row-major n × n).

function dot(x: Float64Array, a: number, b: number, length: number): number {
  let s = 0;
  for (let t = 0; t < length; t++) s += x[a + t]! * x[b + t]!;
  return s;
}

/** S = X'X / (N − 1) of centred returns, scaled by D (S_ij d_i d_j); `returns` symbol-major (i × days + t). */
export function sampleCovariance(returns: Float64Array, n: number, days: number, mean: Float64Array, scale: Float64Array): Float64Array {
  const centred = new Float64Array(n * days);
  for (let i = 0; i < n; i++) {
    const m = mean[i]!;
    const base = i * days;
    for (let t = 0; t < days; t++) centred[base + t] = returns[base + t]! - m;
  }
  const cov = new Float64Array(n * n);
  const denominator = days - 1;
  const put = (i: number, j: number, sum: number): void => {
    const v = (sum / denominator) * scale[i]! * scale[j]!;
    cov[i * n + j] = v;
    cov[j * n + i] = v;
  };
  // Rows i and i + 1 against four columns per pass: each loaded value feeds several dot products.
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const a0 = i * days;
    const a1 = a0 + days;
    let j = 0;
    for (; j + 3 <= i; j += 4) {
      const b0 = j * days;
      const b1 = b0 + days;
      const b2 = b1 + days;
      const b3 = b2 + days;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let t = 0; t < days; t++) {
        const x0 = centred[a0 + t]!;
        const x1 = centred[a1 + t]!;
        const y0 = centred[b0 + t]!;
        const y1 = centred[b1 + t]!;
        const y2 = centred[b2 + t]!;
        const y3 = centred[b3 + t]!;
        s00 += x0 * y0;
        s01 += x0 * y1;
        s02 += x0 * y2;
        s03 += x0 * y3;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s12 += x1 * y2;
        s13 += x1 * y3;
      }
      put(i, j, s00);
      put(i, j + 1, s01);
      put(i, j + 2, s02);
      put(i, j + 3, s03);
      put(i + 1, j, s10);
      put(i + 1, j + 1, s11);
      put(i + 1, j + 2, s12);
      put(i + 1, j + 3, s13);
    }
    for (; j <= i + 1; j++) {
      if (j <= i) put(i, j, dot(centred, a0, j * days, days));
      put(i + 1, j, dot(centred, a1, j * days, days));
    }
  }
  for (; i < n; i++) for (let j = 0; j <= i; j++) put(i, j, dot(centred, i * days, j * days, days));
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
