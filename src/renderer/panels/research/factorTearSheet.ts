// The factor tear sheet from a factors.analyze report (its numbers as given, never recomputed): the figures shown
// per factor, the SVG charts built with core's pure report builders, and the self-contained HTML export.
import { escapeHtml, formatDate, formatNumber, formatPercent, MISSING, px } from '../../../core/report/html';
import { barChart } from '../../../core/report/svgBarChart';
import { divergingColor } from '../../../core/report/svgHeatmap';
import { AXIS_TEXT, emptyChart, lineChart, type LineSeries } from '../../../core/report/svgLineChart';
import { linearScale } from '../../../core/report/svgScale';
import { TEAR_SHEET_CSS } from '../../../core/report/tearSheetStyle';
import type { FactorReport, FactorSeries, FactorSummary } from '../../../shared/contracts/factors';

const WIDTH = 760;
const QUANTILE_COLORS = ['#c0504d', '#e08a3c', '#9aa5b1', '#5b9bd5', '#2e6da4', '#1e8449', '#7d3c98', '#117a65', '#b7950b', '#515a5a'];

const num = (x: number | null, digits = 4): string => (x === null ? MISSING : formatNumber(x, digits));
const pct = (x: number | null, digits = 2): string => (x === null ? MISSING : formatPercent(x, digits));
const values = (xs: readonly (number | null)[]): Float64Array => Float64Array.from(xs, (v) => (v === null ? NaN : v));

/** The summary rows of one factor: the report's figures at its horizon, formatted, with a stable key for each. */
export function summaryRows(f: FactorSummary): { key: string; label: string; value: string }[] {
  return [
    { key: 'meanIC', label: 'Mean IC', value: num(f.meanIC) },
    { key: 'icStd', label: 'IC std', value: num(f.icStd) },
    { key: 'icir', label: 'ICIR', value: num(f.icir, 3) },
    { key: 'tStat', label: 't-stat', value: num(f.tStat, 2) },
    { key: 'dates', label: 'Dates', value: String(f.dates) },
    { key: 'skippedDates', label: 'Skipped dates', value: String(f.skippedDates) },
    { key: 'longShort', label: 'Long−short', value: pct(f.longShort, 3) },
    { key: 'turnoverTop', label: 'Turnover (top)', value: pct(f.turnover.top, 1) },
    { key: 'turnoverBottom', label: 'Turnover (bottom)', value: pct(f.turnover.bottom, 1) },
    { key: 'rankAutocorrelation', label: 'Rank autocorrelation', value: num(f.rankAutocorrelation, 3) },
  ];
}

/** The IC series with a zero rule. */
export function icSeriesChart(report: FactorReport, s: FactorSeries): string {
  return lineChart({
    label: `${s.name}: IC per date (${report.horizon}-bar horizon)`,
    width: WIDTH,
    height: 220,
    series: [{ name: 'IC', times: report.times, values: values(s.ic), color: '#2e6da4' }],
    yFormat: (v) => formatNumber(v, 2),
    rules: [{ value: 0, color: '#aab2bd' }],
  });
}

/** The distribution of the per-date ICs (the report's values binned; 30 bins at most). */
export function icHistogram(s: FactorSeries, width = WIDTH, height = 200): string {
  const ic = s.ic.filter((v): v is number => v !== null && Number.isFinite(v));
  const label = `${s.name}: IC histogram`;
  if (ic.length < 2) return emptyChart(label, width, height, 'Not enough dates for a distribution');
  const lo = Math.min(...ic);
  const hi = Math.max(...ic);
  const bins = Math.max(1, Math.min(30, Math.ceil(Math.sqrt(ic.length))));
  const step = hi > lo ? (hi - lo) / bins : 1;
  const counts = new Array<number>(bins).fill(0);
  for (const v of ic) counts[Math.min(bins - 1, Math.floor((v - lo) / step))]! += 1;
  const m = { left: 40, right: 14, top: 14, bottom: 26 };
  const x = linearScale(lo, hi > lo ? hi : lo + 1, m.left, width - m.right, (v) => formatNumber(v, 2), 6);
  const y = linearScale(0, Math.max(...counts), height - m.bottom, m.top, (v) => String(v), 4);
  const out = [`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(label)}">`];
  for (const t of y.ticks) out.push(`<text x="${m.left - 6}" y="${px(y(t))}" dy="0.32em" text-anchor="end" ${AXIS_TEXT}>${t}</text>`);
  counts.forEach((c, i) => {
    const x0 = x(lo + i * step);
    const x1 = x(lo + (i + 1) * step);
    out.push(`<rect x="${px(x0 + 0.5)}" y="${px(y(c))}" width="${px(Math.max(0.5, x1 - x0 - 1))}" height="${px(height - m.bottom - y(c))}" fill="${lo + (i + 1) * step <= 0 ? '#c0504d' : '#2e6da4'}" fill-opacity="0.8"/>`);
  });
  for (const t of x.ticks) out.push(`<text x="${px(x(t))}" y="${height - m.bottom + 16}" text-anchor="middle" ${AXIS_TEXT}>${escapeHtml(x.format(t))}</text>`);
  out.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${height - m.bottom}" y2="${height - m.bottom}" stroke="#aab2bd"/></svg>`);
  return out.join('');
}

