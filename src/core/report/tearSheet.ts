// The tear sheet: a performance report in, one self-contained HTML page out (inline SVG and CSS, no network).

import { ANALYTICS_CONVENTIONS } from '../analytics';
import type { DrawdownEpisode, PerformanceReport } from '../analytics';
import { escapeHtml, formatDate, formatNumber, formatPercent, MISSING } from './html';
import { BENCHMARK_ROWS, formatMetric, METRIC_GROUPS } from './metricRows';
import { monthlyHeatmap } from './svgHeatmap';
import { returnHistogram } from './svgHistogram';
import { emptyChart, lineChart } from './svgLineChart';
import type { LineSeries } from './svgLineChart';
import { TEAR_SHEET_CSS } from './tearSheetStyle';

export interface TearSheetInput {
  readonly strategyName: string;
  readonly benchmarkName?: string;
  readonly report: PerformanceReport;
  /** The benchmark's own figures over the common dates, for the table's second column. */
  readonly benchmarkReport?: PerformanceReport;
  /** When the sheet was made (epoch ms), injected. */
  readonly generatedAt: number;
}

const STRATEGY_COLOR = '#1f4e79';
const BENCHMARK_COLOR = '#9a9fa8';
const DRAWDOWN_COLOR = '#b03a2e';
const WIDE = 1080;
const HALF = 530;

const CONVENTION_LABELS: Readonly<Record<keyof typeof ANALYTICS_CONVENTIONS, string>> = {
  equity: 'Equity',
  calendar: 'Calendar',
  periodsPerYear: 'Periods a year',
  units: 'Units',
  standardDeviation: 'Standard deviation',
  riskFree: 'Risk-free rate',
  totalReturn: 'Total return',
  cagr: 'CAGR',
  volatility: 'Volatility',
  sharpe: 'Sharpe',
  sortino: 'Sortino',
  calmar: 'Calmar',
  omega: 'Omega',
  drawdown: 'Drawdown',
  ulcer: 'Ulcer index',
  skew: 'Skew',
  kurtosis: 'Kurtosis',
  quantiles: 'Quantiles',
  var: 'VaR / CVaR',
  tailRatio: 'Tail ratio',
  trades: 'Win/loss figures',
  exposure: 'Exposure',
  turnover: 'Turnover',
  psr: 'Probabilistic Sharpe',
  benchmark: 'Benchmark',
  periodTables: 'Period tables',
  rolling: 'Rolling figures',
  undefinedValues: 'Undefined values',
};

/** Growth of 1 for the strategy, and the benchmark rebased to the strategy's value on the first common date. */
function equityChart(input: TearSheetInput): string {
  const { report } = input;
  const eq = report.equity;
  if (eq.values.length < 2) return emptyChart('Equity', WIDE, 320, 'Not enough data for this chart');
  const e0 = eq.values[0]!;
  const growth = eq.values.map((v) => v / e0);
  const series: LineSeries[] = [{ name: input.strategyName, times: eq.times, values: growth, color: STRATEGY_COLOR, width: 1.8 }];
  const b = report.benchmark?.aligned;
  if (b && b.times.length > 1) {
    const at = eq.times.indexOf(b.times[0]!);
    const base = growth[at]! / b.benchmark[0]!;
    series.push({ name: input.benchmarkName ?? 'Benchmark', times: b.times, values: b.benchmark.map((v) => v * base), color: BENCHMARK_COLOR, width: 1.4, behind: true });
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) for (let i = 0; i < s.values.length; i++) [lo, hi] = [Math.min(lo, s.values[i]!), Math.max(hi, s.values[i]!)];
  const log = hi / lo > 8;
  return lineChart({
    label: 'Equity against the benchmark, growth of 1',
    width: WIDE,
    height: 320,
    series,
    yScale: log ? 'log' : 'linear',
    yFormat: (v) => (v >= 10 ? formatNumber(v, 0) : String(Number(v.toPrecision(3)))),
    rules: [{ value: 1, color: '#aab2bd', dashed: true }],
  });
}

