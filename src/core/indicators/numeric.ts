// Small numeric helpers shared by the indicators: TA-Lib's zero test, the NaN check and the true range used on hot paths.

/** TA-Lib's TA_EPSILON: running sums closer to zero than this are treated as zero, as TA-Lib does. */
export const TA_EPSILON = 1e-14;

export function isZero(v: number): boolean {
  return -TA_EPSILON < v && v < TA_EPSILON;
}

/** Faster than Number.isNaN on hot paths and inlined by V8. */
export function isNaNValue(v: number): boolean {
  return v !== v;
}

/** A Float64Array of `n` NaNs. */
export function nanArray(n: number): Float64Array {
  return new Float64Array(n).fill(NaN);
}

/** Wilder's true range: max(H − L, |H − C₋₁|, |L − C₋₁|). Small enough for V8 to inline on hot paths. */
export function trueRange(high: number, low: number, prevClose: number): number {
  let tr = high - low;
  const a = Math.abs(prevClose - high);
  if (a > tr) tr = a;
  const b = Math.abs(prevClose - low);
  return b > tr ? b : tr;
}
