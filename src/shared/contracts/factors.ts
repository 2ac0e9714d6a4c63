// Factor research across the API and the CLI: which factors, over which universe and dates, how they are scored;
// the report a run answers, saved factors and composites.
import { z } from 'zod';
import type { Result } from '../../core/model/result';
import { COMPOSITE_WEIGHTINGS, IC_METHODS, type CompositeWeighting, type IcMethod } from '../../core/factors';
import { epochMs, empty, positiveInt } from './schemas';
import { symbolSchema, TIMEFRAMES } from './market';

export const factorNameSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must be a factor name: a letter, then letters, digits or underscores');

/** A library or saved factor by name, or an expression. */
export const factorRefSchema = z.union([
  z.object({ name: factorNameSchema }).strict(),
  z.object({ expression: z.string().min(1).max(4_000), name: factorNameSchema.optional() }).strict(),
]);
export type FactorRef = z.output<typeof factorRefSchema>;

const horizon = positiveInt(250);

const universeShape = {
  /** Default: every symbol with bars of the timeframe. */
  symbols: z.array(symbolSchema).min(1).max(10_000).optional(),
  from: epochMs().optional(),
  to: epochMs().optional(),
  timeframe: z.enum(TIMEFRAMES).default('1D'),
  /** The client's name for this job: progress on `research.progress` as `factors:<job>`, and `factors.cancel`. */
  job: z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/).optional(),
};

export const factorAnalysisSchema = z
  .object({
    ...universeShape,
    factors: z.array(factorRefSchema).min(1).max(1_000),
    horizon: horizon.default(5),
    /** IC decay horizons (the main horizon is added when missing). */
    horizons: z.array(horizon).min(1).max(20).default([1, 5, 20]),
    method: z.enum(IC_METHODS as unknown as [IcMethod, ...IcMethod[]]).default('spearman'),
    quantiles: z.number().int().min(2).max(20).default(5),
    minSymbols: z.number().int().min(2).max(100_000).default(5),
    /** The factor correlation matrix of the chosen factors (at most 200 of them). */
    correlation: z.boolean().default(false),
    /** Where the factors are analysed: this machine's factors engines (default), or the team's research queue (`nautilus worker`). */
    on: z.enum(['local', 'queue']).optional(),
  })
  .strict()
  .refine((r) => r.from === undefined || r.to === undefined || r.from < r.to, { message: 'from must be before to', path: ['from'] })
  .refine((r) => !r.correlation || r.factors.length <= 200, { message: 'the correlation matrix takes at most 200 factors', path: ['factors'] });
export type FactorAnalysisRequest = z.output<typeof factorAnalysisSchema>;

export const factorComputeSchema = z
  .object({ ...universeShape, factors: z.array(factorRefSchema).min(1).max(1_000), on: z.enum(['local', 'queue']).optional() })
  .strict()
  .refine((r) => r.from === undefined || r.to === undefined || r.from < r.to, { message: 'from must be before to', path: ['from'] });
export type FactorComputeRequest = z.output<typeof factorComputeSchema>;

export const factorSaveSchema = z.object({ name: factorNameSchema, expression: z.string().min(1).max(4_000) }).strict();

export const compositeSaveSchema = z
  .object({
    ...universeShape,
    name: factorNameSchema,
    factors: z.array(factorRefSchema).min(2).max(200),
    weighting: z.enum(COMPOSITE_WEIGHTINGS as unknown as [CompositeWeighting, ...CompositeWeighting[]]).default('ic'),
    horizon: horizon.default(5),
    method: z.enum(IC_METHODS as unknown as [IcMethod, ...IcMethod[]]).default('spearman'),
    quantiles: z.number().int().min(2).max(20).default(5),
    minSymbols: z.number().int().min(2).max(100_000).default(5),
  })
  .strict();
export type CompositeSaveRequest = z.output<typeof compositeSaveSchema>;

/** One factor's figures at the run's horizon (series as plain arrays, null for a missing value). */
export interface FactorSummary {
  readonly name: string;
  readonly expression: string;
  readonly meanIC: number | null;
  readonly icStd: number | null;
  readonly icir: number | null;
  readonly tStat: number | null;
  readonly dates: number;
  readonly skippedDates: number;
  /** Mean forward return per quantile, lowest factor quantile first. */
  readonly quantiles: readonly (number | null)[];
  readonly longShort: number | null;
  readonly turnover: { readonly top: number | null; readonly bottom: number | null };
  readonly rankAutocorrelation: number | null;
  readonly decay: readonly { readonly horizon: number; readonly meanIC: number | null; readonly icir: number | null }[];
}

/** Per-date series of one factor, for the tear sheet. */
export interface FactorSeries {
  readonly name: string;
  readonly ic: readonly (number | null)[];
  readonly cumulative: readonly (readonly (number | null)[])[];
  readonly cumulativeSpread: readonly (number | null)[];
  readonly turnoverTop: readonly (number | null)[];
  readonly turnoverBottom: readonly (number | null)[];
}

export interface FactorReport {
  readonly runId: string;
  readonly timeframe: string;
  readonly horizon: number;
  readonly method: IcMethod;
  readonly symbols: number;
  readonly times: readonly number[];
  /** By |ICIR|, best first. */
  readonly factors: readonly FactorSummary[];
  readonly series: readonly FactorSeries[];
  readonly correlation: { readonly names: readonly string[]; readonly matrix: readonly (readonly (number | null)[])[]; readonly rows: number } | null;
  readonly durationMs: number;
}

export interface FactorError {
  readonly code: string;
  readonly message: string;
  readonly [key: string]: unknown;
}

export interface FactorCatalog {
  readonly library: readonly { readonly name: string; readonly family: string; readonly expression: string; readonly description: string }[];
  readonly saved: readonly { readonly name: string; readonly version: number; readonly kind: string; readonly expression: string; readonly createdAt: number }[];
  readonly operators: readonly { readonly name: string; readonly family: string; readonly args: readonly string[]; readonly doc: string }[];
  readonly fields: readonly string[];
}

export const factorsContract = {
  'factors.list': { input: empty, output: z.custom<FactorCatalog>() },
  /** Checks an expression (as the Research panel types it): the error points at the offending token. */
  'factors.check': { input: z.object({ expression: z.string().max(4_000) }).strict(), output: z.custom<Result<{ fields: string[]; crossSectional: boolean; lookback: number }, FactorError>>() },
  /** IC, quantiles, decay and (optionally) correlations; progress on `research.progress` as `factors:<job>`. */
  'factors.analyze': { input: factorAnalysisSchema, output: z.custom<Result<FactorReport, FactorError>>() },
  'factors.compute': { input: factorComputeSchema, output: z.custom<Result<{ factors: string[]; symbols: number; rows: number; durationMs: number }, FactorError>>() },
  'factors.save': { input: factorSaveSchema, output: z.custom<Result<{ name: string; version: number }, FactorError>>() },
  /** Weights from the components' ICs, the composite analysed and its values stored under its name. */
  'factors.saveComposite': { input: compositeSaveSchema, output: z.custom<Result<{ name: string; version: number; weights: Record<string, number>; summary: FactorSummary }, FactorError>>() },
  'factors.cancel': { input: z.object({ job: z.string().min(1).max(100) }).strict(), output: z.custom<{ cancelled: boolean }>() },
} as const;
