// The performance report: validates the input and assembles every metric, table and series the tear sheet shows.

import { err, ok } from '../model/result';
import type { Result } from '../model/result';
import { alignByDate, benchmarkStats } from './benchmark';
import type { AlignedPair, BenchmarkStats } from './benchmark';
import { ANALYTICS_CONVENTIONS, DEFAULT_ROLLING_WINDOW, DEFAULT_TOP_DRAWDOWNS } from './conventions';
import type { AnalyticsConventions } from './conventions';
import { returnDistribution, type ReturnDistribution } from './distribution';
import { drawdownEpisodes, drawdownSeries, maxDrawdown, ulcerIndex, worstDrawdowns } from './drawdown';
import type { DrawdownEpisode } from './drawdown';
import { monthlyReturns, yearlyReturns } from './periodTables';
import type { PeriodReturn } from './periodTables';
import { annualizedVolatility, calmarRatio, dailySharpe, omegaRatio, probabilisticSharpe, sharpeRatio, sortinoRatio } from './ratios';
import { cagr, dailyRiskFree, excessReturns, simpleReturns, totalReturn } from './returns';
import { rollingBeta, rollingSharpe } from './rolling';
import { validateLevels, validatePerPoint, validateTrades } from './series';
import type { AnalyticsInputError, DailySeries, PerformanceInput } from './series';
import { annualTurnover, exposure, winLossStats } from './trades';
import type { WinLossStats } from './trades';

export interface PerformanceOptions {
  /** Annual risk-free rate, a fraction (default 0); used daily as rf / 252. */
  readonly riskFreeRate?: number;
  /** Rolling Sharpe / beta window in daily returns (default 126). */
  readonly rollingWindow?: number;
  /** Rows in the worst-drawdowns table (default 5). */
  readonly topDrawdowns?: number;
}

/** Every scalar metric, as fractions (NaN where undefined; see ANALYTICS_CONVENTIONS.undefinedValues). */
export interface PerformanceMetrics extends ReturnDistribution {
  readonly startTime: number;
  readonly endTime: number;
  readonly points: number;
  readonly returns: number;
  readonly riskFreeRate: number;
  readonly totalReturn: number;
  readonly cagr: number;
  readonly volatility: number;
  readonly sharpe: number;
  readonly sortino: number;
  readonly calmar: number;
  readonly omega: number;
  readonly maxDrawdown: number;
  /** Calendar days of the deepest drawdown's episode (peak to recovery or to the end). */
  readonly maxDrawdownDays: number;
  /** Calendar days of the longest episode. */
  readonly longestDrawdownDays: number;
  readonly ulcerIndex: number;
  readonly winRate: number;
  readonly profitFactor: number;
  readonly payoffRatio: number;
  readonly averageWin: number;
  readonly averageLoss: number;
  readonly exposure: number;
  readonly turnover: number;
  readonly probabilisticSharpe: number;
}

export interface BenchmarkReport extends BenchmarkStats {
  readonly aligned: AlignedPair;
  /** Rolling beta dated at aligned.times[1..]. */
  readonly rollingBeta: Float64Array;
}

export interface PerformanceReport {
  readonly conventions: AnalyticsConventions;
  readonly metrics: PerformanceMetrics;
  readonly winLoss: WinLossStats;
  readonly equity: DailySeries;
  /** Times of the daily returns (equity.times[1..]). */
  readonly returnTimes: Float64Array;
  readonly returns: Float64Array;
  /** Underwater series, one per equity point. */
  readonly drawdown: Float64Array;
  readonly worstDrawdowns: readonly DrawdownEpisode[];
  readonly monthly: readonly PeriodReturn[];
  readonly yearly: readonly PeriodReturn[];
  readonly rollingWindow: number;
  /** Rolling Sharpe dated at returnTimes. */
  readonly rollingSharpe: Float64Array;
  readonly benchmark?: BenchmarkReport;
}

function checkOptions(o: PerformanceOptions): Result<Required<PerformanceOptions>, AnalyticsInputError> {
  const rf = o.riskFreeRate ?? 0;
  const window = o.rollingWindow ?? DEFAULT_ROLLING_WINDOW;
  const top = o.topDrawdowns ?? DEFAULT_TOP_DRAWDOWNS;
  if (!Number.isFinite(rf) || rf <= -1) return err({ code: 'BAD_OPTION', option: 'riskFreeRate', value: rf, message: `riskFreeRate must be a finite annual fraction above -1, got ${rf}` });
  if (!Number.isInteger(window) || window < 2) return err({ code: 'BAD_OPTION', option: 'rollingWindow', value: window, message: `rollingWindow must be a whole number of days >= 2, got ${window}` });
  if (!Number.isInteger(top) || top < 0) return err({ code: 'BAD_OPTION', option: 'topDrawdowns', value: top, message: `topDrawdowns must be a whole number >= 0, got ${top}` });
  return ok({ riskFreeRate: rf, rollingWindow: window, topDrawdowns: top });
}

