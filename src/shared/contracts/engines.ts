// Engine health and the features engine's first methods, as seen across the API.
import { z } from 'zod';
import type { Result } from '../../core/model/result';
import { finite, positiveInt, empty } from './schemas';
import { MAX_SERIES_VALUES } from './wire';

export const ENGINE_STATES = ['starting', 'up', 'restarting', 'down', 'stopped'] as const;
export type EngineState = (typeof ENGINE_STATES)[number];

export const engineHealthSchema = z.object({
  name: z.string(),
  state: z.enum(ENGINE_STATES),
  /** How many times the supervisor has restarted it since the backend started. */
  restarts: z.number().int(),
  /** Why it is not up (exit code, error), when it is not. */
  reason: z.string().optional(),
  /** When it entered this state, epoch ms. */
  since: z.number(),
});
export type EngineHealth = z.infer<typeof engineHealthSchema>;

export const engineNameInput = z.object({ name: z.string().min(1).max(64) }).strict();

export const movingAverageInput = z
  .object({
    kind: z.enum(['sma', 'ema']),
    period: positiveInt(10_000),
    /** At most MAX_SERIES_VALUES, so that any valid call fits in one frame of the socket. */
    values: z.array(finite()).max(MAX_SERIES_VALUES),
  })
  .strict();
export type MovingAverageInput = z.infer<typeof movingAverageInput>;

export const universeFeaturesInput = z
  .object({
    /** e.g. `rsi:14,macd:12:26:9,bbands:20:2`. */
    indicators: z.string().min(1).max(2_000),
    timeframe: z.enum(['1m', '5m', '15m', '1h', '1D']),
    symbols: z.array(z.string().min(1).max(24)).max(10_000).optional(),
  })
  .strict();

export const symbolFeaturesInput = z
  .object({
    symbol: z.string().regex(/^[A-Z0-9][A-Z0-9._\-/ ]{0,23}$/),
    timeframe: z.enum(['1m', '5m', '15m', '1h', '1D']),
    indicators: z.string().min(1).max(2_000),
    /** The most recent bars up to this many (default 5,000), as market.bars. */
    limit: z.number().int().min(1).max(200_000).optional(),
  })
  .strict();

/** Indicator columns aligned with `time`; warm-up values are null (JSON has no NaN). */
export interface SymbolFeatures {
  readonly symbol: string;
  readonly time: number[];
  readonly columns: { readonly name: string; readonly values: (number | null)[] }[];
}

export interface ResearchProgress {
  readonly job: string;
  readonly done: number;
  readonly total: number;
  readonly detail: string;
}

export const enginesContract = {
  'engines.list': { input: empty, output: z.array(engineHealthSchema) },
  'engines.restart': { input: engineNameInput, output: engineHealthSchema },
  /** SMA/EMA through the features engine; warm-up values come back as null (JSON has no NaN). */
  'features.movingAverage': { input: movingAverageInput, output: z.array(z.number().nullable()) },
  /** Indicators over one symbol's stored bars, computed by the features engine (chart overlays). */
  'features.compute': {
    input: symbolFeaturesInput,
    output: z.custom<Result<SymbolFeatures, { code: string; message?: string; [context: string]: unknown }>>(),
  },
  /** Indicators for every symbol in the store, across the features workers, into the features table. Progress on `research.progress`. */
  'features.computeUniverse': {
    input: universeFeaturesInput,
    output: z.custom<Result<UniverseFeaturesSummary, { code: string; message?: string; [context: string]: unknown }>>(),
  },
} as const;

export interface UniverseFeaturesSummary {
  readonly symbols: number;
  readonly features: string[];
  readonly rows: number;
  readonly durationMs: number;
}
