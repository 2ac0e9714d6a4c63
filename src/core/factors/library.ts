// The factor library: price-volume factors in the family of Qlib's Alpha158, each a named expression of the factor
// language. This table is the one place their formulas live: `nautilus factors list`, the docs and the Research
// panel read it.

export interface LibraryFactor {
  /** `<operator><window>` (KMID and the other K-bar factors have no window). */
  readonly name: string;
  readonly family: 'kbar' | 'price' | 'rolling';
  readonly expression: string;
  readonly description: string;
}

export const LIBRARY_WINDOWS = [5, 10, 20, 30, 60] as const;

const EPS = '1e-12';
const RET = 'close / ts_delay(close, 1)';

const KBAR: readonly [string, string, string][] = [
  ['KMID', '(close - open) / open', 'body relative to the open'],
  ['KLEN', '(high - low) / open', 'range relative to the open'],
  ['KMID2', `(close - open) / (high - low + ${EPS})`, 'body relative to the range'],
  ['KUP', '(high - max(open, close)) / open', 'upper shadow relative to the open'],
  ['KUP2', `(high - max(open, close)) / (high - low + ${EPS})`, 'upper shadow relative to the range'],
  ['KLOW', '(min(open, close) - low) / open', 'lower shadow relative to the open'],
  ['KLOW2', `(min(open, close) - low) / (high - low + ${EPS})`, 'lower shadow relative to the range'],
  ['KSFT', '(2 * close - high - low) / open', 'close against the middle of the range, relative to the open'],
  ['KSFT2', `(2 * close - high - low) / (high - low + ${EPS})`, 'close against the middle of the range, relative to the range'],
];

const PRICE: readonly [string, string, string][] = [
  ['OPEN0', 'open / close', 'open relative to the close'],
  ['HIGH0', 'high / close', 'high relative to the close'],
  ['LOW0', 'low / close', 'low relative to the close'],
  ['VWAP0', 'vwap / close', 'typical price relative to the close'],
];

/** Rolling factors: the formula with `d` for the window. */
const ROLLING: readonly [string, (d: number) => string, string][] = [
  ['ROC', (d) => `ts_delay(close, ${d}) / close`, 'close d bars ago relative to the close (rate of change)'],
  ['MA', (d) => `ts_mean(close, ${d}) / close`, 'moving average relative to the close'],
  ['STD', (d) => `ts_std(close, ${d}) / close`, 'standard deviation of the close relative to the close'],
  ['BETA', (d) => `ts_slope(close, ${d}) / close`, 'slope of the linear trend of the close, relative to the close'],
  ['RSQR', (d) => `ts_rsquare(close, ${d})`, 'R² of the linear trend of the close'],
  ['RESI', (d) => `ts_resi(close, ${d}) / close`, 'residual of the close from its linear trend, relative to the close'],
  ['MAX', (d) => `ts_max(high, ${d}) / close`, 'highest high relative to the close'],
  ['MIN', (d) => `ts_min(low, ${d}) / close`, 'lowest low relative to the close'],
  ['QTLU', (d) => `ts_quantile(close, ${d}, 0.8) / close`, 'upper (80%) quantile of the close relative to the close'],
  ['QTLD', (d) => `ts_quantile(close, ${d}, 0.2) / close`, 'lower (20%) quantile of the close relative to the close'],
  ['RANK', (d) => `ts_rank(close, ${d})`, 'percentile rank of the close in its window'],
  ['RSV', (d) => `(close - ts_min(low, ${d})) / (ts_max(high, ${d}) - ts_min(low, ${d}) + ${EPS})`, 'close within the window range (stochastic %K)'],
  ['IMAX', (d) => `ts_argmax(high, ${d}) / ${d}`, 'bars since the highest high, as a fraction of the window'],
  ['IMIN', (d) => `ts_argmin(low, ${d}) / ${d}`, 'bars since the lowest low, as a fraction of the window'],
  ['IMXD', (d) => `(ts_argmin(low, ${d}) - ts_argmax(high, ${d})) / ${d}`, 'distance from the lowest low to the highest high'],
  ['CORR', (d) => `ts_corr(close, log(volume + 1), ${d})`, 'correlation of the close with log volume'],
  ['CORD', (d) => `ts_corr(${RET}, log(volume / ts_delay(volume, 1) + 1), ${d})`, 'correlation of price change with volume change'],
  ['CNTP', (d) => `ts_mean(close > ts_delay(close, 1), ${d})`, 'share of up bars'],
  ['CNTN', (d) => `ts_mean(close < ts_delay(close, 1), ${d})`, 'share of down bars'],
  ['CNTD', (d) => `ts_mean(close > ts_delay(close, 1), ${d}) - ts_mean(close < ts_delay(close, 1), ${d})`, 'share of up bars minus share of down bars'],
  ['SUMP', (d) => `ts_sum(max(delta(close, 1), 0), ${d}) / (ts_sum(abs(delta(close, 1)), ${d}) + ${EPS})`, 'gains over total moves (RSI-like)'],
  ['SUMN', (d) => `ts_sum(max(-delta(close, 1), 0), ${d}) / (ts_sum(abs(delta(close, 1)), ${d}) + ${EPS})`, 'losses over total moves'],
  ['SUMD', (d) => `(ts_sum(max(delta(close, 1), 0), ${d}) - ts_sum(max(-delta(close, 1), 0), ${d})) / (ts_sum(abs(delta(close, 1)), ${d}) + ${EPS})`, 'gains minus losses over total moves'],
  ['VMA', (d) => `ts_mean(volume, ${d}) / (volume + ${EPS})`, 'mean volume relative to this bar\'s volume'],
  ['VSTD', (d) => `ts_std(volume, ${d}) / (volume + ${EPS})`, 'volume standard deviation relative to this bar\'s volume'],
  ['WVMA', (d) => `ts_std(abs(${RET} - 1) * volume, ${d}) / (ts_mean(abs(${RET} - 1) * volume, ${d}) + ${EPS})`, 'variation of volume-weighted absolute returns'],
  ['VSUMP', (d) => `ts_sum(max(delta(volume, 1), 0), ${d}) / (ts_sum(abs(delta(volume, 1)), ${d}) + ${EPS})`, 'volume increases over total volume changes'],
  ['VSUMN', (d) => `ts_sum(max(-delta(volume, 1), 0), ${d}) / (ts_sum(abs(delta(volume, 1)), ${d}) + ${EPS})`, 'volume decreases over total volume changes'],
  ['VSUMD', (d) => `(ts_sum(max(delta(volume, 1), 0), ${d}) - ts_sum(max(-delta(volume, 1), 0), ${d})) / (ts_sum(abs(delta(volume, 1)), ${d}) + ${EPS})`, 'volume increases minus decreases over total changes'],
];

export const FACTOR_LIBRARY: readonly LibraryFactor[] = [
  ...KBAR.map(([name, expression, description]) => ({ name, family: 'kbar' as const, expression, description })),
  ...PRICE.map(([name, expression, description]) => ({ name, family: 'price' as const, expression, description })),
  ...ROLLING.flatMap(([op, formula, description]) =>
    LIBRARY_WINDOWS.map((d) => ({ name: `${op}${d}`, family: 'rolling' as const, expression: formula(d), description: `${description}, ${d} bars` })),
  ),
];

const BY_NAME = new Map(FACTOR_LIBRARY.map((f) => [f.name, f]));

export const libraryFactor = (name: string): LibraryFactor | undefined => BY_NAME.get(name);