export function computePerformance(input: PerformanceInput, options: PerformanceOptions = {}): Result<PerformanceReport, AnalyticsInputError> {
  const opts = checkOptions(options);
  if (!opts.ok) return opts;
  const { riskFreeRate, rollingWindow, topDrawdowns } = opts.value;
  const eq = validateLevels(input.equity, 'equity');
  if (!eq.ok) return eq;
  const equity = eq.value;
  const n = equity.values.length;
  const exp = validatePerPoint(input.exposure, n, 'exposure');
  if (!exp.ok) return exp;
  const turn = validatePerPoint(input.turnover, n, 'turnover');
  if (!turn.ok) return turn;
  const pnl = validateTrades(input.trades);
  if (!pnl.ok) return pnl;
  const bench = input.benchmark ? validateLevels(input.benchmark, 'benchmark') : undefined;
  if (bench && !bench.ok) return bench;

  const rfDaily = dailyRiskFree(riskFreeRate);
  const returns = simpleReturns(equity.values);
  const excess = excessReturns(returns, rfDaily);
  const dd = drawdownSeries(equity.values);
  const episodes = drawdownEpisodes(equity.times, dd);
  const mdd = maxDrawdown(dd);
  const deepest = worstDrawdowns(episodes, 1)[0];
  const growth = cagr(equity.values);
  const dist = returnDistribution(returns);
  const winLoss = pnl.value ? winLossStats(pnl.value, 'trades') : winLossStats(returns, 'dailyReturns');
  const sr = dailySharpe(excess);

  const metrics: PerformanceMetrics = {
    startTime: n === 0 ? NaN : equity.times[0]!,
    endTime: n === 0 ? NaN : equity.times[n - 1]!,
    points: n,
    returns: returns.length,
    riskFreeRate,
    totalReturn: totalReturn(equity.values),
    cagr: growth,
    volatility: annualizedVolatility(returns),
    sharpe: sharpeRatio(excess),
    sortino: sortinoRatio(excess),
    calmar: calmarRatio(growth, mdd),
    omega: omegaRatio(returns),
    maxDrawdown: mdd,
    maxDrawdownDays: deepest ? deepest.lengthDays : n === 0 ? NaN : 0,
    longestDrawdownDays: episodes.reduce((m, e) => Math.max(m, e.lengthDays), n === 0 ? NaN : 0),
    ulcerIndex: ulcerIndex(dd),
    skew: dist.skew,
    kurtosis: dist.kurtosis,
    bestDay: dist.bestDay,
    worstDay: dist.worstDay,
    valueAtRisk: dist.valueAtRisk,
    conditionalValueAtRisk: dist.conditionalValueAtRisk,
    tailRatio: dist.tailRatio,
    winRate: winLoss.winRate,
    profitFactor: winLoss.profitFactor,
    payoffRatio: winLoss.payoffRatio,
    averageWin: winLoss.averageWin,
    averageLoss: winLoss.averageLoss,
    exposure: exposure(exp.value, returns),
    turnover: annualTurnover(turn.value),
    probabilisticSharpe: probabilisticSharpe(sr, excess.length, dist.skew, dist.kurtosis + 3),
  };

  let benchmark: BenchmarkReport | undefined;
  if (bench) {
    const aligned = alignByDate(equity, bench.value);
    benchmark = {
      ...benchmarkStats(aligned, rfDaily),
      aligned,
      rollingBeta: rollingBeta(excessReturns(simpleReturns(aligned.strategy), rfDaily), excessReturns(simpleReturns(aligned.benchmark), rfDaily), rollingWindow),
    };
  }

  const returnTimes = equity.times.subarray(1);
  return ok({
    conventions: ANALYTICS_CONVENTIONS,
    metrics,
    winLoss,
    equity,
    returnTimes,
    returns,
    drawdown: dd,
    worstDrawdowns: worstDrawdowns(episodes, topDrawdowns),
    monthly: monthlyReturns(returnTimes, returns),
    yearly: yearlyReturns(returnTimes, returns),
    rollingWindow,
    rollingSharpe: rollingSharpe(excess, rollingWindow),
    benchmark,
  });
}