/** Mean forward return per quantile, lowest factor quantile first. */
export function quantileChart(f: FactorSummary, width = WIDTH): string {
  return barChart({
    label: `${f.name}: mean forward return by quantile`,
    width,
    items: f.quantiles.map((q, i) => ({ label: `Q${i + 1}${i === 0 ? ' (lowest)' : i === f.quantiles.length - 1 ? ' (highest)' : ''}`, value: q ?? NaN })),
    format: (v) => formatPercent(v, 3),
  });
}

/** The report's cumulative curves (compounded one-bar returns, 1 at the start): the long-short spread and each quantile. */
export function cumulativeChart(report: FactorReport, s: FactorSeries): string {
  const quantiles: LineSeries[] = s.cumulative.map((c, i) => ({ name: `Q${i + 1}`, times: report.times, values: values(c), color: QUANTILE_COLORS[i % QUANTILE_COLORS.length]!, width: 1, behind: true }));
  return lineChart({
    label: `${s.name}: cumulative return by quantile and long−short spread (growth of 1)`,
    width: WIDTH,
    height: 240,
    series: [{ name: 'Long−short', times: report.times, values: values(s.cumulativeSpread), color: '#1d2733', width: 2 }, ...quantiles],
    yFormat: (v) => formatNumber(v, 2),
    rules: [{ value: 1, color: '#aab2bd' }],
  });
}

/** Turnover of the top and bottom quantiles per date. */
export function turnoverChart(report: FactorReport, s: FactorSeries): string {
  return lineChart({
    label: `${s.name}: quantile turnover`,
    width: WIDTH,
    height: 200,
    series: [
      { name: 'Top quantile', times: report.times, values: values(s.turnoverTop), color: '#1e8449' },
      { name: 'Bottom quantile', times: report.times, values: values(s.turnoverBottom), color: '#c0504d' },
    ],
    yFormat: (v) => formatPercent(v, 0),
    include: [0],
  });
}

/** The factor correlation matrix as a heatmap, each cell labelled with its value. */
export function correlationHeatmap(correlation: NonNullable<FactorReport['correlation']>, width = WIDTH): string {
  const n = correlation.names.length;
  const left = 110;
  const top = 90;
  const cell = Math.max(14, Math.min(48, (width - left - 10) / Math.max(1, n)));
  const height = top + n * cell + 8;
  const out = [`<svg class="chart heatmap" viewBox="0 0 ${width} ${height}" role="img" aria-label="Factor correlation heatmap">`];
  correlation.names.forEach((name, i) => {
    out.push(`<text x="${left - 6}" y="${px(top + (i + 0.5) * cell)}" dy="0.32em" text-anchor="end" ${AXIS_TEXT}>${escapeHtml(name)}</text>`);
    const cx = px(left + (i + 0.5) * cell);
    out.push(`<text x="${cx}" y="${top - 6}" transform="rotate(-45 ${cx} ${top - 6})" ${AXIS_TEXT}>${escapeHtml(name)}</text>`);
    correlation.matrix[i]!.forEach((v, j) => {
      out.push(`<rect x="${px(left + j * cell)}" y="${px(top + i * cell)}" width="${px(cell - 1)}" height="${px(cell - 1)}" fill="${divergingColor(v ?? NaN, 1)}"><title>${escapeHtml(`${name} × ${correlation.names[j]!}: ${num(v, 3)}`)}</title></rect>`);
      if (cell >= 30) out.push(`<text x="${px(left + (j + 0.5) * cell)}" y="${px(top + (i + 0.5) * cell)}" dy="0.32em" text-anchor="middle" font-size="10" fill="#1d2733">${escapeHtml(num(v, 2))}</text>`);
    });
  });
  out.push('</svg>');
  return out.join('');
}

