// SQL for resampling stored bars to a coarser timeframe (first open, max high, min low, last close, summed volume).
import { TIMEFRAME_MS, type Timeframe } from '../../../core/model/marketData';

const ORDER: readonly Timeframe[] = ['1m', '5m', '15m', '1h', '1D'];

/** True when `target` is coarser than `source` and an exact multiple of it (1m → 5m → 15m → 1h → 1D). */
export function canResample(source: Timeframe, target: Timeframe): boolean {
  return ORDER.indexOf(target) > ORDER.indexOf(source) && TIMEFRAME_MS[target] % TIMEFRAME_MS[source] === 0;
}

/**
 * A SELECT producing (symbol, time, open, high, low, close, volume) buckets of `target` from
 * `source` bars. Buckets are cut in exchange time (the instrument's utc_offset_minutes, 0 when the
 * symbol is not in `instruments`): intraday buckets are labelled with their UTC start, daily buckets
 * with 00:00 UTC of the exchange-local session date, matching how daily bars are stored.
 * Parameters: $source, then optional filters appended by the caller as `extraWhere`.
 */
export function resampleSelect(target: Timeframe, extraWhere: string): string {
  const step = TIMEFRAME_MS[target];
  const daily = target === '1D';
  const offset = 'COALESCE(i.utc_offset_minutes, 0)::BIGINT * 60000';
  const bucket = `time_bucket(to_milliseconds(${step}), epoch_ms(b.time + ${offset}))`;
  const label = daily ? `epoch_ms(${bucket})` : `epoch_ms(${bucket}) - ${offset}`;
  return `
    SELECT b.symbol AS symbol,
           ${label} AS time,
           arg_min(b.open, b.time) AS open,
           max(b.high) AS high,
           min(b.low) AS low,
           arg_max(b.close, b.time) AS close,
           sum(b.volume) AS volume
    FROM bars b
    LEFT JOIN instruments i ON i.symbol = b.symbol
    WHERE b.timeframe = $source ${extraWhere}
    GROUP BY b.symbol, 2`;
}
