// The portfolio-risk conventions: defaults and one sentence per figure, printed beside every VaR/ES, stress and exposure figure.

/** Default historical window: daily P&L scenarios (returns), so the window needs one more close. */
export const DEFAULT_VAR_WINDOW = 500;
export const DEFAULT_CONFIDENCES: readonly number[] = [0.95, 0.99];
export const DEFAULT_MONTE_CARLO_PATHS = 10_000;
/** Average daily volume over this many days for the liquidity figure. */
export const DEFAULT_ADV_DAYS = 20;
/** Share of the average daily volume one can trade a day when liquidating. */
export const DEFAULT_PARTICIPATION = 0.1;

export const RISK_CONVENTIONS = {
  horizon: 'One-day horizon. VaR and ES are positive amounts of the base currency (a loss of that size).',
  valuation: 'Position value = quantity x last close x multiplier, in the instrument currency, times the current FX rate to the base currency; FX rates are held at today\'s rate in every scenario; a symbol without instrument data counts in the base currency with multiplier 1.',
  scenarios: 'Dates are the dates on which every symbol of the book has a daily close; a window of N uses the last N + 1 common closes, i.e. N simple daily returns r_t = C_t / C_(t-1) - 1.',
  historical: 'Historical: day-t P&L = sum of position value x r_t over the window; VaR = -(1 - c) quantile of those N P&Ls with linear interpolation between order statistics (numpy "linear", type 7); ES = -mean of the P&Ls at or below -VaR.',
  parametric: 'Parametric: zero mean, sigma^2 = w\'Sw with S the sample covariance (N - 1 denominator) of the same N returns; VaR = z_c sigma, ES = sigma phi(z_c) / (1 - c). A volatility override replaces a symbol\'s sample daily sigma and keeps the sample correlations.',
  monteCarlo: 'Monte Carlo: zero-mean normal returns with the parametric covariance, drawn as L e with S = LL\' (Cholesky, positive semi-definite tolerant) from a seeded random source; VaR and ES are the historical estimators over the simulated P&Ls.',
  components: 'Component VaR/ES sum to the total: historical and Monte Carlo apply the quantile\'s interpolation weights (VaR) or the tail mean (ES) to each position\'s P&L in the same scenarios; parametric uses Euler, w_i (Sw)_i / sigma x z_c (ES: x phi(z_c) / (1 - c)). Marginal VaR is per unit of base-currency value, so component = value x marginal.',
  stress: 'Historical stress: the book as it is now revalued over every N-day window of the stored common history, P&L = sum of value x (C_(t+N) / C_t - 1); the worst non-overlapping windows are listed. Shock stress: a symbol shock overrides its sector\'s shock; a currency shock moves the FX rate, so the position return is (1 + price shock)(1 + currency shock) - 1.',
  exposures: 'Exposures in the base currency: net = sum of values, gross = sum of |values|, long = sum of positive values, short = sum of negative values. Beta = cov(r_i, r_b) / var(r_b) over the window; dollar beta = value x beta; book beta = dollar beta / net value.',
  liquidity: 'Days to liquidate = |quantity| / (participation x average daily volume of the last 20 stored days).',
} as const;
