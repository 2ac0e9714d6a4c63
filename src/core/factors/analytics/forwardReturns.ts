// Forward returns over a panel's close column: close(t + h) / close(t) − 1, NaN where t + h is past the data.

export function forwardReturns(close: Float64Array, dates: number, horizon: number): Float64Array {
  if (!(Number.isInteger(horizon) && horizon >= 1)) throw new Error(`horizon must be a whole number of bars, got ${horizon}`);
  const out = new Float64Array(close.length);
  const symbols = close.length / dates;
  for (let s = 0; s < symbols; s++) {
    const base = s * dates;
    for (let t = 0; t < dates; t++) out[base + t] = t + horizon < dates ? close[base + t + horizon]! / close[base + t]! - 1 : NaN;
  }
  for (let i = 0; i < out.length; i++) if (!Number.isFinite(out[i]!)) out[i] = NaN;
  return out;
}
