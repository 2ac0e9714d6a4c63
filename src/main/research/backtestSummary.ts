// A run's headline figures: the analytics over its daily equity, round trips, exposure and turnover (and against the
// benchmark when one was given), as JSON-safe values with the conventions they follow.
import { strategyVersionId } from '../strategies/strategyVersionId';
import { ANALYTICS_CONVENTIONS, computePerformance, type PerformanceReport } from '../../core/analytics';
import type { BacktestResult } from '../../core/backtest';
import { roundMoney } from '../../core/model/instrument';
import type { BacktestRunSummary, MetricsJson } from '../../shared/contracts/backtest';
import type { PreparedBacktest } from './backtestService';

const json = (record: object): MetricsJson =>
  Object.fromEntries(Object.entries(record).filter(([, v]) => typeof v === 'number').map(([k, v]) => [k, Number.isFinite(v) ? (v as number) : null]));

const conventionText = (): Record<string, string> =>
  Object.fromEntries(Object.entries(ANALYTICS_CONVENTIONS).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));

export function summarizeRun(
  runId: string,
  prepared: PreparedBacktest,
  params: Readonly<Record<string, number>>,
  result: BacktestResult,
): { summary: BacktestRunSummary; report: PerformanceReport | null; benchmarkReport: PerformanceReport | null } {
  const e = result.equity;
  const measured = computePerformance({
    equity: { times: e.time, values: e.equity },
    trades: result.trades,
    exposure: e.exposure,
    turnover: e.turnover,
    ...(prepared.benchmark && prepared.benchmark.times.length > 1 ? { benchmark: prepared.benchmark } : {}),
  });
  const report = measured.ok ? measured.value : null;
  const benchmarkReport = prepared.benchmark && prepared.benchmark.times.length > 1 ? computePerformance({ equity: prepared.benchmark }) : null;
  const summary: BacktestRunSummary = {
    runId,
    strategy: prepared.strategy.name,
    strategyHash: prepared.strategy.contentHash,
    strategyVersion: strategyVersionId(prepared.strategy.contentHash, params),
    params,
    symbols: prepared.series.map((s) => s.instrument.symbol),
    timeframe: prepared.request.timeframe,
    from: result.from,
    to: result.to,
    barCount: result.barCount,
    initialCash: prepared.config.initialCash,
    // Money is reported at the currency's minor unit (the metrics use the unrounded series).
    finalEquity: roundMoney(result.finalEquity),
    fillCount: result.fills.length,
    tradeCount: result.trades.length,
    denialCount: result.denials.length,
    metrics: report ? json(report.metrics) : {},
    benchmark: report?.benchmark ? json(report.benchmark) : null,
    conventions: conventionText(),
  };
  return { summary, report, benchmarkReport: benchmarkReport?.ok ? benchmarkReport.value : null };
}
