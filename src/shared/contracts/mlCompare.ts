// Registered models put to use across the API: ml.compare (two versions A/B on the same out-of-sample rows of
// stored factors, with a Diebold-Mariano test), ml.predict (a model's predictions per symbol on one date) and
// ml.shadow (a candidate run in shadow beside production).
import { z } from 'zod';
import type { ComparedSide, ModelComparison } from '../../core/ml/modelComparison';
import type { Result } from '../../core/model/result';
import { symbolSchema, TIMEFRAMES } from './market';
import { modelNameSchema, type RegisteredModel, type RegistryError } from './mlRegistry';
import type { TrainError } from './mlTraining';
import { epochMs, positiveInt } from './schemas';

const modelId = positiveInt(2 ** 31 - 1);
const universe = {
  /** Default: every symbol with bars of the timeframe. */
  symbols: z.array(symbolSchema).min(1).max(10_000).optional(),
  timeframe: z.enum(TIMEFRAMES).default('1D'),
};

export const compareRequestSchema = z
  .object({
    /** Two registered versions by id (`ml.models`' `id`)… */
    a: modelId.optional(),
    b: modelId.optional(),
    /** …or a name: its production version (A) against its shadow, else its latest candidate (B). */
    name: modelNameSchema.optional(),
    /** The window of dates scored; default from the horizon-th date after both training windows to the last date. */
    from: epochMs().optional(),
    to: epochMs().optional(),
    ...universe,
  })
  .strict()
  .refine((r) => (r.a === undefined) === (r.b === undefined) && (r.a === undefined) !== (r.name === undefined), { message: 'give either a and b (model ids) or name', path: ['name'] })
  .refine((r) => r.a === undefined || r.a !== r.b, { message: 'a and b are the same model', path: ['b'] })
  .refine((r) => r.from === undefined || r.to === undefined || r.from < r.to, { message: 'from must be before to', path: ['from'] });
export type CompareRequest = z.output<typeof compareRequestSchema>;

/** Which registered version: enough to name it and act on it (promote, shadow). */
export type ModelVersionRef = Pick<RegisteredModel, 'id' | 'name' | 'version' | 'kind' | 'status' | 'shadow'>;

/** One side of a comparison: the version compared and its scores on the common rows. */
export interface ComparedVersion extends ComparedSide, ModelVersionRef {}

export interface ComparisonReport extends Omit<ModelComparison, 'a' | 'b'> {
  readonly a: ComparedVersion;
  readonly b: ComparedVersion;
}

export const predictRequestSchema = z
  .object({
    /** A registered version by id… */
    id: modelId.optional(),
    /** …or a name's production version. */
    name: modelNameSchema.optional(),
    /** The date predicted from: the last date with bars on or before it (default the last stored date). */
    asOf: epochMs().optional(),
    ...universe,
  })
  .strict()
  .refine((r) => (r.id === undefined) !== (r.name === undefined), { message: 'give either id or name', path: ['name'] });
export type PredictRequest = z.output<typeof predictRequestSchema>;

export interface ModelPredictions {
  readonly model: ModelVersionRef;
  readonly target: 'return' | 'direction';
  readonly horizon: number;
  /** The date the features were read on. */
  readonly date: number;
  /** A forward return over `horizon` bars, or P(up) for a direction model; symbols in order. */
  readonly predictions: Array<{ readonly symbol: string; readonly prediction: number }>;
  /** Symbols left out: a feature not known on that date (a factor warming up, no bar). */
  readonly missing: Array<{ readonly symbol: string; readonly feature: string }>;
}

export const shadowRequestSchema = z.object({ name: modelNameSchema, version: positiveInt(1_000_000), shadow: z.boolean() }).strict();

/** A refusal as it crosses the API (UNKNOWN_MODEL, NO_COMMON_ROWS, TOO_FEW_ROWS, UNKNOWN_FACTOR …): as ml.train's. */
export type ModelUseError = TrainError;

export const mlCompareContract = {
  /** Two versions scored on the same rows: MSE, MAE, R², hit rate, IC each, and a Diebold-Mariano test of A − B. */
  'ml.compare': { input: compareRequestSchema, output: z.custom<Result<ComparisonReport, ModelUseError>>() },
  /** A version's predictions per symbol from the features on one date. */
  'ml.predict': { input: predictRequestSchema, output: z.custom<Result<ModelPredictions, ModelUseError>>() },
  /** Marks a candidate shadow beside production (one per name), or ends its shadow. */
  'ml.shadow': { input: shadowRequestSchema, output: z.custom<Result<RegisteredModel, RegistryError>>() },
} as const;
