// RiskMetrics EWMA volatility, the baseline every GARCH forecast is read against.
import { err, ok, type Result } from '../model/result';
import { checkSeries, type MlInputError } from './mlInputError';

/** RiskMetrics' decay for daily data. */
export const RISKMETRICS_LAMBDA = 0.94;
/** Days whose mean square seeds the recursion: the first variance is their average, not a single squared return. */
export const EWMA_SEED_DAYS = 20;

export interface EwmaVolatility {
  readonly lambda: number;
  /** sigma_t for every day t, using returns before t only (sigma_1… are the seed). */
  readonly conditionalSd: Float64Array;
  /** The forecast for the day after the sample; EWMA's forecast is flat in the horizon. */
  readonly nextSd: number;
}

/** sigma²_t = lambda·sigma²_{t−1} + (1 − lambda)·r²_{t−1}, zero mean, as RiskMetrics (1996) defines it. */
export function ewmaVolatility(returns: ArrayLike<number>, lambda = RISKMETRICS_LAMBDA): Result<EwmaVolatility, MlInputError> {
  if (!(lambda > 0 && lambda < 1)) return err({ code: 'BAD_OPTION', option: 'lambda', message: `lambda must be in (0, 1), got ${lambda}` });
  const bad = checkSeries(returns, 2, 'an EWMA volatility');
  if (bad) return err(bad);
  const n = returns.length;
  const seedDays = Math.min(EWMA_SEED_DAYS, n);
  let variance = 0;
  for (let i = 0; i < seedDays; i++) variance += returns[i]! * returns[i]!;
  variance /= seedDays;
  const sd = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    if (t > 0) variance = lambda * variance + (1 - lambda) * returns[t - 1]! * returns[t - 1]!;
    sd[t] = Math.sqrt(variance);
  }
  const next = lambda * variance + (1 - lambda) * returns[n - 1]! * returns[n - 1]!;
  return ok({ lambda, conditionalSd: sd, nextSd: Math.sqrt(next) });
}
