// Daily simple returns from equity, total return and CAGR.

import { PERIODS_PER_YEAR } from './conventions';

/** r_t = E_t / E_(t-1) - 1 for t = 1..N-1; an empty array for fewer than two points. */
export function simpleReturns(equity: Float64Array): Float64Array {
  const n = equity.length;
  if (n < 2) return new Float64Array(0);
  const r = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) r[i - 1] = equity[i]! / equity[i - 1]! - 1;
  return r;
}

/** E_last / E_first - 1; NaN for an empty series, 0 for one point. */
export function totalReturn(equity: Float64Array): number {
  const n = equity.length;
  return n === 0 ? NaN : equity[n - 1]! / equity[0]! - 1;
}

/** (E_last / E_first)^(252 / number of daily returns) - 1; NaN below two points. */
export function cagr(equity: Float64Array, periodsPerYear = PERIODS_PER_YEAR): number {
  const n = equity.length;
  if (n < 2) return NaN;
  return Math.pow(equity[n - 1]! / equity[0]!, periodsPerYear / (n - 1)) - 1;
}

/** Equity levels from returns, starting at `start`: the inverse of simpleReturns. */
export function equityFromReturns(returns: Float64Array, start = 1): Float64Array {
  const e = new Float64Array(returns.length + 1);
  e[0] = start;
  for (let i = 0; i < returns.length; i++) e[i + 1] = e[i]! * (1 + returns[i]!);
  return e;
}

/** Daily risk-free rate: the annual rate / 252. */
export function dailyRiskFree(annualRate: number, periodsPerYear = PERIODS_PER_YEAR): number {
  return annualRate / periodsPerYear;
}

/** r - rf_daily, element-wise. */
export function excessReturns(returns: Float64Array, rfDaily: number): Float64Array {
  if (rfDaily === 0) return returns;
  const out = new Float64Array(returns.length);
  for (let i = 0; i < returns.length; i++) out[i] = returns[i]! - rfDaily;
  return out;
}
