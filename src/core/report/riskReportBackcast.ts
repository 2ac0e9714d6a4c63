// The report's performance basis: the current book held unchanged over the last stored daily closes, from today's equity.

import { computePerformance, MS_PER_DAY } from '../analytics';
import { err, ok, type Result } from '../model/result';
import type { PerformanceSection } from './riskReportSections';

export interface BackcastHolding {
  readonly symbol: string;
  readonly quantity: number;
  /** Base-currency value of one unit of the instrument's currency. */
  readonly fxToBase: number;
  /** Daily closes, oldest first, epoch-ms times. */
  readonly times: ArrayLike<number>;
  readonly closes: ArrayLike<number>;
}

export type BackcastError =
  | { readonly code: 'NO_POSITIONS' }
  | { readonly code: 'TOO_FEW_COMMON_DAYS'; readonly days: number; readonly needed: number }
  | { readonly code: 'NON_POSITIVE_EQUITY'; readonly day: number }
  | { readonly code: 'BAD_EQUITY'; readonly equity: number };

export const describeBackcastError = (e: BackcastError): string => {
  switch (e.code) {
    case 'NO_POSITIONS':
      return 'the book is flat: there is no position to measure';
    case 'TOO_FEW_COMMON_DAYS':
      return `only ${e.days} days have a close for every position (${e.needed} needed)`;
    case 'NON_POSITIVE_EQUITY':
      return `the backcast equity reaches zero or below on ${new Date(e.day).toISOString().slice(0, 10)}`;
    case 'BAD_EQUITY':
      return `the account equity ${e.equity} is not a positive number`;
    default: {
      const never: never = e;
      throw new Error(`unknown backcast error ${JSON.stringify(never)}`);
    }
  }
};

/**
 * E_last = today's equity; going back, E_(t-1) = E_t − Σ q_i × fx_i × (c_i,t − c_i,t-1) over the days every holding
 * has a close (UTC dates). The metrics are computePerformance's on that series.
 */
export function backcastPerformance(holdings: readonly BackcastHolding[], equityNow: number, days: number): Result<PerformanceSection, BackcastError> {
  if (!(equityNow > 0) || !Number.isFinite(equityNow)) return err({ code: 'BAD_EQUITY', equity: equityNow });
  const held = holdings.filter((h) => h.quantity !== 0);
  if (held.length === 0) return err({ code: 'NO_POSITIONS' });
  const byDay = held.map((h) => {
    const m = new Map<number, number>();
    for (let i = 0; i < h.times.length; i++) m.set(Math.floor(h.times[i]! / MS_PER_DAY), h.closes[i]!);
    return m;
  });
  const common = [...byDay[0]!.keys()].filter((d) => byDay.every((m) => m.has(d))).sort((a, b) => a - b).slice(-(days + 1));
  if (common.length < 3) return err({ code: 'TOO_FEW_COMMON_DAYS', days: common.length, needed: 3 });
  const n = common.length;
  const values = new Float64Array(n);
  values[n - 1] = equityNow;
  for (let t = n - 1; t > 0; t--) {
    let pnl = 0;
    held.forEach((h, i) => {
      pnl += h.quantity * h.fxToBase * (byDay[i]!.get(common[t]!)! - byDay[i]!.get(common[t - 1]!)!);
    });
    values[t - 1] = values[t]! - pnl;
    if (!(values[t - 1]! > 0)) return err({ code: 'NON_POSITIVE_EQUITY', day: common[t - 1]! * MS_PER_DAY });
  }
  const times = Float64Array.from(common, (d) => d * MS_PER_DAY);
  const perf = computePerformance({ equity: { times, values } });
  if (!perf.ok) throw new Error(`backcast equity refused by the analytics: ${JSON.stringify(perf.error)}`);
  return ok({
    basis: `The current book (${held.length} positions) held unchanged over the last ${n - 1} daily closes every position shares, ending at today's equity; not the account's own history.`,
    equityTimes: times,
    equityValues: values,
    metrics: perf.value.metrics,
  });
}
