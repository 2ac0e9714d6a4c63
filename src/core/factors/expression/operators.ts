// The expression language's operators, one table: signature, family and documentation (read by the validator,
// the evaluator, completion in the Research panel and `nautilus factors list --operators`).
import { csNeutralize, csRank, csWinsorize, csZscore } from '../crossSection';
import * as ts from '../timeSeries';

/** What an argument must be: a series (any expression), a window (a positive integer literal), a number literal, a group name. */
export type ArgKind = 'series' | 'window' | 'number' | 'group';

interface OperatorBase {
  readonly args: readonly ArgKind[];
  readonly doc: string;
}

/** A time-series operator: applied to each symbol's series on its own, from bars up to t only. */
export interface TimeSeriesOperator extends OperatorBase {
  readonly family: 'time-series';
  readonly apply: (series: readonly Float64Array[], window: number, numbers: readonly number[], out: Float64Array) => void;
}

/** A cross-sectional operator: applied across symbols at each date. */
export interface CrossSectionOperator extends OperatorBase {
  readonly family: 'cross-section';
  readonly apply: (x: Float64Array, dates: number, numbers: readonly number[], group: Int32Array | undefined, out: Float64Array) => void;
}

/** An element-wise operator: each value from the arguments' values at the same symbol and date. */
export interface ElementOperator extends OperatorBase {
  readonly family: 'element';
  readonly apply: (a: number, b: number, c: number) => number;
}

export type OperatorSpec = TimeSeriesOperator | CrossSectionOperator | ElementOperator;

const timeSeries1 = (doc: string, fn: (x: Float64Array, n: number, out: Float64Array) => void): TimeSeriesOperator => ({
  family: 'time-series',
  args: ['series', 'window'],
  doc,
  apply: (s, n, _numbers, out) => fn(s[0]!, n, out),
});

const element = (args: number, doc: string, apply: (a: number, b: number, c: number) => number): ElementOperator => ({
  family: 'element',
  args: Array.from({ length: args }, () => 'series' as const),
  doc,
  apply,
});

export const OPERATORS: Readonly<Record<string, OperatorSpec>> = {
  ts_delay: timeSeries1('the value n bars ago', ts.tsDelay),
  delta: timeSeries1('x − ts_delay(x, n)', ts.tsDelta),
  ts_mean: timeSeries1('mean of the last n bars', ts.tsMean),
  ts_std: timeSeries1('sample standard deviation (n − 1) of the last n bars', ts.tsStd),
  ts_sum: timeSeries1('sum of the last n bars', ts.tsSum),
  ts_min: timeSeries1('minimum of the last n bars', ts.tsMin),
  ts_max: timeSeries1('maximum of the last n bars', ts.tsMax),
  ts_rank: timeSeries1('percentile rank of this bar in the last n (average ranks for ties) / n', ts.tsRank),
  ts_argmax: timeSeries1('bars since the maximum of the last n (0 = this bar; the oldest on ties)', ts.tsArgmax),
  ts_argmin: timeSeries1('bars since the minimum of the last n (0 = this bar; the oldest on ties)', ts.tsArgmin),
  ts_decay_linear: timeSeries1('weighted mean of the last n bars, weights n (this bar) … 1', ts.tsDecayLinear),
  ts_slope: timeSeries1('slope of the least-squares line of the last n bars against their index', (x, n, out) => ts.tsTrend(x, n, 'slope', out)),
  ts_rsquare: timeSeries1('R² of that line', (x, n, out) => ts.tsTrend(x, n, 'rsquare', out)),
  ts_resi: timeSeries1("this bar's residual from that line", (x, n, out) => ts.tsTrend(x, n, 'residual', out)),
  ts_quantile: {
    family: 'time-series',
    args: ['series', 'window', 'number'],
    doc: 'the q-quantile (0 ≤ q ≤ 1) of the last n bars, linear interpolation',
    apply: (s, n, numbers, out) => ts.tsQuantile(s[0]!, n, numbers[0]!, out),
  },
  ts_corr: { family: 'time-series', args: ['series', 'series', 'window'], doc: 'Pearson correlation of x and y over the last n bars', apply: (s, n, _q, out) => ts.tsCorr(s[0]!, s[1]!, n, out) },
  ts_cov: { family: 'time-series', args: ['series', 'series', 'window'], doc: 'sample covariance of x and y over the last n bars', apply: (s, n, _q, out) => ts.tsCov(s[0]!, s[1]!, n, out) },
  rank: { family: 'cross-section', args: ['series'], doc: 'rank across symbols at each date, average ranks for ties, scaled 0–1', apply: (x, d, _n, _g, out) => csRank(x, d, out) },
  zscore: { family: 'cross-section', args: ['series'], doc: '(x − mean) / sample std across symbols at each date', apply: (x, d, _n, _g, out) => csZscore(x, d, out) },
  winsorize: { family: 'cross-section', args: ['series', 'number'], doc: 'x clipped to mean ± k sample std across symbols at each date', apply: (x, d, n, _g, out) => csWinsorize(x, d, n[0]!, out) },
  neutralize: { family: 'cross-section', args: ['series', 'group'], doc: 'x minus its group mean (sector, industry) at each date', apply: (x, d, _n, g, out) => csNeutralize(x, d, g!, out) },
  log: element(1, 'natural logarithm (NaN at or below 0)', (a) => (a > 0 ? Math.log(a) : NaN)),
  abs: element(1, 'absolute value', (a) => Math.abs(a)),
  sign: element(1, '−1, 0 or 1', (a) => Math.sign(a)),
  sqrt: element(1, 'square root (NaN below 0)', (a) => (a >= 0 ? Math.sqrt(a) : NaN)),
  pow: element(2, 'x to the power y', (a, b) => Math.pow(a, b)),
  min: element(2, 'the smaller of x and y', (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.min(a, b))),
  max: element(2, 'the larger of x and y', (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b))),
  if: element(3, 'y where the condition is non-zero, z where it is zero (NaN where it is NaN)', (c, a, b) => (Number.isNaN(c) ? NaN : c !== 0 ? a : b)),
};

/** Element-wise binary operators; comparisons give 1 or 0, NaN when either side is NaN. */
export const BINARY: Readonly<Record<string, (a: number, b: number) => number>> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '<': (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : a < b ? 1 : 0),
  '>': (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : a > b ? 1 : 0),
  '<=': (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : a <= b ? 1 : 0),
  '>=': (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : a >= b ? 1 : 0),
  '==': (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : a === b ? 1 : 0),
  '!=': (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : a !== b ? 1 : 0),
};

/** Bar fields every panel carries. `vwap` is the bar's typical price (high + low + close) / 3: bars store no traded VWAP. */
export const BAR_FIELDS = ['open', 'high', 'low', 'close', 'volume', 'vwap'] as const;
export type BarField = (typeof BAR_FIELDS)[number];

/** Groupings `neutralize` accepts. */
export const GROUPS = ['sector', 'industry'] as const;

/** Field functions: `feature("rsi:14")` reads a stored feature, `fundamental("pe")` a point-in-time fundamental. */
export const FIELD_FUNCTIONS = ['feature', 'fundamental'] as const;
export type FieldFunction = (typeof FIELD_FUNCTIONS)[number];
