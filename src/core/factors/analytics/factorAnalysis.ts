// One factor's full analysis: IC per date and its summary at the chosen horizon, IC decay over every horizon, and
// the quantile analysis: what the CLI prints and the tear sheet draws.
import { toDateMajor } from '../panel';
import { dateRanks, type DateRanks } from './crossSectionPairs';
import { icSeries, summarizeIc, type IcMethod, type IcSummary } from './informationCoefficient';
import { quantileAnalysis, type QuantileAnalysis } from './quantiles';
import { completeSpearmanSeries, type CompleteCorrelations } from './rankCorrelations';

export interface FactorAnalysisOptions {
  /** The horizon the IC summary and quantiles are for (one of `horizons`). */
  readonly horizon: number;
  /** Horizons for the IC decay. */
  readonly horizons: readonly number[];
  readonly method: IcMethod;
  readonly quantiles: number;
  readonly minSymbols: number;
}

export interface FactorAnalysis extends IcSummary {
  readonly horizon: number;
  readonly method: IcMethod;
  /** IC per date at `horizon` (NaN where skipped). */
  readonly icSeries: Float64Array;
  readonly decay: readonly { readonly horizon: number; readonly meanIC: number; readonly icir: number; readonly dates: number }[];
  readonly quantileAnalysis: QuantileAnalysis;
}

/**
 * Panel-sized buffers one thread reuses from factor to factor (a factor over 3,000 × 2,520 is 60 MB per buffer):
 * the factor date-major and its ranks per date. Nothing a FactorAnalysis returns points into them.
 */
export interface AnalysisWorkspace {
  readonly dateMajor: Float64Array;
  readonly ranks: DateRanks;
}

export const analysisWorkspace = (symbols: number, dates: number): AnalysisWorkspace => ({
  dateMajor: new Float64Array(symbols * dates),
  ranks: { ranks: new Float64Array(symbols * dates), counts: new Int32Array(dates) },
});

/**
 * `values`: the factor, symbol-major; `forwardByDate(h)`: the panel's h-bar forward returns, date-major (computed
 * once per panel and shared by every factor).
 */
export function analyzeFactor(symbolMajor: Float64Array, forwardByDate: (h: number) => Float64Array, dates: number, options: FactorAnalysisOptions, forwardRanks?: (h: number) => DateRanks, workspace?: AnalysisWorkspace): FactorAnalysis {
  const reuse = workspace && workspace.dateMajor.length === symbolMajor.length ? workspace : undefined;
  return analyzeDateMajor(toDateMajor(symbolMajor, dates, reuse?.dateMajor), forwardByDate, dates, options, forwardRanks, reuse);
}

/** analyzeFactor for values already date-major (evaluateOnPanel writes them so); `values` may be the workspace's own. */
export function analyzeDateMajor(values: Float64Array, forwardByDate: (h: number) => Float64Array, dates: number, options: FactorAnalysisOptions, forwardRanks?: (h: number) => DateRanks, workspace?: AnalysisWorkspace): FactorAnalysis {
  const reuse = workspace && workspace.ranks.ranks.length === values.length ? workspace : undefined;
  const forward = forwardByDate;
  // The factor's ranks per date, once: IC at every horizon, the quantiles and the autocorrelation reuse them.
  const factorRanks = dateRanks(values, dates, reuse?.ranks);
  const ranksAt = (h: number) => ({ factor: factorRanks, ...(forwardRanks ? { forward: forwardRanks(h) } : {}) });
  // Spearman with cached forward ranks: every horizon's IC and the rank autocorrelation in one pass per date.
  const horizons = [...new Set([options.horizon, ...options.horizons])];
  const complete = new Map<number | 'previous', CompleteCorrelations>();
  if (options.method === 'spearman' && forwardRanks) {
    const targets = [...horizons.map((h) => ({ ranks: forwardRanks(h), shift: 0 })), { ranks: factorRanks, shift: -1 }];
    const series = completeSpearmanSeries(factorRanks, targets, dates, values.length / dates);
    horizons.forEach((h, i) => complete.set(h, series[i]!));
    complete.set('previous', series[horizons.length]!);
  }
  const series = icSeries(values, forward(options.horizon), dates, options.method, options.minSymbols, options.horizon, ranksAt(options.horizon), complete.get(options.horizon));
  const decay = options.horizons.map((h) => {
    const s = h === options.horizon ? series : icSeries(values, forward(h), dates, options.method, options.minSymbols, h, ranksAt(h), complete.get(h));
    const summary = summarizeIc(s);
    return { horizon: h, meanIC: summary.meanIC, icir: summary.icir, dates: summary.dates };
  });
  return {
    ...summarizeIc(series),
    horizon: options.horizon,
    method: options.method,
    icSeries: series.ic,
    decay,
    quantileAnalysis: quantileAnalysis(values, forward(options.horizon), forward(1), dates, options.quantiles, options.minSymbols, factorRanks, complete.get('previous')),
  };
}
