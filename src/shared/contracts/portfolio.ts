// The portfolio API: optimize weights over stored daily closes and preview a rebalance; schemas shared by the CLI and the API.
import { z } from 'zod';
import type { Result } from '../../core/model/result';
import type { PortfolioError } from '../../core/portfolio/errors';
import type { RebalanceSendError, RebalanceSubmission } from '../../core/portfolio/rebalanceSubmission';
import type { OmsError } from '../../core/trading/omsTypes';
import { OPTIMIZATION_METHODS } from '../../core/portfolio/methods';
import { symbolSchema } from './market';
import { finite } from './schemas';

const fraction = (min: number, max: number) => finite().refine((v) => v >= min && v <= max, { message: `must be between ${min} and ${max}` });
const weightMap = z.record(symbolSchema, fraction(-10, 10));

export const viewSchema = z
  .object({
    /** The view portfolio: symbol → weight (one symbol at 1 is an absolute view; +1/−1 a relative one). */
    assets: z.record(symbolSchema, fraction(-10, 10)).refine((a) => Object.keys(a).length > 0, { message: 'a view needs at least one symbol' }),
    /** Annual expected return of the view portfolio. */
    expectedReturn: fraction(-10, 10),
    /** Ω_kk, the view's variance in daily units; τ·pᵀΣp when omitted. */
    variance: finite().refine((v) => v > 0, { message: 'must be > 0' }).optional(),
  })
  .strict();

export const optimizeShape = {
  method: z.enum(OPTIMIZATION_METHODS),
  symbols: z.array(symbolSchema).min(1).max(5_000).refine((s) => new Set(s).size === s.length, { message: 'symbols must not repeat' }),
  /** Daily returns in the estimation window (window + 1 closes). */
  window: z.number().int().min(2).max(20_000).default(500),
  covariance: z.enum(['sample', 'ledoit-wolf']).default('sample'),
  longOnly: z.boolean().default(false),
  minWeight: fraction(-10, 10).optional(),
  maxWeight: fraction(-10, 10).optional(),
  /** Cap on the net weight of each named sector / currency (from the stored instruments). */
  sectorCaps: z.record(z.string().min(1).max(64), fraction(0, 10)).optional(),
  currencyCaps: z.record(z.string().regex(/^[A-Z]{3}$/), fraction(0, 10)).optional(),
  /** Σ|w − w_current| ≤ maxTurnover, w_current from the positions (rebalance) or currentWeights. */
  maxTurnover: fraction(0, 20).optional(),
  currentWeights: weightMap.optional(),
  grossLeverage: fraction(1, 20).optional(),
  riskAversion: fraction(1e-6, 1e6).optional(),
  /** Annual. */
  targetReturn: fraction(-10, 10).optional(),
  riskFreeRate: fraction(-1, 1).optional(),
  /** Annual expected returns (factors, model predictions) instead of the window's historical mean. */
  expectedReturns: z.record(symbolSchema, fraction(-10, 10)).optional(),
  views: z.array(viewSchema).max(100).optional(),
  marketWeights: weightMap.optional(),
  tau: fraction(1e-6, 10).optional(),
};

export const optimizeRequestSchema = z.object(optimizeShape).strict();
export type OptimizeRequest = z.output<typeof optimizeRequestSchema>;

export const rebalanceRequestSchema = z
  .object({
    ...optimizeShape,
    method: z.enum(OPTIMIZATION_METHODS).optional(),
    /** Target weights given directly (an edited preview); otherwise the method's optimum. */
    targetWeights: weightMap.optional(),
    positions: z.record(symbolSchema, finite()).default({}),
    cash: finite().refine((v) => Math.abs(v) <= 1e12, { message: 'must be at most 1e12 in size' }),
    minOrderNotional: fraction(0, 1e9).default(0),
    commissionPerShare: fraction(0, 100).default(0.005),
    minimumCommission: fraction(0, 1e4).default(1),
    impactCoefficient: fraction(0, 10).default(0.1),
    /** Assumed quoted spread in basis points of the price (the store keeps no quotes). */
    spreadBps: fraction(0, 10_000).default(5),
  })
  .strict()
  .refine((r) => r.method !== undefined || r.targetWeights !== undefined, { message: 'give a method or targetWeights', path: ['method'] });
export type RebalanceRequestInput = z.output<typeof rebalanceRequestSchema>;

