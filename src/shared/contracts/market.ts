// Market data across the API: instruments, stored bars, the latest quotes.
import { z } from 'zod';
import type { Instrument } from '../../core/model/instrument';
import type { Quote } from '../../core/model/marketData';
import { empty, epochMs } from './schemas';

export const TIMEFRAMES = ['1m', '5m', '15m', '1h', '1D'] as const;

/** Upper-case tickers, with the separators exchanges use (BRK.B, RDS-A, EUR/USD). */
export const symbolSchema = z.string().regex(/^[A-Z0-9][A-Z0-9._\-/]{0,23}$/, 'must be an upper-case symbol of at most 24 characters');

export const barsInput = z
  .object({
    symbol: symbolSchema,
    timeframe: z.enum(TIMEFRAMES),
    from: epochMs().optional(),
    to: epochMs().optional(),
    /** The most recent bars up to this many (default 5,000). */
    limit: z.number().int().min(1).max(200_000).optional(),
  })
  .strict();

/** Bars as columns (JSON arrays: typed arrays do not survive JSON). */
export interface BarsReply {
  readonly symbol: string;
  readonly timeframe: (typeof TIMEFRAMES)[number];
  readonly time: number[];
  readonly open: number[];
  readonly high: number[];
  readonly low: number[];
  readonly close: number[];
  readonly volume: number[];
}

export const quotesInput = z.object({ symbols: z.array(symbolSchema).max(1_000).optional() }).strict();

export const marketContract = {
  'market.instruments': { input: empty, output: z.custom<Instrument[]>() },
  'market.bars': { input: barsInput, output: z.custom<BarsReply>() },
  'market.quotes': { input: quotesInput, output: z.custom<Quote[]>() },
} as const;
