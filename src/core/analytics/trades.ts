// Win/loss statistics on round-trip trade P&L (or daily returns when no trades are given), exposure and turnover.

import { PERIODS_PER_YEAR } from './conventions';
import { mean, safeRatio } from './descriptive';

export interface WinLossStats {
  /** What the figures are computed on: trade P&L (currency) or daily returns (fractions). */
  readonly basis: 'trades' | 'dailyReturns';
  readonly count: number;
  readonly wins: number;
  readonly losses: number;
  /** wins / (wins + losses); zero results are neither. */
  readonly winRate: number;
  /** Σ wins / |Σ losses|; NaN with no loss. */
  readonly profitFactor: number;
  /** average win / |average loss|. */
  readonly payoffRatio: number;
  readonly averageWin: number;
  /** Negative (a loss). */
  readonly averageLoss: number;
}

export function winLossStats(values: Float64Array, basis: WinLossStats['basis']): WinLossStats {
  let wins = 0;
  let losses = 0;
  let winSum = 0;
  let lossSum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v > 0) {
      wins++;
      winSum += v;
    } else if (v < 0) {
      losses++;
      lossSum += v;
    }
  }
  const averageWin = wins === 0 ? NaN : winSum / wins;
  const averageLoss = losses === 0 ? NaN : lossSum / losses;
  return {
    basis,
    count: values.length,
    wins,
    losses,
    winRate: safeRatio(wins, wins + losses),
    profitFactor: safeRatio(winSum, Math.abs(lossSum)),
    payoffRatio: safeRatio(averageWin, Math.abs(averageLoss)),
    averageWin,
    averageLoss,
  };
}

/** Mean gross exposure / equity when given, else the share of daily returns that are not zero. */
export function exposure(given: Float64Array | undefined, returns: Float64Array): number {
  if (given) return mean(given);
  if (returns.length === 0) return NaN;
  let active = 0;
  for (let i = 0; i < returns.length; i++) if (returns[i] !== 0) active++;
  return active / returns.length;
}

/** Annual turnover: mean daily traded notional / equity × 252; NaN when not given. */
export function annualTurnover(given: Float64Array | undefined, periodsPerYear = PERIODS_PER_YEAR): number {
  return given ? mean(given) * periodsPerYear : NaN;
}