export interface PortfolioOptimization {
  readonly method: string;
  readonly symbols: readonly string[];
  /** symbol → weight; the weights sum to 1. */
  readonly weights: Readonly<Record<string, number>>;
  /** Annualized (252 days). */
  readonly expectedReturn: number;
  readonly volatility: number;
  /** symbol → share of the annualized volatility; they sum to `volatility`. */
  readonly riskContributions: Readonly<Record<string, number>>;
  readonly covariance: 'sample' | 'ledoit-wolf';
  readonly shrinkage: number;
  readonly window: number;
  /** First and last return date of the window (epoch ms). */
  readonly from: number;
  readonly to: number;
}

export interface PortfolioRebalance {
  readonly target: PortfolioOptimization | null;
  readonly equity: number;
  readonly orders: readonly {
    readonly symbol: string;
    readonly side: 'BUY' | 'SELL';
    readonly quantity: number;
    readonly price: number;
    readonly notional: number;
    readonly currentQuantity: number;
    readonly targetQuantity: number;
    readonly cost: { readonly commission: number; readonly halfSpread: number; readonly impact: number; readonly total: number };
  }[];
  readonly skipped: readonly { readonly symbol: string; readonly quantity: number; readonly notional: number; readonly reason: string }[];
  readonly totalCost: number;
  readonly cashAfter: number;
  readonly weightsAfter: Readonly<Record<string, number>>;
  readonly volatilityAfter: number;
  readonly riskContributionsAfter: Readonly<Record<string, number>>;
}

export type PortfolioResult<T> = Result<T, PortfolioError>;

/** The efficient frontier under the request's constraints, with each asset's own point for reference. */
export interface PortfolioFrontier {
  /** From the minimum-variance portfolio up to the highest return the constraints allow; annualized. */
  readonly points: readonly { readonly expectedReturn: number; readonly volatility: number; readonly weights: Readonly<Record<string, number>> }[];
  readonly assets: readonly { readonly symbol: string; readonly expectedReturn: number; readonly volatility: number }[];
}

export const frontierRequestSchema = z.object({ ...optimizeShape, method: z.enum(OPTIMIZATION_METHODS).optional(), points: z.number().int().min(2).max(100).default(20) }).strict();
export type FrontierRequest = z.output<typeof frontierRequestSchema>;

const MAX_ORDER_QUANTITY = 1e9;

/** One previewed (possibly edited) order of a rebalance: a market order, or a limit order when priced. */
export const rebalanceOrderSchema = z
  .object({
    symbol: symbolSchema,
    side: z.enum(['BUY', 'SELL']),
    quantity: finite().refine((v) => v > 0 && v <= MAX_ORDER_QUANTITY, { message: `must be greater than 0 and at most ${MAX_ORDER_QUANTITY}` }),
    limitPrice: finite().refine((v) => v > 0 && v <= 1e9, { message: 'must be greater than 0 and at most 1e9' }).optional(),
  })
  .strict();

export const sendRebalanceRequestSchema = z
  .object({
    orders: z.array(rebalanceOrderSchema).min(1).max(1_000),
    /** One basket id tagged on every order, so the whole rebalance can be canceled at once (portfolio.cancelBasket). */
    basket: z.boolean().default(false),
    timeInForce: z.enum(['DAY', 'GTC']).default('DAY'),
  })
  .strict();
export type SendRebalanceRequest = z.output<typeof sendRebalanceRequestSchema>;

export interface BasketCancellation {
  readonly basketId: string;
  readonly canceled: readonly string[];
  readonly skipped: readonly { readonly clientOrderId: string; readonly error: OmsError }[];
}

export const portfolioContract = {
  'portfolio.optimize': { input: optimizeRequestSchema, output: z.custom<PortfolioResult<PortfolioOptimization>>() },
  'portfolio.rebalance': { input: rebalanceRequestSchema, output: z.custom<PortfolioResult<PortfolioRebalance>>() },
  'portfolio.frontier': { input: frontierRequestSchema, output: z.custom<PortfolioResult<PortfolioFrontier>>() },
  /**
   * Submits the (edited) rebalance orders through the OMS, each passing pre-trade risk: a denied one is reported with
   * its denial and the others go. A line that cannot be an order (unknown symbol, off-lot quantity) refuses the whole
   * rebalance, naming the field, before anything is sent.
   */
  'portfolio.sendRebalance': { input: sendRebalanceRequestSchema, output: z.custom<Result<RebalanceSubmission, RebalanceSendError>>() },
  /** Cancels the basket's working orders. */
  'portfolio.cancelBasket': { input: z.object({ basketId: z.string().min(1).max(48) }).strict(), output: z.custom<BasketCancellation>() },
} as const;
