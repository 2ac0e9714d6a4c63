// Backtests across the API and the CLI: a run's request, its summary, sweeps, stored runs (with their equity, fills and
// executions) and strategy listing.
import { z } from 'zod';
import type { Result } from '../../core/model/result';
import { FILL_TIMINGS, type FillTiming } from '../../core/backtest/backtestTypes';
import { epochMs, finite, positiveInt, empty } from './schemas';
import { symbolSchema, TIMEFRAMES } from './market';
import { executionRecordsSchema } from './backtestExecutions';

export const strategyNameSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a strategy file name: lower-case letters, digits and dashes');
const paramName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be a parameter name');

const backtestShape = {
  strategy: strategyNameSchema,
  symbols: z.array(symbolSchema).min(1).max(2_000),
  from: epochMs().optional(),
  to: epochMs().optional(),
  timeframe: z.enum(TIMEFRAMES).default('1D'),
  params: z.record(paramName, finite()).default({}),
  cash: finite().refine((v) => v > 0 && v <= 1e12, { message: 'must be positive and at most 1e12' }).default(100_000),
  fill: z.enum(FILL_TIMINGS as [FillTiming, ...FillTiming[]]).default('next-open'),
  commission: z.enum(['zero', 'sim']).default('zero'),
  slippageBps: finite().min(0).max(1_000).default(0),
  maxVolumeShare: finite().min(0).max(1).default(0.1),
  limits: z.enum(['none', 'current']).default('none'),
  benchmark: symbolSchema.optional(),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  /** The client's name for this job: its progress on `research.progress` and `backtest.cancel` use it. */
  job: z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/).optional(),
};

export const backtestRequestSchema = z
  .object(backtestShape)
  .strict()
  .refine((r) => r.from === undefined || r.to === undefined || r.from < r.to, { message: 'from must be before to', path: ['from'] });
export type BacktestRequest = z.output<typeof backtestRequestSchema>;

/** A grid: each parameter's values; every combination runs (at most MAX_SWEEP_RUNS). */
export const MAX_SWEEP_RUNS = 2_000;
export const SWEEP_METRICS = ['sharpe', 'sortino', 'calmar', 'cagr', 'totalReturn', 'maxDrawdown'] as const;
export type SweepMetric = (typeof SWEEP_METRICS)[number];

export const backtestSweepSchema = z
  .object({
    ...backtestShape,
    grid: z.record(paramName, z.array(finite()).min(1).max(1_000)),
    rankBy: z.enum(SWEEP_METRICS).default('sharpe'),
    /** Where the runs happen: this machine's backtest engines (default), or the team's research queue (`nautilus worker`). */
    on: z.enum(['local', 'queue']).optional(),
  })
  .strict()
  .refine((r) => r.from === undefined || r.to === undefined || r.from < r.to, { message: 'from must be before to', path: ['from'] })
  .refine((r) => Object.values(r.grid).reduce((n, values) => n * values.length, 1) <= MAX_SWEEP_RUNS, { message: `the grid has more than ${MAX_SWEEP_RUNS} combinations`, path: ['grid'] });
export type BacktestSweepRequest = z.output<typeof backtestSweepSchema>;

/** Walk-forward: windows of `inSample` bar times to optimize the grid on, then `outOfSample` to test the best on. */
export const backtestWalkForwardSchema = z
  .object({
    ...backtestShape,
    grid: z.record(paramName, z.array(finite()).min(1).max(1_000)),
    rankBy: z.enum(SWEEP_METRICS).default('sharpe'),
    inSample: z.number().int().min(2).max(1_000_000),
    outOfSample: z.number().int().min(2).max(1_000_000),
    /** Bar times between window starts; at least outOfSample, so the tested stretches never overlap. Default: outOfSample. */
    step: z.number().int().min(1).max(1_000_000).optional(),
    /** Where each window's in-sample grid runs: this machine's engines (default), or the team's research queue. */
    on: z.enum(['local', 'queue']).optional(),
  })
  .strict()
  .refine((r) => r.from === undefined || r.to === undefined || r.from < r.to, { message: 'from must be before to', path: ['from'] })
  .refine((r) => r.step === undefined || r.step >= r.outOfSample, { message: 'must be at least outOfSample: out-of-sample stretches may not overlap', path: ['step'] })
  .refine((r) => Object.values(r.grid).reduce((n, values) => n * values.length, 1) <= MAX_SWEEP_RUNS, { message: `the grid has more than ${MAX_SWEEP_RUNS} combinations`, path: ['grid'] });
export type BacktestWalkForwardRequest = z.output<typeof backtestWalkForwardSchema>;

