// The return series the volatility and regime models read: daily log returns in percent of a close series.
import { err, ok, type Result } from '../model/result';
import type { MlInputError } from './mlInputError';

/**
 * r_t = 100·ln(c_t / c_{t−1}): percent log returns, the scale GARCH software (fGarch, rugarch) is used on, so omega
 * is not a tiny number the optimiser has to find. A σ of r is turned into a σ of simple returns by
 * `simpleReturnSd` below.
 */
export function percentLogReturns(closes: ArrayLike<number>): Result<Float64Array, MlInputError> {
  for (let i = 0; i < closes.length; i++) {
    const c = closes[i]!;
    if (!Number.isFinite(c)) return err({ code: 'NON_FINITE_VALUE', index: i, value: c, message: `close ${i} is ${c}, not a finite number` });
    if (c <= 0) return err({ code: 'NON_POSITIVE_PRICE', index: i, value: c, message: `close ${i} is ${c}: log returns need positive prices` });
  }
  const out = new Float64Array(Math.max(0, closes.length - 1));
  for (let i = 1; i < closes.length; i++) out[i - 1] = 100 * Math.log(closes[i]! / closes[i - 1]!);
  return ok(out);
}

/**
 * The σ of a one-day simple return (a fraction, as parametric VaR wants) from the σ of a percent log return, under
 * normality of the log return with mean m (in percent): Var(e^X − 1) = e^{2μ+s²}(e^{s²} − 1), μ = m/100, s = σ/100.
 */
export function simpleReturnSd(percentLogSd: number, percentLogMean = 0): number {
  const s2 = (percentLogSd / 100) ** 2;
  return Math.sqrt(Math.exp((2 * percentLogMean) / 100 + s2) * Math.expm1(s2));
}
