// A backtest's inputs and results: the series it replays, its fill, cost and limit options, and what it produced.
import type { EpochMs } from '../model/clock';
import type { Fill } from '../model/fill';
import type { BarColumns } from '../model/marketData';
import type { Order } from '../model/order';
import type { CommissionSchedule } from '../trading/commission';
import type { RiskLimit } from '../trading/risk/limits';
import type { NodeInstrument } from '../trading/tradingNode';
import type { ParamValues } from '../strategy/strategy';
import type { RoundTrip } from '../analytics/series';
import type { ExecutionParent } from '../execution/parentOrder';
import type { TcaReport } from '../execution/tca';
import type { ExecutionChildRecord } from './executionRecord';

export interface BacktestSeries {
  readonly instrument: NodeInstrument;
  /** Ascending bar open times; one bar per time. */
  readonly bars: BarColumns;
}

/** `next-open`: a market order placed at a bar's close fills at the next bar's open. `close`: at that close. */
export type FillTiming = 'next-open' | 'close';
export const FILL_TIMINGS: readonly FillTiming[] = ['next-open', 'close'];

export interface BacktestConfig {
  readonly timeframeMs: number;
  /** Starting cash in the base currency. */
  readonly initialCash: number;
  readonly baseCurrency: string;
  readonly fill: FillTiming;
  readonly commission: CommissionSchedule;
  /** Taker fills are worse than the bar's price by this many basis points. */
  readonly slippageBps: number;
  /** Each bar offers at most this share of its volume to fills (0: no cap; bars without volume are never capped). */
  readonly maxVolumeShare: number;
  /** Empty: order-shape checks only (a research run is never silently truncated). The workstation's limits: as live. */
  readonly limits: readonly RiskLimit[];
  readonly seed: number;
  /** The account's home exchange: its session open resets the daily P&L. */
  readonly accountUtcOffsetMinutes: number;
}

export interface BacktestDenial {
  readonly time: EpochMs;
  readonly symbol: string;
  readonly side: string;
  readonly quantity: number;
  readonly code: string;
  readonly detail: string;
}

/** A round-trip trade of a backtest: the analytics' round trip (its P&L and times) with what was traded. */
export interface BacktestTrade extends RoundTrip {
  readonly symbol: string;
  /** 1 long, −1 short. */
  readonly direction: 1 | -1;
  readonly entryTime: EpochMs;
  readonly exitTime: EpochMs;
  /** Largest absolute position held during the trip. */
  readonly maxQuantity: number;
  readonly entryPrice: number;
  readonly exitPrice: number;
  /** Realized P&L less commissions, in the base currency. */
  readonly pnl: number;
  readonly commission: number;
}

export interface DailyEquity {
  /** Session dates (UTC midnight), ascending. */
  readonly time: Float64Array;
  readonly equity: Float64Array;
  readonly cash: Float64Array;
  /** Gross market value of positions / equity, at the close. */
  readonly exposure: Float64Array;
  /** Traded value that day / equity. */
  readonly turnover: Float64Array;
}

/** A SMART order or algorithm the strategy sent: the parent as it ended (children listed) and its TCA once it filled. */
export interface BacktestExecution {
  readonly parent: ExecutionParent;
  /** Against the arrival mid, split as live; the interval VWAP is the bars' typical price over the parent's life. */
  readonly tca: TcaReport | null;
  /** Its children as the router recorded them, in the order they were sent. */
  readonly children: readonly ExecutionChildRecord[];
}

export interface BacktestResult {
  readonly params: ParamValues;
  readonly symbols: readonly string[];
  readonly from: EpochMs;
  readonly to: EpochMs;
  readonly barCount: number;
  readonly finalEquity: number;
  readonly orders: readonly Readonly<Order>[];
  readonly fills: readonly Fill[];
  readonly trades: readonly BacktestTrade[];
  readonly denials: readonly BacktestDenial[];
  readonly executions: readonly BacktestExecution[];
  readonly equity: DailyEquity;
  /** Open positions at the end, marked at the last close. */
  readonly positions: readonly { readonly symbol: string; readonly quantity: number; readonly averageCost: number; readonly mark: number }[];
}

export interface BacktestProgress {
  readonly barsDone: number;
  readonly barsTotal: number;
  readonly time: EpochMs;
}

export interface BacktestHooks {
  /** Called every `progressEvery` bars (default: about 1% of the run, at least 500 bars); cancel is checked there too. */
  readonly onProgress?: (progress: BacktestProgress) => void;
  readonly progressEvery?: number;
  /** Polled with progress: true stops the run with BACKTEST_CANCELLED. */
  readonly isCancelled?: () => boolean;
}

export type BacktestError =
  | { readonly code: 'NO_BARS'; readonly detail: string }
  | { readonly code: 'BARS_NOT_ASCENDING'; readonly symbol: string; readonly index: number }
  | { readonly code: 'BAD_BAR'; readonly symbol: string; readonly index: number; readonly field: string; readonly value: number }
  | { readonly code: 'BACKTEST_CANCELLED'; readonly barsDone: number }
  | { readonly code: 'STRATEGY_THREW'; readonly callback: string; readonly message: string; readonly stack: string | null };
