// The open backtest run's fills as chart markers on the chart's symbol: each fill on the bar it falls in (the last bar
// starting at or before it), buys below the bar, sells above. Pure.
import type { BacktestFill } from '../backtests/backtestRunStore';

export interface FillMarker {
  /** The bar's time, epoch seconds. */
  readonly time: number;
  readonly position: 'belowBar' | 'aboveBar';
  readonly shape: 'arrowUp' | 'arrowDown';
  readonly side: 'buy' | 'sell';
  readonly text: string;
}

/** The index of the last time ≤ t in ascending `times`, or -1. */
function barAt(times: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = times.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Markers for `symbol`'s fills over bars starting at `barTimes` (epoch ms, ascending); fills before the first bar are left out. */
export function fillMarkers(fills: readonly BacktestFill[], symbol: string, barTimes: ArrayLike<number>): FillMarker[] {
  const out: FillMarker[] = [];
  for (const f of fills) {
    if (f.symbol !== symbol) continue;
    const i = barAt(barTimes, f.time);
    if (i < 0) continue;
    const buy = f.side.toUpperCase() === 'BUY';
    out.push({ time: Math.floor(barTimes[i]! / 1000), position: buy ? 'belowBar' : 'aboveBar', shape: buy ? 'arrowUp' : 'arrowDown', side: buy ? 'buy' : 'sell', text: `${buy ? 'B' : 'S'} ${f.quantity}` });
  }
  // The chart wants markers in time order.
  return out.sort((a, b) => a.time - b.time);
}
