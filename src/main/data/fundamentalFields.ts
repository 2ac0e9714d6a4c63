// Point-in-time fundamentals from the store for research: what was filed by a date, and P/E, P/B, earnings yield on that basis.
import type { SplitEvent } from '../../core/data/barSeries';
import { factsForFields, fundamentalsAsOf as deriveAsOf, type FundamentalsAsOf } from '../../core/data/pointInTime';
import type { EpochMs } from '../../core/model/clock';
import type { MarketStore } from '../storage/market';
import { readFacts } from './dataStore';

/** Fields the factor engine can ask for, one number per (symbol, date). */
export type FundamentalFactorField = 'pe' | 'pb' | 'earningsYield' | 'bookPerShare' | 'eps' | 'netIncome' | 'revenue' | 'equity' | 'sharesOutstanding';

export const FUNDAMENTAL_FACTOR_FIELDS: readonly FundamentalFactorField[] = ['pe', 'pb', 'earningsYield', 'bookPerShare', 'eps', 'netIncome', 'revenue', 'equity', 'sharesOutstanding'];

interface AsTradedClose {
  readonly time: number;
  /** Stored close × split factor: the price as traded that day, in the terms EPS and share counts were reported. */
  readonly close: number;
}

/** Daily closes as traded (split factor applied where stored), sorted by time. */
async function asTradedCloses(store: MarketStore, symbol: string): Promise<AsTradedClose[]> {
  const reader = await store.exclusive((c) =>
    c.runAndReadAll(
      `SELECT b.time::DOUBLE, b.close * coalesce(a.split_factor, 1)
       FROM bars b LEFT JOIN bar_adjustments a ON a.symbol = b.symbol AND a.timeframe = b.timeframe AND a.time = b.time
       WHERE b.symbol = $1 AND b.timeframe = '1D' ORDER BY b.time`,
      [symbol],
    ),
  );
  return reader.getRows().map((r) => ({ time: Number(r[0]), close: Number(r[1]) }));
}

async function splitsOf(store: MarketStore, symbol: string): Promise<SplitEvent[]> {
  const reader = await store.exclusive((c) =>
    c.runAndReadAll(`SELECT time::DOUBLE, numerator, denominator FROM corporate_actions WHERE symbol = $1 AND kind = 'split' ORDER BY time`, [symbol]),
  );
  return reader.getRows().map((r) => ({ time: Number(r[0]), numerator: Number(r[1]), denominator: Number(r[2]) }));
}

/** Index of the last close at or before `t` (−1 when none). Daily bars are keyed 00:00 UTC of their session date. */
function lastAtOrBefore(closes: readonly AsTradedClose[], t: number): number {
  let lo = 0;
  let hi = closes.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (closes[mid]!.time <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * What research may know about `symbol` on `date`: facts filed on or before it (per-share and share figures rebased
 * for later splits), the close of that session (or the last before it) as traded, and the ratios derived from both. A filing on `date` counts as known on `date`, so a
 * strategy trading at the close can use it; one trading at the open should ask for the day before.
 */
export async function fundamentalsAsOf(store: MarketStore, symbol: string, date: EpochMs): Promise<FundamentalsAsOf> {
  const facts = factsForFields(await readFacts(store, symbol, date));
  const closes = await asTradedCloses(store, symbol.toUpperCase());
  const i = lastAtOrBefore(closes, date);
  return deriveAsOf(facts, date, i >= 0 ? closes[i]!.close : undefined, await splitsOf(store, symbol.toUpperCase()));
}

function pick(f: FundamentalsAsOf, field: FundamentalFactorField): number {
  switch (field) {
    case 'pe':
    case 'pb':
    case 'earningsYield':
    case 'bookPerShare':
      return f[field] ?? Number.NaN;
    case 'eps':
    case 'netIncome':
    case 'revenue':
    case 'equity':
    case 'sharesOutstanding':
      return f.fields[field]?.value ?? Number.NaN;
    default: {
      const unhandled: never = field;
      throw new Error(`unhandled fundamental field ${String(unhandled)}`);
    }
  }
}

/**
 * One field over many dates (e.g. a symbol's bar times) for the factor engine: NaN where nothing was known yet or
 * the ratio is undefined (P/E of a loss). Facts and closes are read once.
 */
export async function fundamentalFieldSeries(store: MarketStore, symbol: string, field: FundamentalFactorField, times: Float64Array): Promise<Float64Array> {
  const facts = factsForFields(await readFacts(store, symbol));
  const closes = await asTradedCloses(store, symbol.toUpperCase());
  const splits = await splitsOf(store, symbol.toUpperCase());
  const out = new Float64Array(times.length);
  for (let k = 0; k < times.length; k++) {
    const t = times[k]!;
    const i = lastAtOrBefore(closes, t);
    out[k] = pick(deriveAsOf(facts, t, i >= 0 ? closes[i]!.close : undefined, splits), field);
  }
  return out;
}
