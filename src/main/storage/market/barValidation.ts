// The rules every stored bar obeys (finite, low ≤ open/close ≤ high, volume ≥ 0, strictly increasing time) and their reasons.
import { err, ok, type Result } from '../../../core/model/result';
import type { BarColumns } from '../../../core/model/marketData';

/** Why a bar (or an imported row) was refused. */
export type BarRejection =
  | 'MISSING_VALUE'
  | 'NON_NUMERIC'
  | 'NON_FINITE'
  | 'HIGH_BELOW_LOW'
  | 'OPEN_OUTSIDE_RANGE'
  | 'CLOSE_OUTSIDE_RANGE'
  | 'NEGATIVE_VOLUME'
  | 'UNPARSEABLE_DATE'
  | 'DUPLICATE_TIME'
  | 'TIME_NOT_INCREASING'
  | 'MISSING_SYMBOL'
  | 'BAD_SYMBOL';

export interface InvalidBars {
  readonly code: 'INVALID_BARS';
  /** Index of the first bad bar in the columns. */
  readonly index: number;
  readonly reason: BarRejection;
  readonly message: string;
}

/** Checks one bar's numbers (not its time ordering); undefined when it is fine. */
export function checkBarValues(open: number, high: number, low: number, close: number, volume: number): BarRejection | undefined {
  if (!Number.isFinite(open) || !Number.isFinite(high) || !Number.isFinite(low) || !Number.isFinite(close) || !Number.isFinite(volume)) {
    return 'NON_FINITE';
  }
  if (high < low) return 'HIGH_BELOW_LOW';
  if (open < low || open > high) return 'OPEN_OUTSIDE_RANGE';
  if (close < low || close > high) return 'CLOSE_OUTSIDE_RANGE';
  if (volume < 0) return 'NEGATIVE_VOLUME';
  return undefined;
}

export function columnsLength(bars: BarColumns): number {
  const n = bars.time.length;
  if (bars.open.length !== n || bars.high.length !== n || bars.low.length !== n || bars.close.length !== n || bars.volume.length !== n) {
    throw new Error('BarColumns arrays differ in length');
  }
  return n;
}

/** Validates columns for storage: every bar sound and times strictly increasing (so unique). */
export function validateBarColumns(bars: BarColumns): Result<number, InvalidBars> {
  const n = columnsLength(bars);
  const { time, open, high, low, close, volume } = bars;
  let previous = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = time[i] as number;
    if (!Number.isFinite(t)) return err({ code: 'INVALID_BARS', index: i, reason: 'NON_FINITE', message: `bar ${i}: time is not finite` });
    if (t <= previous) {
      const reason = t === previous ? 'DUPLICATE_TIME' : 'TIME_NOT_INCREASING';
      return err({ code: 'INVALID_BARS', index: i, reason, message: `bar ${i}: time ${t} after ${previous}` });
    }
    previous = t;
    const reason = checkBarValues(open[i] as number, high[i] as number, low[i] as number, close[i] as number, volume[i] as number);
    if (reason) return err({ code: 'INVALID_BARS', index: i, reason, message: `bar ${i}: ${reason}` });
  }
  return ok(n);
}