function section(id: string, title: string, note: string, body: string): string {
  return `<section id="${id}"><h2>${escapeHtml(title)}${note ? ` <span class="note">${escapeHtml(note)}</span>` : ''}</h2>${body}</section>`;
}

function metricsTable(input: TearSheetInput): string {
  const m = input.report.metrics;
  const bm = input.benchmarkReport?.metrics;
  const basis = input.report.winLoss.basis;
  const head = `<tr><th></th><th>${escapeHtml(input.strategyName)}</th>${bm ? `<th>${escapeHtml(input.benchmarkName ?? 'Benchmark')}</th>` : ''}</tr>`;
  const rows: string[] = [];
  for (const group of METRIC_GROUPS) {
    rows.push(`<tr class="group"><td colspan="${bm ? 3 : 2}">${escapeHtml(group.title)}${group.title === 'Trading' ? ` <span class="note">(${basis === 'trades' ? `on ${input.report.winLoss.count} round-trip trades, P&L in account currency` : 'on daily returns'})</span>` : ''}</td></tr>`);
    for (const r of group.rows) {
      const ours = formatMetric(m[r.key], r.format, basis);
      const theirs = bm ? formatMetric(bm[r.key], r.format, 'dailyReturns') : undefined;
      const benchCell = theirs === undefined ? '' : `<td>${escapeHtml(group.title === 'Trading' ? MISSING : theirs)}</td>`;
      rows.push(`<tr><td>${escapeHtml(r.label)}</td><td>${escapeHtml(ours)}</td>${benchCell}</tr>`);
    }
  }
  const b = input.report.benchmark;
  if (b) {
    rows.push(`<tr class="group"><td colspan="${bm ? 3 : 2}">Against ${escapeHtml(input.benchmarkName ?? 'the benchmark')} <span class="note">(${b.commonPoints} common dates)</span></td></tr>`);
    for (const r of BENCHMARK_ROWS) rows.push(`<tr><td>${escapeHtml(r.label)}</td><td>${escapeHtml(formatMetric(b[r.key], r.format, 'dailyReturns'))}</td>${bm ? '<td></td>' : ''}</tr>`);
  }
  return `<table class="metrics"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}

function conventionsList(riskFreeRate: number): string {
  const items = (Object.keys(CONVENTION_LABELS) as (keyof typeof ANALYTICS_CONVENTIONS)[]).map(
    (k) => `<dt>${escapeHtml(CONVENTION_LABELS[k])}</dt><dd>${escapeHtml(String(ANALYTICS_CONVENTIONS[k]))}</dd>`,
  );
  return `<p class="rf">Risk-free rate used: <b>${escapeHtml(formatPercent(riskFreeRate))}</b> a year (${escapeHtml(formatPercent(riskFreeRate / 252, 4))} a day).</p><dl>${items.join('')}</dl>`;
}

function drawdownTable(episodes: readonly DrawdownEpisode[]): string {
  if (episodes.length === 0) return '<p class="empty">No drawdown: the equity never fell below a previous high.</p>';
  const rows = episodes.map(
    (e, i) =>
      `<tr><td>${i + 1}</td><td>${formatDate(e.peakTime)}</td><td>${formatDate(e.troughTime)}</td><td>${e.recoveryTime === null ? '<span class="open">not recovered</span>' : formatDate(e.recoveryTime)}</td><td class="neg">${escapeHtml(formatPercent(e.depth))}</td><td>${escapeHtml(formatNumber(e.lengthDays, 0))}</td><td>${e.lengthPoints}</td></tr>`,
  );
  return `<table class="drawdowns"><thead><tr><th>#</th><th>Peak</th><th>Trough</th><th>Recovery</th><th>Depth</th><th>Days</th><th>Trading days</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function kpis(input: TearSheetInput): string {
  const m = input.report.metrics;
  const cards: [string, string, number][] = [
    ['Total return', formatPercent(m.totalReturn), m.totalReturn],
    ['CAGR', formatPercent(m.cagr), m.cagr],
    ['Sharpe', formatNumber(m.sharpe), m.sharpe],
    ['Sortino', formatNumber(m.sortino), m.sortino],
    ['Max drawdown', formatPercent(m.maxDrawdown), m.maxDrawdown],
    ['Volatility', formatPercent(m.volatility), 0],
  ];
  return `<div class="kpis">${cards.map(([label, text, v]) => `<div class="kpi"><div class="label">${escapeHtml(label)}</div><div class="value${v < 0 ? ' neg' : ''}">${escapeHtml(text)}</div></div>`).join('')}</div>`;
}

