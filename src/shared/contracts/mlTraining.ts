// Model training across the API: walk-forward training of a tabular model on stored factors (ml.train, progress on
// research.progress as ml:<job>), its cancel (ml.cancel), and the report a run answers.
import { z } from 'zod';
import type { PredictionMetrics } from '../../core/ml/predictionMetrics';
import { TABULAR_KINDS, type TabularKind } from '../../core/ml/tabularModel';
import type { FoldResult } from '../../core/ml/walkForwardTraining';
import type { Result } from '../../core/model/result';
import { factorNameSchema } from './factors';
import { symbolSchema, TIMEFRAMES } from './market';
import { modelNameSchema, type RegisteredModel } from './mlRegistry';
import { epochMs, finite, positiveInt } from './schemas';

export const JOB_NAME = /^[A-Za-z0-9_.:-]{1,100}$/;

export const trainRequestSchema = z
  .object({
    name: modelNameSchema,
    kind: z.enum(TABULAR_KINDS as unknown as [TabularKind, ...TabularKind[]]).default('gbt'),
    /** Overrides of the kind's defaults by name (e.g. { alpha: 0.5 }, { maxFeatures: 'sqrt' }). */
    params: z.record(z.string().min(1).max(64), z.union([finite(), z.literal('sqrt')])).default({}),
    factors: z.array(factorNameSchema).min(1).max(200),
    /** Default: every symbol with bars of the timeframe. */
    symbols: z.array(symbolSchema).min(1).max(10_000).optional(),
    from: epochMs().optional(),
    to: epochMs().optional(),
    timeframe: z.enum(TIMEFRAMES).default('1D'),
    target: z.enum(['return', 'direction']).default('return'),
    horizon: positiveInt(250).default(5),
    mode: z.enum(['expanding', 'rolling']).default('expanding'),
    trainDates: positiveInt(100_000).default(250),
    testDates: positiveInt(100_000).default(60),
    /** Dates between each fold's training and test windows; default the horizon. */
    embargo: z.number().int().min(0).max(10_000).optional(),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
    /** The client's name for this job: progress on `research.progress` as `ml:<job>`, and `ml.cancel`. */
    job: z.string().regex(JOB_NAME).optional(),
    /** Where the folds and the final fit run: this machine's ML engines (default), or the team's research queue (`nautilus worker`), one job per fold. */
    on: z.enum(['local', 'queue']).optional(),
  })
  .strict();
export type TrainRequest = z.output<typeof trainRequestSchema>;

export interface TrainingReport {
  readonly model: RegisteredModel;
  readonly folds: FoldResult[];
  readonly outOfSample: PredictionMetrics;
  /** Per feature: permutation importance on the last fold's test rows, impurity importance for trees. */
  readonly importance: Record<string, { readonly permutation: number; readonly impurity?: number }>;
  readonly skippedRows: number;
}

/** A run's refusal as it crosses the API: its code (UNKNOWN_FACTOR, TOO_FEW_OBSERVATIONS, CANCELLED …), message, context. */
export interface TrainError {
  readonly code: string;
  readonly message: string;
  readonly [key: string]: unknown;
}

export const mlTrainingContract = {
  /** Walk-forward training on stored factors; the final model registered as a candidate. Progress as ml:<job>. */
  'ml.train': { input: trainRequestSchema, output: z.custom<Result<TrainingReport, TrainError>>() },
  'ml.cancel': { input: z.object({ job: z.string().regex(JOB_NAME) }).strict(), output: z.custom<{ cancelled: boolean }>() },
} as const;
