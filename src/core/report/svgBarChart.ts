// A horizontal SVG bar chart: one labelled bar per item, negative values to the left of zero (VaR by method, component VaR).

import { escapeHtml, px } from './html';
import { AXIS_TEXT, emptyChart } from './svgLineChart';
import { linearScale } from './svgScale';

export interface BarItem {
  readonly label: string;
  readonly value: number;
}

export interface BarChartSpec {
  readonly label: string;
  readonly width: number;
  readonly items: readonly BarItem[];
  readonly format: (v: number) => string;
  readonly color?: string;
}

const ROW = 22;
const MARGIN = { left: 170, right: 90, top: 12, bottom: 8 };

export function barChart(spec: BarChartSpec): string {
  const items = spec.items.filter((i) => Number.isFinite(i.value));
  const height = MARGIN.top + MARGIN.bottom + Math.max(1, items.length) * ROW;
  if (items.length === 0) return emptyChart(spec.label, spec.width, 80, 'Nothing to chart');
  const lo = Math.min(0, ...items.map((i) => i.value));
  const hi = Math.max(0, ...items.map((i) => i.value));
  const x = linearScale(lo, hi === lo ? lo + 1 : hi, MARGIN.left, spec.width - MARGIN.right, spec.format, 5);
  const zero = x(0);
  const out = [`<svg class="chart" viewBox="0 0 ${spec.width} ${height}" role="img" aria-label="${escapeHtml(spec.label)}">`];
  items.forEach((item, i) => {
    const y = MARGIN.top + i * ROW;
    const end = x(item.value);
    const left = Math.min(zero, end);
    out.push(`<text x="${MARGIN.left - 8}" y="${y + ROW / 2}" dy="0.32em" text-anchor="end" ${AXIS_TEXT}>${escapeHtml(item.label)}</text>`);
    out.push(`<rect x="${px(left)}" y="${y + 4}" width="${px(Math.max(0.5, Math.abs(end - zero)))}" height="${ROW - 8}" fill="${item.value < 0 ? '#c0504d' : (spec.color ?? '#2e6da4')}" fill-opacity="0.85"/>`);
    out.push(`<text x="${px(Math.max(zero, end) + 6)}" y="${y + ROW / 2}" dy="0.32em" ${AXIS_TEXT}>${escapeHtml(spec.format(item.value))}</text>`);
  });
  out.push(`<line x1="${px(zero)}" x2="${px(zero)}" y1="${MARGIN.top}" y2="${height - MARGIN.bottom}" stroke="#aab2bd"/>`);
  out.push('</svg>');
  return out.join('');
}
