// Pure market arithmetic for the ticket's precautionary checks: average daily volume from daily bars, and converting
// the API's notional into the base currency through a quoted FX pair.
import type { Instrument } from '../../../core/model/instrument';
import type { Quote } from '../../../core/model/marketData';
import { markOf } from '../../../core/trading/positions';

const DAY_MS = 86_400_000;
/** Days the average daily volume is taken over. */
export const ADV_DAYS = 20;

/** Mean volume of the completed daily bars (today's forming bar left out); null without any. */
export function averageDailyVolume(times: readonly number[], volumes: readonly number[], now: number): number | null {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const done: number[] = [];
  for (let i = 0; i < times.length; i++) if (times[i]! < today && Number.isFinite(volumes[i]) && volumes[i]! > 0) done.push(volumes[i]!);
  const recent = done.slice(-ADV_DAYS);
  return recent.length ? recent.reduce((a, b) => a + b, 0) / recent.length : null;
}

/**
 * `amount` in `currency` converted to `base` at the mark of an FX pair named `CCY/BASE` (or its inverse); null when no
 * such pair has a quote. The same currency converts at 1.
 */
export function toBase(amount: number, currency: string, base: string, instruments: readonly Instrument[], quotes: Readonly<Record<string, Quote>>): number | null {
  if (currency === base) return amount;
  for (const fx of instruments) {
    if (fx.assetClass !== 'FX') continue;
    const q = quotes[fx.symbol];
    const mark = q ? markOf(q) : null;
    if (mark === null || !(mark > 0)) continue;
    if (fx.name === `${currency}/${base}`) return amount * mark;
    if (fx.name === `${base}/${currency}`) return amount / mark;
  }
  return null;
}
