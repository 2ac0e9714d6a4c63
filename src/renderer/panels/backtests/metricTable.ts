// The metrics table's rows from a run's summary: the tear sheet's groups and formats (fractions as percent), each
// row with the convention it follows, and one column per run so two runs compare side by side. Pure.
import { BENCHMARK_ROWS, formatMetric, METRIC_GROUPS, type MetricFormat } from '../../../core/report/metricRows';
import type { BacktestRunSummary, MetricsJson } from '../../../shared/contracts/backtest';

/** Which convention (a key of the summary's `conventions`) explains each figure. */
const CONVENTION_OF: Readonly<Record<string, string>> = {
  totalReturn: 'totalReturn',
  cagr: 'cagr',
  bestDay: 'quantiles',
  worstDay: 'quantiles',
  volatility: 'volatility',
  maxDrawdown: 'drawdown',
  maxDrawdownDays: 'drawdown',
  longestDrawdownDays: 'drawdown',
  ulcerIndex: 'ulcer',
  valueAtRisk: 'var',
  conditionalValueAtRisk: 'var',
  sharpe: 'sharpe',
  sortino: 'sortino',
  calmar: 'calmar',
  omega: 'omega',
  probabilisticSharpe: 'psr',
  skew: 'skew',
  kurtosis: 'kurtosis',
  tailRatio: 'tailRatio',
  winRate: 'trades',
  profitFactor: 'trades',
  payoffRatio: 'trades',
  averageWin: 'trades',
  averageLoss: 'trades',
  exposure: 'exposure',
  turnover: 'turnover',
};

export interface MetricCell {
  readonly text: string;
  /** The raw figure (a fraction where the format is percent), null when undefined. */
  readonly value: number | null;
}

export interface MetricTableRow {
  readonly key: string;
  readonly label: string;
  readonly group: string;
  /** The convention the figure follows, word for word from the run's summary. */
  readonly convention: string;
  readonly cells: readonly MetricCell[];
}

/** One figure as the table shows it: percent for fractions, two decimals for ratios, days, currency for trade P&L. */
export function formatRunMetric(value: number | null | undefined, format: MetricFormat, run: Pick<BacktestRunSummary, 'tradeCount'>): string {
  return formatMetric(value ?? Number.NaN, format, run.tradeCount > 0 ? 'trades' : 'dailyReturns');
}

const cell = (metrics: MetricsJson | null, key: string, format: MetricFormat, run: BacktestRunSummary): MetricCell => {
  const v = metrics?.[key];
  const value = typeof v === 'number' && Number.isFinite(v) ? v : null;
  return { value, text: formatRunMetric(value, format, run) };
};

/** The rows for one run or more (one cell per run); benchmark rows only when some run had a benchmark. */
export function metricTableRows(runs: readonly BacktestRunSummary[]): MetricTableRow[] {
  if (runs.length === 0) return [];
  const conventions = runs[0]!.conventions;
  const rows: MetricTableRow[] = [];
  for (const group of METRIC_GROUPS) {
    for (const row of group.rows) {
      rows.push({
        key: row.key,
        label: row.label,
        group: group.title,
        convention: conventions[CONVENTION_OF[row.key] ?? ''] ?? '',
        cells: runs.map((run) => cell(run.metrics, row.key, row.format, run)),
      });
    }
  }
  if (runs.some((r) => r.benchmark)) {
    for (const row of BENCHMARK_ROWS) {
      rows.push({ key: `benchmark.${row.key}`, label: row.label, group: 'Against the benchmark', convention: conventions.benchmark ?? '', cells: runs.map((run) => cell(run.benchmark, row.key, row.format, run)) });
    }
  }
  return rows;
}

/** A run's name in lists and column heads: strategy and its parameters, e.g. `sma-cross fast=10 slow=50`. */
export function runLabel(run: Pick<BacktestRunSummary, 'strategy' | 'params'>): string {
  const params = Object.entries(run.params).map(([k, v]) => `${k}=${v}`);
  return [run.strategy, ...params].join(' ');
}