export interface WalkForwardWindow {
  readonly index: number;
  /** First and last bar times of each stretch. */
  readonly inSample: { readonly from: number; readonly to: number };
  readonly outOfSample: { readonly from: number; readonly to: number };
  readonly bestParams: Readonly<Record<string, number>>;
  /** The ranking metric of the best in-sample run. */
  readonly inSampleMetric: number | null;
  readonly inSampleRunIds: readonly string[];
  /** The out-of-sample run of the best parameters. */
  readonly outOfSampleRun: BacktestRunSummary;
}

export interface WalkForwardSummary {
  readonly walkForwardId: string;
  readonly rankBy: SweepMetric;
  readonly windows: readonly WalkForwardWindow[];
  /** Metrics of the out-of-sample daily equity chained window after window (each window's returns compounded). */
  readonly outOfSampleMetrics: MetricsJson;
  readonly outOfSampleEquity: { readonly time: readonly number[]; readonly equity: readonly number[] };
  readonly failed: BacktestSweepSummary['failed'];
}

/** Metrics as fractions; null where undefined (no trades, zero volatility …). */
export type MetricsJson = Readonly<Record<string, number | null>>;

export interface BacktestRunSummary {
  readonly runId: string;
  readonly strategy: string;
  readonly strategyHash: string;
  /** The strategy version the run ran: sha256 of the code hash and the canonical parameters (as deployments name it). */
  readonly strategyVersion: string;
  readonly params: Readonly<Record<string, number>>;
  readonly symbols: readonly string[];
  readonly timeframe: string;
  readonly from: number;
  readonly to: number;
  readonly barCount: number;
  readonly initialCash: number;
  readonly finalEquity: number;
  readonly fillCount: number;
  readonly tradeCount: number;
  readonly denialCount: number;
  readonly metrics: MetricsJson;
  readonly benchmark: MetricsJson | null;
  /** The conventions the metrics follow, word for word. */
  readonly conventions: Readonly<Record<string, string>>;
}

export interface BacktestSweepSummary {
  readonly sweepId: string;
  readonly rankBy: SweepMetric;
  /** Best first; runs whose metric is undefined last. */
  readonly runs: readonly BacktestRunSummary[];
  readonly failed: readonly { readonly params: Readonly<Record<string, number>>; readonly code: string; readonly message: string }[];
}

export interface BacktestError {
  readonly code: string;
  readonly message: string;
  readonly [key: string]: unknown;
}

export interface StrategyInfo {
  readonly name: string;
  readonly origin: 'builtin' | 'team' | 'user';
  readonly description: string | null;
  readonly params: Readonly<Record<string, { default: number; min?: number; max?: number; integer?: boolean; description?: string }>>;
  /** Set when the file does not load: what is wrong with it. */
  readonly error: string | null;
}

/** What `backtest.equity` and `nautilus backtest show --json` return for a stored run. */
export const backtestRunDetailSchema = z
  .object({
    equity: z.object({ time: z.array(epochMs()), equity: z.array(finite()) }).strict(),
    fills: z.array(z.object({ time: epochMs(), symbol: z.string().min(1), side: z.string().min(1), quantity: finite(), price: finite() }).strict()),
    executions: executionRecordsSchema,
  })
  .strict();
export type BacktestRunDetail = z.output<typeof backtestRunDetailSchema>;

export const backtestContract = {
  'backtest.strategies': { input: empty, output: z.custom<StrategyInfo[]>() },
  /** One run; progress on `research.progress` with job `backtest:<jobId>`. */
  'backtest.run': { input: backtestRequestSchema, output: z.custom<Result<BacktestRunSummary, BacktestError>>() },
  'backtest.sweep': { input: backtestSweepSchema, output: z.custom<Result<BacktestSweepSummary, BacktestError>>() },
  /** In-sample grid, out-of-sample test, window after window; every run stored under the walk-forward's id. */
  'backtest.walkForward': { input: backtestWalkForwardSchema, output: z.custom<Result<WalkForwardSummary, BacktestError>>() },
  'backtest.cancel': { input: z.object({ job: z.string().min(1).max(100) }).strict(), output: z.custom<{ cancelled: boolean }>() },
  'backtest.runs': { input: z.object({ limit: positiveInt(1_000).optional() }).strict(), output: z.custom<BacktestRunSummary[]>() },
  /** A stored run's detail: its daily equity, its fills and its executions (parents with TCA, and children). */
  'backtest.equity': { input: z.object({ runId: z.string().uuid() }).strict(), output: backtestRunDetailSchema },
} as const;