export function renderTearSheet(input: TearSheetInput): string {
  const { report } = input;
  const m = report.metrics;
  const w = report.rollingWindow;
  const title = `${input.strategyName} — performance tear sheet`;
  const period = m.points > 0 ? `${formatDate(m.startTime)} → ${formatDate(m.endTime)}` : 'no data';
  const subtitle = [period, `${formatNumber(m.points, 0)} daily points`, input.benchmarkName ? `benchmark: ${input.benchmarkName}` : 'no benchmark', `risk-free ${formatPercent(m.riskFreeRate)}`].join(' · ');
  const rollingBeta = report.benchmark
    ? lineChart({ label: `Rolling beta, ${w} days`, width: HALF, height: 240, series: [{ name: `Beta (${w}d)`, times: report.benchmark.aligned.times.subarray(1), values: report.benchmark.rollingBeta, color: '#6c3483' }], yFormat: (v) => formatNumber(v, 1), rules: [{ value: 1, color: '#aab2bd', dashed: true }] })
    : emptyChart('Rolling beta', HALF, 240, 'No benchmark given');
  const body = [
    `<header><h1>${escapeHtml(title)}</h1><p class="sub">${escapeHtml(subtitle)}</p></header>`,
    kpis(input),
    section('equity', input.benchmarkName ? `Equity vs ${input.benchmarkName}` : 'Equity', 'growth of 1, daily closes', equityChart(input)),
    section('drawdown', 'Drawdown (underwater)', 'from the running peak', lineChart({ label: 'Drawdown from the running peak', width: WIDE, height: 200, series: [{ name: 'Drawdown', times: report.equity.times, values: report.drawdown, color: DRAWDOWN_COLOR, width: 1, fillToZero: true }], yFormat: (v) => formatPercent(v, 0) })),
    `<div class="cols">${section('metrics', 'Metrics', 'fractions shown as percent', metricsTable(input))}${section('conventions', 'Conventions', 'how each figure is computed', conventionsList(m.riskFreeRate))}</div>`,
    section('monthly', 'Monthly returns', 'compounded daily returns, UTC months', report.yearly.length ? monthlyHeatmap(report.monthly, report.yearly, WIDE) : '<p class="empty">No returns.</p>'),
    `<div class="cols">${section('rolling-sharpe', 'Rolling Sharpe', `${w}-day window`, lineChart({ label: `Rolling Sharpe, ${w} days`, width: HALF, height: 240, series: [{ name: `Sharpe (${w}d)`, times: report.returnTimes, values: report.rollingSharpe, color: STRATEGY_COLOR }], yFormat: (v) => formatNumber(v, 1), rules: [{ value: 0, color: '#aab2bd' }] }))}${section('rolling-beta', 'Rolling beta', `${w}-day window`, rollingBeta)}</div>`,
    `<div class="cols">${section('distribution', 'Daily returns distribution', `${formatNumber(report.returns.length, 0)} returns`, returnHistogram({ label: 'Histogram of daily returns', width: HALF, height: 260, returns: report.returns, valueAtRisk: m.valueAtRisk }))}${section('worst-drawdowns', 'Worst drawdowns', '', drawdownTable(report.worstDrawdowns))}</div>`,
    `<footer>Generated ${escapeHtml(new Date(input.generatedAt).toISOString().replace('T', ' ').slice(0, 16))} UTC by Nautilus Workstation. Self-contained: no scripts, fonts or images are loaded from anywhere.</footer>`,
  ];
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${TEAR_SHEET_CSS}</style></head><body><main>${body.join('\n')}</main></body></html>\n`;
}
