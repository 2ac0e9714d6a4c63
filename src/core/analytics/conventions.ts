// The analytics' conventions: one object, exported, printed beside every figure (CLI --json, tear sheet).

/** Trading periods a year: daily returns are annualized with 252 (mean × 252, deviation × √252). */
export const PERIODS_PER_YEAR = 252;

/** Milliseconds in a day: drawdown durations are calendar days between dated equity points. */
export const MS_PER_DAY = 86_400_000;

/** Default window of the rolling Sharpe ratio and rolling beta, in daily returns (half a year). */
export const DEFAULT_ROLLING_WINDOW = 126;

/** Default number of rows in the worst-drawdowns table. */
export const DEFAULT_TOP_DRAWDOWNS = 5;

/** Confidence of the daily VaR and CVaR. */
export const VAR_CONFIDENCE = 0.95;

/**
 * How every figure is computed. Each entry is a sentence a reader can check a number against; the
 * tear sheet prints them beside the metrics table and `nautilus analytics --json` returns them.
 */
export const ANALYTICS_CONVENTIONS = {
  equity: 'Daily equity marked at the close; daily return r_t = E_t / E_(t-1) - 1, so N equity points give N-1 returns.',
  calendar: 'Dates are UTC calendar days of the equity timestamps; months and years are UTC calendar months and years.',
  periodsPerYear: PERIODS_PER_YEAR,
  units: 'Returns, ratios of returns and drawdowns are fractions (0.05 = 5%), not percent.',
  standardDeviation: 'Sample standard deviation (ddof = 1).',
  riskFree: 'Risk-free rate rf is an annual parameter (default 0), converted to a daily rate rf/252 and subtracted from each daily return (Sharpe, Sortino, PSR, alpha, beta).',
  totalReturn: 'Total return = E_last / E_first - 1.',
  cagr: 'CAGR = (E_last / E_first)^(252 / number of daily returns) - 1.',
  volatility: 'Volatility = sample standard deviation of daily returns x sqrt(252).',
  sharpe: 'Sharpe = mean(r - rf/252) / std(r - rf/252) x sqrt(252).',
  sortino: 'Sortino = mean(r - rf/252) / DD x sqrt(252), with downside deviation DD = sqrt(sum(min(r - rf/252, 0)^2) / n) over all n daily returns (as quantstats).',
  calmar: 'Calmar = CAGR / |max drawdown|.',
  omega: 'Omega (threshold 0 per day) = sum(max(r, 0)) / sum(max(-r, 0)).',
  drawdown: 'Drawdown_t = E_t / max(E_0..E_t) - 1 (from the running peak, <= 0). An episode runs from the peak to the first point back at or above it (recovery) or to the last point if unrecovered; its length is in calendar days. Max drawdown duration is the length of the deepest episode; depths within 1e-12 of each other are a tie, and the earlier episode wins.',
  ulcer: 'Ulcer index = sqrt(mean(drawdown_t^2)) over all N equity points, drawdowns as fractions.',
  skew: 'Skew: adjusted Fisher-Pearson (bias-corrected, as pandas Series.skew).',
  kurtosis: 'Kurtosis: excess kurtosis, bias-corrected (as pandas Series.kurt).',
  quantiles: 'Quantiles interpolate linearly between order statistics (numpy "linear", Hyndman-Fan type 7).',
  var: 'Daily VaR 95% (historical) = the 5% quantile of daily returns; CVaR = mean of the daily returns <= VaR. Both reported as returns (negative = loss).',
  tailRatio: 'Tail ratio = |95% quantile / 5% quantile| of daily returns.',
  trades: 'Win rate, profit factor, payoff ratio, average win and loss are on round-trip trade P&L when trades are given (P&L in account currency), else on daily returns (fractions). A zero result counts as neither win nor loss; win rate = wins / (wins + losses).',
  exposure: 'Exposure = mean of the given daily gross exposure / equity; without it, the share of daily returns that are not zero.',
  turnover: 'Turnover = mean of the given daily traded notional / equity x 252 (annual); NaN when not given.',
  psr: 'Probabilistic Sharpe ratio (Bailey & Lopez de Prado) against a Sharpe of 0: Phi(SR x sqrt(n - 1) / sqrt(1 - skew x SR + (kurtosis - 1) / 4 x SR^2)), SR the daily (not annualized) Sharpe, kurtosis non-excess (the bias-corrected excess + 3).',
  benchmark: 'Benchmark aligned on common UTC dates; both return series taken between consecutive common dates. beta = cov/var of daily excess returns (OLS slope); alpha = OLS intercept x 252; correlation = Pearson; tracking error = std(r - r_b) x sqrt(252); information ratio = mean(r - r_b) x 252 / tracking error.',
  periodTables: 'Monthly and yearly returns compound the daily returns dated in the period: prod(1 + r) - 1.',
  rolling: 'Rolling Sharpe and beta over a trailing window of daily returns (default 126), dated at the window end; NaN until the window is full.',
  undefinedValues: 'A ratio whose denominator is zero or undefined (zero volatility — a deviation below 1e-12 (or 1e-12 x |mean| for a mean above 1) is rounding noise and counts as zero —, no losses, no drawdown, too few returns) is NaN (null in JSON), never Infinity.',
} as const;

export type AnalyticsConventions = typeof ANALYTICS_CONVENTIONS;
