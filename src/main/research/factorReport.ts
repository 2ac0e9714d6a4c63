// A factor run's answer: per-factor summaries ranked by ICIR, per-date series for the tear sheet and the
// correlation matrix, as JSON-safe values (null for a missing figure).
import { correlationMatrix, csRank, rankByIcir, type ExpressionError, type FactorSpecError } from '../../core/factors';
import type { AnalyzedFactor, PanelError as EnginePanelError } from '../../engines/factors/factorsEngine';
import type { FactorAnalysisRequest, FactorReport, FactorSeries, FactorSummary } from '../../shared/contracts/factors';
import type { FactorQueueError } from '../team/factorJob';
import type { AnalysisRun } from './factorService';

export type FactorRunError =
  | ((FactorSpecError | ExpressionError | EnginePanelError) & { readonly factor?: string; readonly expression?: string })
  | { readonly code: 'UNKNOWN_FACTOR' | 'DUPLICATE_FACTOR'; readonly message: string; readonly name: string }
  | { readonly code: 'CANCELLED'; readonly message: string }
  | FactorQueueError;

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);
const nums = (xs: ArrayLike<number>): (number | null)[] => Array.from(xs, num);

export function summarize(f: AnalyzedFactor): FactorSummary {
  const a = f.analysis;
  const q = a.quantileAnalysis;
  return {
    name: f.name,
    expression: f.expression,
    meanIC: num(a.meanIC),
    icStd: num(a.icStd),
    icir: num(a.icir),
    tStat: num(a.tStat),
    dates: a.dates,
    skippedDates: a.skippedDates,
    quantiles: q.quantiles.map(num),
    longShort: num(q.longShort),
    turnover: { top: num(q.meanTurnover.top), bottom: num(q.meanTurnover.bottom) },
    rankAutocorrelation: num(q.meanRankAutocorrelation),
    decay: a.decay.map((d) => ({ horizon: d.horizon, meanIC: num(d.meanIC), icir: num(d.icir) })),
  };
}

function series(f: AnalyzedFactor): FactorSeries {
  const q = f.analysis.quantileAnalysis;
  return {
    name: f.name,
    ic: nums(f.analysis.icSeries),
    cumulative: q.cumulative.map(nums),
    cumulativeSpread: nums(q.cumulativeSpread),
    turnoverTop: nums(q.turnoverTop),
    turnoverBottom: nums(q.turnoverBottom),
  };
}

/**
 * Correlation between factors: Pearson over every (symbol, date) where all of them have a value, of their per-date
 * cross-sectional ranks, so one factor's scale or outliers do not dominate.
 */
export function factorCorrelation(analyzed: readonly AnalyzedFactor[], dates: number): FactorReport['correlation'] {
  const ranked = analyzed.map((f) => {
    if (!f.values) throw new Error(`${f.name}: values were not returned for the correlation matrix`);
    const r = new Float64Array(f.values.length);
    csRank(f.values, dates, r);
    return r;
  });
  const { matrix, rows } = correlationMatrix(ranked);
  const k = analyzed.length;
  return { names: analyzed.map((f) => f.name), matrix: Array.from({ length: k }, (_, i) => nums(matrix.subarray(i * k, (i + 1) * k))), rows };
}

export function toReport(runId: string, request: FactorAnalysisRequest, run: AnalysisRun, durationMs: number): FactorReport {
  const ranked = rankByIcir(run.analyzed.map((f) => ({ f, icir: f.analysis.icir })));
  return {
    runId,
    timeframe: request.timeframe,
    horizon: request.horizon,
    method: request.method,
    symbols: run.panel.symbols.length,
    times: Array.from(run.panel.times),
    factors: ranked.map(({ f }) => summarize(f)),
    series: ranked.map(({ f }) => series(f)),
    correlation: request.correlation ? factorCorrelation(run.analyzed, run.panel.times.length) : null,
    durationMs,
  };
}
