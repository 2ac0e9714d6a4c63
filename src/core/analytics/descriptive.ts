// Descriptive statistics over Float64Arrays: mean, sample deviation, pandas' skew and kurtosis, type-7 quantiles.

/** Arithmetic mean; NaN for no values. */
export function mean(x: Float64Array): number {
  const n = x.length;
  if (n === 0) return NaN;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i]!;
  return s / n;
}

/** Sample variance (ddof = 1), two-pass for accuracy; NaN below two values. */
export function sampleVariance(x: Float64Array): number {
  const n = x.length;
  if (n < 2) return NaN;
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - m;
    s += d * d;
  }
  return s / (n - 1);
}

/** Sample standard deviation (ddof = 1). */
export function sampleStd(x: Float64Array): number {
  return Math.sqrt(sampleVariance(x));
}

/** Sample covariance (ddof = 1) of two equally long series; NaN below two values. */
export function sampleCovariance(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  if (n < 2 || y.length !== n) return NaN;
  const mx = mean(x);
  const my = mean(y);
  let s = 0;
  for (let i = 0; i < n; i++) s += (x[i]! - mx) * (y[i]! - my);
  return s / (n - 1);
}

/** a / b, or NaN when b is zero or either is not finite: no silent Infinity. */
export function safeRatio(a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return NaN;
  return a / b;
}

/** Central moment sums Σd², Σd³, Σd⁴ about the mean. */
function centralSums(x: Float64Array): { m: number; s2: number; s3: number; s4: number } {
  const m = mean(x);
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x[i]! - m;
    const d2 = d * d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  return { m, s2, s3, s4 };
}

/** Adjusted Fisher–Pearson skewness G1 (pandas Series.skew); NaN below 3 values or with zero variance. */
export function skewness(x: Float64Array): number {
  const n = x.length;
  if (n < 3) return NaN;
  const { s2, s3 } = centralSums(x);
  if (s2 === 0) return NaN;
  const m2 = s2 / n;
  const m3 = s3 / n;
  return ((Math.sqrt(n * (n - 1)) / (n - 2)) * m3) / Math.pow(m2, 1.5);
}

/** Bias-corrected excess kurtosis G2 (pandas Series.kurt); NaN below 4 values or with zero variance. */
export function excessKurtosis(x: Float64Array): number {
  const n = x.length;
  if (n < 4) return NaN;
  const { s2, s4 } = centralSums(x);
  if (s2 === 0) return NaN;
  const a = ((n + 1) * n * (n - 1)) / ((n - 2) * (n - 3));
  const b = (3 * (n - 1) * (n - 1)) / ((n - 2) * (n - 3));
  return (a * s4) / (s2 * s2) - b;
}

/** An ascending copy. */
export function sortedCopy(x: Float64Array): Float64Array {
  return Float64Array.from(x).sort();
}

/** Where quantile p of n sorted values falls: order statistics `lo` and `hi` and the weight of `hi` (type 7). */
export interface QuantilePosition {
  readonly lo: number;
  readonly hi: number;
  readonly weight: number;
}

/** Type-7 position of quantile p among n values (n ≥ 1): h = (n − 1)·p between order statistics ⌊h⌋ and ⌊h⌋ + 1. */
export function quantilePosition(n: number, p: number): QuantilePosition {
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  return { lo, hi: Math.min(lo + 1, n - 1), weight: h - lo };
}

/** Quantile p of ascending `sorted` by linear interpolation between order statistics (numpy default, type 7). */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const { lo, hi, weight } = quantilePosition(n, p);
  const a = sorted[lo]!;
  return a + weight * (sorted[hi]! - a);
}

/** Standard normal CDF: Hart's algorithm (West, 2005); absolute error below 1e-15, relative error about 1e-10 at x = -5 and 1e-8 beyond x = -7. */
export function normalCdf(x: number): number {
  const z = Math.abs(x);
  let c: number;
  if (z > 37) {
    c = 0;
  } else {
    const e = Math.exp((-z * z) / 2);
    if (z < 7.07106781186547) {
      let num = 3.52624965998911e-2 * z + 0.700383064443688;
      num = num * z + 6.37396220353165;
      num = num * z + 33.912866078383;
      num = num * z + 112.079291497871;
      num = num * z + 221.213596169931;
      num = num * z + 220.206867912376;
      let den = 8.83883476483184e-2 * z + 1.75566716318264;
      den = den * z + 16.064177579207;
      den = den * z + 86.7807322029461;
      den = den * z + 296.564248779674;
      den = den * z + 637.333633378831;
      den = den * z + 793.826512519948;
      den = den * z + 440.413735824752;
      c = (e * num) / den;
    } else {
      let b = z + 0.65;
      b = z + 4 / b;
      b = z + 3 / b;
      b = z + 2 / b;
      b = z + 1 / b;
      c = e / b / 2.506628274631;
    }
  }
  return x > 0 ? 1 - c : c;
}
