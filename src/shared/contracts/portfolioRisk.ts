// Portfolio risk across the API and the CLI: risk.var, risk.stress, risk.exposures, for the current book or a what-if book.
import { z } from 'zod';
import type { Result } from '../../core/model/result';
import type { ExposureReport, RiskInputError, StressReport, VarReport } from '../../core/risk';
import { DEFAULT_ADV_DAYS, DEFAULT_CONFIDENCES, DEFAULT_MONTE_CARLO_PATHS, DEFAULT_PARTICIPATION, DEFAULT_VAR_WINDOW } from '../../core/risk/riskConventions';
import { VAR_METHODS, type VarMethod } from '../../core/risk/varFigures';
import { finite } from './schemas';
import { symbolSchema } from './market';

/** A what-if position; without a price it is marked at the last stored close. */
export const whatIfPositionSchema = z
  .object({
    symbol: symbolSchema,
    quantity: finite(),
    price: finite().refine((v) => v > 0, { message: 'must be above zero' }).optional(),
    /** Where it came from (a file's row), named in errors. */
    row: z.number().int().min(1).optional(),
  })
  .strict();
export type WhatIfPosition = z.output<typeof whatIfPositionSchema>;

const bookShape = {
  /** Omitted: the current book (the trading node's positions). */
  positions: z.array(whatIfPositionSchema).min(1).max(5_000).optional(),
};

export const riskVarRequestSchema = z
  .object({
    ...bookShape,
    window: z.number().int().min(2).max(10_000).default(DEFAULT_VAR_WINDOW),
    confidences: z
      .array(finite().refine((c) => c > 0.5 && c < 1, { message: 'must lie strictly between 0.5 and 1' }))
      .min(1)
      .max(5)
      .default([...DEFAULT_CONFIDENCES]),
    methods: z
      .array(z.enum(VAR_METHODS as [VarMethod, ...VarMethod[]]))
      .min(1)
      .default([...VAR_METHODS]),
    paths: z.number().int().min(1_000).max(200_000).default(DEFAULT_MONTE_CARLO_PATHS),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
    /** Daily σ of simple returns by symbol (e.g. a GARCH forecast) for parametric and Monte Carlo. */
    volatilityOverride: z.record(symbolSchema, finite().refine((v) => v > 0, { message: 'must be above zero' })).optional(),
    /** Parametric and Monte Carlo σ: the window's sample σ, or each symbol's one-day GARCH(1,1) forecast (the ML engine). */
    volatility: z.enum(['sample', 'garch']).default('sample'),
  })
  .strict();
export type RiskVarRequest = z.output<typeof riskVarRequestSchema>;

export const shockSchema = z.object({ kind: z.enum(['symbol', 'sector', 'currency']), key: z.string().min(1).max(64), move: finite().refine((m) => m > -1, { message: 'must be above -1 (a fall of at most 100%)' }) }).strict();

export const riskStressRequestSchema = z
  .object({
    ...bookShape,
    horizons: z.array(z.number().int().min(1).max(250)).min(1).max(10).default([1, 5, 20]),
    top: z.number().int().min(1).max(50).default(5),
    shocks: z.array(shockSchema).max(500).default([]),
  })
  .strict();
export type RiskStressRequest = z.output<typeof riskStressRequestSchema>;

export const riskExposuresRequestSchema = z
  .object({
    ...bookShape,
    benchmark: symbolSchema.optional(),
    window: z.number().int().min(2).max(10_000).default(250),
    participation: finite().refine((p) => p > 0 && p <= 1, { message: 'must lie in (0, 1]' }).default(DEFAULT_PARTICIPATION),
    advDays: z.number().int().min(1).max(250).default(DEFAULT_ADV_DAYS),
  })
  .strict();
export type RiskExposuresRequest = z.output<typeof riskExposuresRequestSchema>;

/** A risk input error on the wire: its code and context plus the sentence naming the row and reason. */
export type RiskErrorJson = RiskInputError & { readonly message: string };

export const portfolioRiskContract = {
  'risk.var': { input: riskVarRequestSchema, output: z.custom<Result<VarReport, RiskErrorJson>>() },
  'risk.stress': { input: riskStressRequestSchema, output: z.custom<Result<StressReport, RiskErrorJson>>() },
  'risk.exposures': { input: riskExposuresRequestSchema, output: z.custom<Result<ExposureReport, RiskErrorJson>>() },
} as const;
