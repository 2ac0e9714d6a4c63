// The rows of the tear sheet's metrics table: which figure, its label, its group and how it is formatted.

import type { BenchmarkStats, PerformanceMetrics, WinLossStats } from '../analytics';
import { formatNumber, formatPercent, MISSING } from './html';

export type MetricFormat = 'percent' | 'ratio' | 'days' | 'winLoss';

export interface MetricRow {
  readonly key: keyof PerformanceMetrics;
  readonly label: string;
  readonly format: MetricFormat;
}

export const METRIC_GROUPS: readonly { readonly title: string; readonly rows: readonly MetricRow[] }[] = [
  {
    title: 'Returns',
    rows: [
      { key: 'totalReturn', label: 'Total return', format: 'percent' },
      { key: 'cagr', label: 'CAGR', format: 'percent' },
      { key: 'bestDay', label: 'Best day', format: 'percent' },
      { key: 'worstDay', label: 'Worst day', format: 'percent' },
    ],
  },
  {
    title: 'Risk',
    rows: [
      { key: 'volatility', label: 'Volatility (ann.)', format: 'percent' },
      { key: 'maxDrawdown', label: 'Max drawdown', format: 'percent' },
      { key: 'maxDrawdownDays', label: 'Max drawdown duration', format: 'days' },
      { key: 'longestDrawdownDays', label: 'Longest drawdown', format: 'days' },
      { key: 'ulcerIndex', label: 'Ulcer index', format: 'percent' },
      { key: 'valueAtRisk', label: 'Daily VaR 95%', format: 'percent' },
      { key: 'conditionalValueAtRisk', label: 'Daily CVaR 95%', format: 'percent' },
    ],
  },
  {
    title: 'Risk-adjusted',
    rows: [
      { key: 'sharpe', label: 'Sharpe', format: 'ratio' },
      { key: 'sortino', label: 'Sortino', format: 'ratio' },
      { key: 'calmar', label: 'Calmar', format: 'ratio' },
      { key: 'omega', label: 'Omega', format: 'ratio' },
      { key: 'probabilisticSharpe', label: 'Probabilistic Sharpe', format: 'percent' },
    ],
  },
  {
    title: 'Distribution',
    rows: [
      { key: 'skew', label: 'Skew', format: 'ratio' },
      { key: 'kurtosis', label: 'Excess kurtosis', format: 'ratio' },
      { key: 'tailRatio', label: 'Tail ratio', format: 'ratio' },
    ],
  },
  {
    title: 'Trading',
    rows: [
      { key: 'winRate', label: 'Win rate', format: 'percent' },
      { key: 'profitFactor', label: 'Profit factor', format: 'ratio' },
      { key: 'payoffRatio', label: 'Payoff ratio', format: 'ratio' },
      { key: 'averageWin', label: 'Average win', format: 'winLoss' },
      { key: 'averageLoss', label: 'Average loss', format: 'winLoss' },
      { key: 'exposure', label: 'Exposure', format: 'percent' },
      { key: 'turnover', label: 'Turnover (ann.)', format: 'ratio' },
    ],
  },
];

export const BENCHMARK_ROWS: readonly { readonly key: keyof BenchmarkStats; readonly label: string; readonly format: MetricFormat }[] = [
  { key: 'alpha', label: 'Alpha (ann.)', format: 'percent' },
  { key: 'beta', label: 'Beta', format: 'ratio' },
  { key: 'correlation', label: 'Correlation', format: 'ratio' },
  { key: 'trackingError', label: 'Tracking error (ann.)', format: 'percent' },
  { key: 'informationRatio', label: 'Information ratio', format: 'ratio' },
];

/** A figure as the table shows it; win/loss figures are percent on daily returns, currency on trades. */
export function formatMetric(value: number, format: MetricFormat, basis: WinLossStats['basis']): string {
  switch (format) {
    case 'percent':
      return formatPercent(value);
    case 'ratio':
      return formatNumber(value, 2);
    case 'days':
      return Number.isFinite(value) ? `${formatNumber(value, 0)} d` : MISSING;
    case 'winLoss':
      return basis === 'trades' ? formatNumber(value, 2) : formatPercent(value);
    default: {
      const never: never = format;
      throw new Error(`unknown metric format ${String(never)}`);
    }
  }
}
