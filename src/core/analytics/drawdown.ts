// Drawdowns from the running peak: the underwater series, its episodes, max drawdown and the Ulcer index.

import { MS_PER_DAY } from './conventions';

/** dd_t = E_t / max(E_0..E_t) - 1, always <= 0. */
export function drawdownSeries(equity: Float64Array): Float64Array {
  const dd = new Float64Array(equity.length);
  let peak = -Infinity;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i]!;
    if (e > peak) peak = e;
    dd[i] = e / peak - 1;
  }
  return dd;
}

/** One drawdown episode, by index into the equity series and its dates. */
export interface DrawdownEpisode {
  /** Index and time of the peak the episode falls from. */
  readonly peakIndex: number;
  readonly peakTime: number;
  readonly troughIndex: number;
  readonly troughTime: number;
  /** First point back at or above the peak; null while unrecovered at the end of the series. */
  readonly recoveryIndex: number | null;
  readonly recoveryTime: number | null;
  /** Deepest drawdown of the episode, a fraction <= 0. */
  readonly depth: number;
  /** Calendar days from the peak to the recovery, or to the last point if unrecovered. */
  readonly lengthDays: number;
  /** Equity points from the peak to the recovery (or last point). */
  readonly lengthPoints: number;
}

/** Every episode in time order: each maximal run of points below the running peak. */
export function drawdownEpisodes(times: Float64Array, dd: Float64Array): DrawdownEpisode[] {
  const out: DrawdownEpisode[] = [];
  const n = dd.length;
  let i = 0;
  while (i < n) {
    if (dd[i]! >= 0) {
      i++;
      continue;
    }
    const peak = i - 1; // dd[0] is always 0, so a run never starts at 0
    let trough = i;
    while (i < n && dd[i]! < 0) {
      if (dd[i]! < dd[trough]!) trough = i;
      i++;
    }
    const recovery = i < n ? i : null;
    const end = recovery ?? n - 1;
    out.push({
      peakIndex: peak,
      peakTime: times[peak]!,
      troughIndex: trough,
      troughTime: times[trough]!,
      recoveryIndex: recovery,
      recoveryTime: recovery === null ? null : times[recovery]!,
      depth: dd[trough]!,
      lengthDays: (times[end]! - times[peak]!) / MS_PER_DAY,
      lengthPoints: end - peak,
    });
  }
  return out;
}

/**
 * Depths closer than this (as fractions: a ten-billionth of a percent) rank as a tie. A depth is E/peak - 1, so it
 * carries a few ulps of 1 (~1e-16) of rounding: two equally deep drawdowns (say -0.1% twice) can come out a few ulps
 * apart, and which one ranks first would otherwise flip with the account's scale (dollars against cents).
 */
export const DRAWDOWN_DEPTH_TIE = 1e-12;

/** The `count` deepest episodes, deepest first (ties, within DRAWDOWN_DEPTH_TIE: earlier first). */
export function worstDrawdowns(episodes: readonly DrawdownEpisode[], count: number): DrawdownEpisode[] {
  return [...episodes]
    .sort((a, b) => (Math.abs(a.depth - b.depth) <= DRAWDOWN_DEPTH_TIE ? a.peakIndex - b.peakIndex : a.depth - b.depth))
    .slice(0, count);
}

/** The deepest drawdown, a fraction <= 0; NaN for an empty series. */
export function maxDrawdown(dd: Float64Array): number {
  if (dd.length === 0) return NaN;
  let m = 0;
  for (let i = 0; i < dd.length; i++) if (dd[i]! < m) m = dd[i]!;
  return m;
}

/** sqrt(mean(dd^2)) over all points; NaN for an empty series. */
export function ulcerIndex(dd: Float64Array): number {
  if (dd.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < dd.length; i++) s += dd[i]! * dd[i]!;
  return Math.sqrt(s / dd.length);
}
