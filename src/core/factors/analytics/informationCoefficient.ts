// Information coefficient: per date, the correlation across symbols of a factor with forward returns; and its
// summary (mean, sample std, ICIR, t-statistic).
import { completeSpearman, DatePairs, type DateRanks } from './crossSectionPairs';
import type { CompleteCorrelations } from './rankCorrelations';

export const IC_METHODS = ['spearman', 'pearson'] as const;
export type IcMethod = (typeof IC_METHODS)[number];

export interface IcSeries {
  /** IC per date; NaN where the date was skipped or has no forward return. */
  readonly ic: Float64Array;
  /** Dates with an IC. */
  readonly dates: number;
  /**
   * Dates with a forward return but no IC: fewer than `minSymbols` symbols with both values, or a constant side.
   */
  readonly skippedDates: number;
}

export interface IcSummary {
  readonly meanIC: number;
  /** Sample standard deviation (n − 1) of the per-date ICs. */
  readonly icStd: number;
  /** meanIC / icStd. */
  readonly icir: number;
  /** meanIC / (icStd / √dates). */
  readonly tStat: number;
  readonly dates: number;
  readonly skippedDates: number;
}

/**
 * `factor` and `forward`: date-major columns (toDateMajor). `complete`: for Spearman with both ranks given, their
 * completeSpearman at every date already computed (completeSpearmanSeries, shift 0), to use instead.
 */
export function icSeries(factor: Float64Array, forward: Float64Array, dates: number, method: IcMethod, minSymbols: number, horizon: number, ranks: { factor?: DateRanks; forward?: DateRanks } = {}, complete?: CompleteCorrelations): IcSeries {
  const pairs = new DatePairs(factor.length / dates);
  const ic = new Float64Array(dates).fill(NaN);
  let used = 0;
  let skipped = 0;
  const symbols = factor.length / dates;
  const result = new Float64Array(1);
  for (let t = 0; t + horizon < dates; t++) {
    // Spearman over exactly both dates' finite values: straight from the cached ranks.
    const spearman = method === 'spearman' && ranks.factor && ranks.forward;
    const m = spearman ? (complete ? complete.pairs[t]! : completeSpearman(ranks.factor!, t, ranks.forward!, t, symbols, result)) : -1;
    if (m >= 0) {
      const value = m >= Math.max(2, minSymbols) ? (complete ? complete.value[t]! : result[0]!) : NaN;
      if (Number.isFinite(value)) {
        ic[t] = value;
        used++;
      } else skipped++;
      continue;
    }
    const n = pairs.gather(factor, t, forward, t);
    const value = n >= Math.max(2, minSymbols) ? (method === 'spearman' ? pairs.spearman(ranks.factor, t, ranks.forward, t) : pairs.pearson()) : NaN;
    if (Number.isFinite(value)) {
      ic[t] = value;
      used++;
    } else skipped++;
  }
  return { ic, dates: used, skippedDates: skipped };
}

export function summarizeIc(series: IcSeries): IcSummary {
  let n = 0;
  let sum = 0;
  for (const v of series.ic) {
    if (!Number.isFinite(v)) continue;
    sum += v;
    n++;
  }
  const mean = n > 0 ? sum / n : NaN;
  let ss = 0;
  for (const v of series.ic) if (Number.isFinite(v)) ss += (v - mean) ** 2;
  const std = n > 1 ? Math.sqrt(ss / (n - 1)) : NaN;
  const icir = std > 0 ? mean / std : NaN;
  return { meanIC: mean, icStd: std, icir, tStat: icir * Math.sqrt(n), dates: series.dates, skippedDates: series.skippedDates };
}
