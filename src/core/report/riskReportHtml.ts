// The risk report as one self-contained HTML page (inline CSS and SVG charts, no scripts): the HTML format and the PDF's source.

import { escapeHtml, formatNumber, formatPercent } from './html';
import { displayCell, formatTimeUtc } from './riskReportCells';
import type { ReportTable, RiskReport } from './riskReportTypes';
import { barChart } from './svgBarChart';
import { returnHistogram } from './svgHistogram';
import { lineChart } from './svgLineChart';
import { TEAR_SHEET_CSS } from './tearSheetStyle';

const WIDE = 1080;

const REPORT_CSS = `
.unavailable{color:#8a5a00;background:#fff7e0;border:1px solid #f0d890;border-radius:4px;padding:6px 10px;margin:0}
table.report td.text,table.report th.text{text-align:left}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:10px 0 0;color:#3b4654}
.meta dt{font-weight:600}
.meta dd{margin:0}
ul.conventions{margin:0;padding-left:18px;color:#3b4654;font-size:12px}
.charts{margin-top:10px}
@page{size:A4 landscape;margin:10mm}
@media print{main{max-width:none}table{font-size:10px}th,td{padding:2px 5px}.charts{break-inside:avoid}}
`;

function tableHtml(t: ReportTable): string {
  if (t.unavailable !== null) return `<p class="unavailable" data-unavailable="${escapeHtml(t.id)}">${escapeHtml(t.unavailable)}</p>`;
  if (t.rows.length === 0) return '<p class="empty">None.</p>';
  const head = t.columns.map((c) => `<th class="${c.type}">${escapeHtml(c.label)}</th>`).join('');
  const body = t.rows
    .map((row) => `<tr>${row.map((cell, i) => {
      const column = t.columns[i]!;
      const negative = typeof cell === 'number' && column.type === 'number' && cell < 0;
      return `<td class="${column.type}${negative ? ' neg' : ''}">${escapeHtml(displayCell(column, cell))}</td>`;
    }).join('')}</tr>`)
    .join('');
  return `<table class="report" data-table="${escapeHtml(t.id)}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

const numberAt = (t: ReportTable | undefined, key: string): number[] => {
  if (!t || t.unavailable !== null) return [];
  const i = t.columns.findIndex((c) => c.key === key);
  return t.rows.map((r) => r[i] as number);
};

/** Charts drawn from the tables themselves, so a picture never shows a number the tables do not hold. */
function charts(report: RiskReport, t: ReportTable): string {
  const byId = (id: string) => report.tables.find((x) => x.id === id);
  const money = (v: number) => formatNumber(v, 0);
  if (t.unavailable !== null || t.rows.length === 0) return '';
  switch (t.id) {
    case 'var': {
      const items = t.rows.map((r) => ({ label: `${String(r[0])} ${formatPercent(r[1] as number, 0)}`, value: r[2] as number }));
      return `<div class="charts">${barChart({ label: 'VaR by method and confidence', width: WIDE, items, format: money, color: '#8e1b1b' })}</div>`;
    }
    case 'component_var': {
      const first = t.rows[0]!;
      const rows = t.rows.filter((r) => r[1] === first[1] && r[2] === first[2]);
      const items = rows.map((r) => ({ label: String(r[0]), value: r[3] as number }));
      return `<div class="charts">${barChart({ label: `Component VaR, ${String(first[1])} ${formatPercent(first[2] as number, 0)}`, width: WIDE, items, format: money })}</div>`;
    }
    case 'backcast_equity': {
      const times = numberAt(t, 'date');
      const values = numberAt(t, 'value');
      const line = lineChart({ label: 'Daily value of the current book', width: WIDE, height: 260, series: [{ name: 'Book value', times, values, color: '#1f4e79', width: 1.6 }], yFormat: money });
      const returns = Float64Array.from(values.slice(1), (v, i) => v / values[i]! - 1);
      const perf = byId('performance_returns');
      const varRow = perf?.rows.find((r) => r[1] === 'Daily VaR 95%');
      const hist = returnHistogram({ label: 'Daily returns of the current book', width: WIDE, height: 240, returns, valueAtRisk: typeof varRow?.[2] === 'number' ? varRow[2] : NaN });
      return `<div class="charts">${line}${hist}</div>`;
    }
    default:
      return '';
  }
}

function header(report: RiskReport): string {
  const m = report.meta;
  const items: [string, string][] = [
    ['Generated', `${formatTimeUtc(m.generatedAt)} UTC`],
    ['Account', m.account],
    ['Venues', m.venues.join(', ')],
    ['Base currency', m.baseCurrency],
    ['Data directory', m.dataDir],
  ];
  return `<header><h1>${escapeHtml(m.title)}</h1><dl class="meta">${items.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl></header>`;
}

export function renderRiskReportHtml(report: RiskReport): string {
  const sections = report.tables.map(
    (t) =>
      `<section id="${escapeHtml(t.id)}"><h2>${escapeHtml(t.title)}${t.note ? ` <span class="note">${escapeHtml(t.note)}</span>` : ''}</h2>${tableHtml(t)}${charts(report, t)}</section>`,
  );
  const conventions = `<section id="conventions"><h2>Conventions</h2><ul class="conventions">${report.meta.conventions.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul></section>`;
  const body = [header(report), conventions, ...sections, `<footer>Generated by Nautilus Workstation. Self-contained: no scripts, fonts or images are loaded from anywhere.</footer>`];
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(report.meta.title)}</title><style>${TEAR_SHEET_CSS}${REPORT_CSS}</style></head><body><main>${body.join('\n')}</main></body></html>\n`;
}
