// The distribution of daily returns as an SVG histogram, with the 95% VaR and the mean marked.

import { histogram } from '../analytics';
import { escapeHtml, formatPercent, px } from './html';
import { AXIS_TEXT, emptyChart } from './svgLineChart';
import { linearScale } from './svgScale';

export interface HistogramSpec {
  readonly label: string;
  readonly width: number;
  readonly height: number;
  readonly returns: Float64Array;
  readonly valueAtRisk: number;
  readonly bins?: number;
}

const MARGIN = { left: 48, right: 14, top: 28, bottom: 26 };

export function returnHistogram(spec: HistogramSpec): string {
  const { width, height, returns } = spec;
  if (returns.length < 2) return emptyChart(spec.label, width, height, 'Not enough returns for a distribution');
  const h = histogram(returns, spec.bins ?? 60);
  const lo = h.edges[0]!;
  const hi = h.edges[h.edges.length - 1]!;
  const x = linearScale(lo, hi, MARGIN.left, width - MARGIN.right, (v) => formatPercent(v, 0), 6);
  const maxCount = Math.max(...h.counts);
  const y = linearScale(0, maxCount, height - MARGIN.bottom, MARGIN.top, (v) => String(v), 4);
  const out: string[] = [`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(spec.label)}">`];
  for (const v of y.ticks) {
    const yy = px(y(v));
    out.push(`<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${yy}" y2="${yy}" stroke="#e6e9ee"/>`);
    out.push(`<text x="${MARGIN.left - 6}" y="${yy}" dy="0.32em" text-anchor="end" ${AXIS_TEXT}>${v}</text>`);
  }
  for (let i = 0; i < h.counts.length; i++) {
    const x0 = x(h.edges[i]!);
    const x1 = x(h.edges[i + 1]!);
    const y0 = y(h.counts[i]!);
    const color = h.edges[i + 1]! <= 0 ? '#c0504d' : '#2e6da4';
    out.push(`<rect x="${px(x0 + 0.5)}" y="${px(y0)}" width="${px(Math.max(0.5, x1 - x0 - 1))}" height="${px(height - MARGIN.bottom - y0)}" fill="${color}" fill-opacity="0.8"/>`);
  }
  for (const t of x.ticks) {
    if (t < lo - 1e-12 || t > hi + 1e-12) continue;
    out.push(`<text x="${px(x(t))}" y="${height - MARGIN.bottom + 16}" text-anchor="middle" ${AXIS_TEXT}>${escapeHtml(x.format(t))}</text>`);
  }
  out.push(`<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${height - MARGIN.bottom}" y2="${height - MARGIN.bottom}" stroke="#aab2bd"/>`);
  if (Number.isFinite(spec.valueAtRisk)) {
    const vx = px(x(spec.valueAtRisk));
    out.push(`<line x1="${vx}" x2="${vx}" y1="${MARGIN.top}" y2="${height - MARGIN.bottom}" stroke="#8e1b1b" stroke-width="1.5" stroke-dasharray="4 3"/>`);
    out.push(`<text x="${vx}" y="${MARGIN.top - 8}" text-anchor="middle" font-size="11" fill="#8e1b1b">VaR 95% ${escapeHtml(formatPercent(spec.valueAtRisk))}</text>`);
  }
  out.push('</svg>');
  return out.join('');
}