const kpis = (f: FactorSummary): string =>
  `<div class="kpis">${summaryRows(f)
    .slice(0, 6)
    .map((r) => `<div class="kpi"><div class="label">${escapeHtml(r.label)}</div><div class="value">${escapeHtml(r.value)}</div></div>`)
    .join('')}</div>`;

const decayTable = (f: FactorSummary): string =>
  `<table><thead><tr><th>Horizon</th><th>Mean IC</th><th>ICIR</th></tr></thead><tbody>${f.decay
    .map((d) => `<tr><td>${d.horizon}</td><td>${escapeHtml(num(d.meanIC))}</td><td>${escapeHtml(num(d.icir, 3))}</td></tr>`)
    .join('')}</tbody></table>`;

/** The ranking by ICIR in the report's order (best |ICIR| first). */
export const rankingTable = (report: FactorReport): string =>
  `<table><thead><tr><th>#</th><th>Factor</th><th>Mean IC</th><th>ICIR</th><th>t-stat</th><th>Long−short</th></tr></thead><tbody>${report.factors
    .map((f, i) => `<tr><td>${i + 1}</td><td>${escapeHtml(f.name)}</td><td>${escapeHtml(num(f.meanIC))}</td><td>${escapeHtml(num(f.icir, 3))}</td><td>${escapeHtml(num(f.tStat, 2))}</td><td>${escapeHtml(pct(f.longShort, 3))}</td></tr>`)
    .join('')}</tbody></table>`;

/** The whole tear sheet as one self-contained HTML file (inline CSS and SVG, no external resource). */
export function factorTearSheetHtml(report: FactorReport, generatedAt: number): string {
  const byName = new Map(report.series.map((s) => [s.name, s]));
  const sections = report.factors.map((f) => {
    const s = byName.get(f.name);
    return `<section><h2>${escapeHtml(f.name)} <span class="note">${escapeHtml(f.expression)}</span></h2>${kpis(f)}${decayTable(f)}${
      s ? `${icSeriesChart(report, s)}${icHistogram(s)}${cumulativeChart(report, s)}${turnoverChart(report, s)}` : ''
    }${quantileChart(f)}</section>`;
  });
  const several = report.factors.length > 1;
  const title = several ? `${report.factors.length} factors` : (report.factors[0]?.name ?? 'Factor');
  const span = `${formatDate(report.times[0] ?? null)} … ${formatDate(report.times[report.times.length - 1] ?? null)}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(`Factor tear sheet: ${title}`)}</title><style>${TEAR_SHEET_CSS}</style></head><body><main><header><h1>${escapeHtml(`Factor tear sheet: ${title}`)}</h1><p class="sub">${escapeHtml(
    `${report.symbols} symbols · ${report.timeframe} · ${span} · ${report.method} IC at ${report.horizon} bars · run ${report.runId} · generated ${new Date(generatedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  )}</p></header>${several ? `<section><h2>Ranking by ICIR</h2>${rankingTable(report)}</section>` : ''}${
    report.correlation ? `<section><h2>Factor correlation <span class="note">${report.correlation.rows} rows</span></h2>${correlationHeatmap(report.correlation)}</section>` : ''
  }${sections.join('')}</main></body></html>`;
}

/** The file's name: the factors and the run id's head, safe on every file system. */
export function factorTearSheetFileName(report: Pick<FactorReport, 'factors' | 'runId'>): string {
  const names = report.factors.slice(0, 3).map((f) => f.name).join('-') + (report.factors.length > 3 ? `-and-${report.factors.length - 3}` : '');
  return `factors_${names}_${report.runId.slice(0, 8)}.html`.replace(/[^A-Za-z0-9_.-]/g, '_');
}
