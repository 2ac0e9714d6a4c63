// ML across the API: GARCH σ forecasts per symbol, the per-symbol daily σ the risk engine's parametric VaR takes,
// HMM regime probabilities per day for the chart, and the model registry (list, promote, roll back).
import { z } from 'zod';
import type { MlInputError } from '../../core/ml/mlInputError';
import type { Result } from '../../core/model/result';
import { symbolSchema } from './market';
import { modelNameSchema, type RegisteredModel, type RegistryError } from './mlRegistry';
import { positiveInt } from './schemas';

export const GARCH_DISTRIBUTIONS = ['normal', 't'] as const;

export const garchRequestSchema = z
  .object({ symbol: symbolSchema, distribution: z.enum(GARCH_DISTRIBUTIONS).default('normal'), horizon: positiveInt(250).default(5) })
  .strict();
export type GarchRequest = z.output<typeof garchRequestSchema>;

export const volatilityRequestSchema = z.object({ symbols: z.array(symbolSchema).min(1).max(2_000), distribution: z.enum(GARCH_DISTRIBUTIONS).default('normal') }).strict();
export type VolatilityRequest = z.output<typeof volatilityRequestSchema>;

export const regimesRequestSchema = z
  .object({
    symbol: symbolSchema,
    states: z.number().int().min(2).max(4).default(2),
    starts: positiveInt(100).default(10),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
    /** The last `limit` days in the reply (the fit uses every stored day). */
    limit: positiveInt(100_000).optional(),
  })
  .strict();
export type RegimesRequest = z.output<typeof regimesRequestSchema>;

/** Why a symbol has no model: the model refused its returns, or there were none. */
export type MlServiceError = MlInputError | { readonly code: 'NO_BARS'; readonly symbol: string; readonly message: string };

export interface SymbolGarchForecast {
  readonly symbol: string;
  /** Epoch ms of the last close the fit saw: the forecasts are for the days after it. */
  readonly asOf: number;
  readonly distribution: (typeof GARCH_DISTRIBUTIONS)[number];
  readonly mu: number;
  readonly omega: number;
  readonly alpha: number;
  readonly beta: number;
  readonly nu?: number;
  readonly logLikelihood: number;
  readonly persistence: number;
  readonly observations: number;
  /** Conditional σ of the daily log return in percent, for horizons 1…h. */
  readonly forecastPct: number[];
  /** σ of tomorrow's simple return as a fraction: what parametric VaR's `volatilityOverride` takes. */
  readonly dailySigma: number;
}

export interface VolatilityForecasts {
  /** Per symbol, the one-day σ of simple returns (fraction): pass as parametric VaR's `volatilityOverride`. */
  readonly volatilityOverride: Record<string, number>;
  readonly forecasts: SymbolGarchForecast[];
  readonly failures: Array<{ readonly symbol: string; readonly error: MlServiceError }>;
}

export interface SymbolRegimes {
  readonly symbol: string;
  readonly states: number;
  readonly regimes: Array<{ readonly mean: number; readonly sd: number; readonly expectedDuration: number }>;
  /** Row = from. */
  readonly transition: number[][];
  readonly logLikelihood: number;
  readonly converged: boolean;
  /** Per day (the day of each return's close): its time, Viterbi state, filtered and smoothed probabilities. */
  readonly time: number[];
  readonly path: number[];
  readonly filtered: number[][];
  readonly smoothed: number[][];
}

export const modelsRequestSchema = z.object({ name: modelNameSchema.optional() }).strict();
export const promoteRequestSchema = z.object({ name: modelNameSchema, version: positiveInt(1_000_000) }).strict();
export const rollbackRequestSchema = z.object({ name: modelNameSchema }).strict();

export const mlContract = {
  /** GARCH(1,1) on a symbol's daily percent log returns: parameters and σ forecasts. */
  'ml.garch': { input: garchRequestSchema, output: z.custom<Result<SymbolGarchForecast, MlServiceError>>() },
  /** One-day GARCH σ per symbol across the ML workers, in the unit parametric VaR takes. */
  'ml.volatility': { input: volatilityRequestSchema, output: z.custom<VolatilityForecasts>() },
  /** Gaussian HMM regimes of a symbol's daily returns, with per-day probabilities (the chart's regime band). */
  'ml.regimes': { input: regimesRequestSchema, output: z.custom<Result<SymbolRegimes, MlServiceError>>() },
  /** Every registered model version (or one name's), with status, window, data hash, metrics and artifact path. */
  'ml.models': { input: modelsRequestSchema, output: z.custom<RegisteredModel[]>() },
  /** Makes a version production; the current production version is retired (rollback restores it). */
  'ml.promote': { input: promoteRequestSchema, output: z.custom<Result<RegisteredModel, RegistryError>>() },
  /** Restores the production model the last promotion superseded, in one step. */
  'ml.rollback': { input: rollbackRequestSchema, output: z.custom<Result<RegisteredModel, RegistryError>>() },
} as const;
