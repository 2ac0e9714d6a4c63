// What the risk report is assembled from: one value per section, each either given or "not available" with the reason.

import type { PerformanceMetrics } from '../analytics';
import type { PnlSummary, PositionSnapshot } from '../model/position';
import type { LimitUtilization } from '../trading/risk/limits';
import type { TcaSummary } from '../execution/tca';

/** A section's data, or why there is none; a missing section is printed as such, never filled with made-up numbers. */
export type Section<T> = { readonly available: true; readonly value: T } | { readonly available: false; readonly reason: string };

export const available = <T>(value: T): Section<T> => ({ available: true, value });
export const notAvailable = <T>(reason: string): Section<T> => ({ available: false, reason });

export const VAR_METHODS = ['historical', 'parametric', 'monteCarlo'] as const;
export type VarMethod = (typeof VAR_METHODS)[number];

export const VAR_METHOD_LABELS: Readonly<Record<VarMethod, string>> = { historical: 'Historical', parametric: 'Parametric (normal)', monteCarlo: 'Monte Carlo' };

/** VaR and ES as positive amounts in the base currency. */
export interface VarFigure {
  readonly method: VarMethod;
  readonly confidence: number;
  readonly valueAtRisk: number;
  readonly expectedShortfall: number;
}

/** One position's share of the book's VaR; components of one method and confidence sum to its VaR. */
export interface ComponentVarFigure {
  readonly symbol: string;
  readonly method: VarMethod;
  readonly confidence: number;
  readonly component: number;
  /** d VaR / d (position value), a fraction; null when the method does not give it. */
  readonly marginal: number | null;
}

export interface VarSection {
  /** The book's value in the base currency the figures refer to. */
  readonly bookValue: number;
  /** Days of history used. */
  readonly window: number;
  readonly horizonDays: number;
  readonly figures: readonly VarFigure[];
  readonly components: readonly ComponentVarFigure[];
  /** The source's own conventions text, printed with the figures. */
  readonly conventions: string;
}

export const STRESS_KINDS = ['historical', 'shock'] as const;
export type StressKind = (typeof STRESS_KINDS)[number];

export interface StressResult {
  readonly scenario: string;
  readonly kind: StressKind;
  readonly description: string;
  /** The book's P&L under the scenario, base currency (negative = loss). */
  readonly pnl: number;
  /** P&L / book value. */
  readonly pnlFraction: number;
}

export interface StressSection {
  readonly results: readonly StressResult[];
  readonly conventions: string;
}

export const EXPOSURE_DIMENSIONS = ['symbol', 'sector', 'industry', 'currency'] as const;
export type ExposureDimension = (typeof EXPOSURE_DIMENSIONS)[number];

/** Base-currency amounts; short is negative. */
export interface ExposureRow {
  readonly dimension: ExposureDimension;
  readonly key: string;
  readonly long: number;
  readonly short: number;
  readonly gross: number;
  readonly net: number;
}

export interface LiquidityRow {
  readonly symbol: string;
  /** Trading days to liquidate at the given share of average daily volume. */
  readonly daysToLiquidate: number;
}

export interface ExposureSection {
  readonly rows: readonly ExposureRow[];
  readonly beta: { readonly benchmark: string; readonly value: number } | null;
  readonly liquidity: readonly LiquidityRow[];
  readonly conventions: string;
}

export interface BreachRecord {
  readonly time: number;
  readonly limitId: string;
  readonly kind: string;
  readonly value: number;
  readonly threshold: number;
  readonly clearedAt: number | null;
}

/** The current book held unchanged over past days: an estimate of how it behaves, not the account's history. */
export interface PerformanceSection {
  readonly basis: string;
  readonly equityTimes: Float64Array;
  readonly equityValues: Float64Array;
  readonly metrics: PerformanceMetrics;
}

export interface RiskReportInput {
  readonly generatedAt: number;
  readonly baseCurrency: string;
  readonly account: string;
  readonly venues: readonly string[];
  readonly dataDir: string;
  readonly positions: readonly PositionSnapshot[];
  /** Base-currency value of one unit of each currency; a currency without a rate leaves its base amounts empty. */
  readonly fxToBase: Readonly<Record<string, number>>;
  readonly pnl: PnlSummary;
  readonly limits: Section<readonly LimitUtilization[]>;
  readonly exposures: Section<ExposureSection>;
  readonly valueAtRisk: Section<VarSection>;
  readonly stress: Section<StressSection>;
  readonly breaches: Section<readonly BreachRecord[]>;
  readonly performance: Section<PerformanceSection>;
  /** SMART orders and algorithms created on the report's day, with their costs. */
  readonly tca: Section<TcaSummary>;
}
