// An SVG time-series chart: one or more lines (optionally filled to zero) on a calendar axis, with grid and legend.

import { escapeHtml, px } from './html';
import { linearScale, logScale, timeScale } from './svgScale';
import type { Scale } from './svgScale';

export interface LineSeries {
  readonly name: string;
  readonly times: ArrayLike<number>;
  /** NaN values break the line. */
  readonly values: ArrayLike<number>;
  readonly color: string;
  readonly width?: number;
  /** Fill the area between the line and zero (the underwater chart). */
  readonly fillToZero?: boolean;
  /** Drawn beneath the other lines (a benchmark under the strategy); the legend keeps the list order. */
  readonly behind?: boolean;
}

export interface LineChartSpec {
  readonly label: string;
  readonly width: number;
  readonly height: number;
  readonly series: readonly LineSeries[];
  readonly yFormat: (v: number) => string;
  readonly yScale?: 'linear' | 'log';
  /** Horizontal reference lines (e.g. 0, or a beta of 1). */
  readonly rules?: readonly { readonly value: number; readonly color: string; readonly dashed?: boolean }[];
  /** Force the value axis to include these values. */
  readonly include?: readonly number[];
}

const MARGIN = { left: 60, right: 18, top: 30, bottom: 26 };
export const AXIS_TEXT = 'font-size="11" fill="#5b6573"';

function extent(spec: LineChartSpec): { t0: number; t1: number; lo: number; hi: number } {
  let t0 = Infinity;
  let t1 = -Infinity;
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of spec.series) {
    for (let i = 0; i < s.values.length; i++) {
      const v = s.values[i]!;
      if (!Number.isFinite(v)) continue;
      if (s.times[i]! < t0) t0 = s.times[i]!;
      if (s.times[i]! > t1) t1 = s.times[i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (s.fillToZero) {
      lo = Math.min(lo, 0);
      hi = Math.max(hi, 0);
    }
  }
  for (const v of [...(spec.include ?? []), ...(spec.rules ?? []).map((r) => r.value)]) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return { t0, t1, lo, hi };
}

/** The path of a series, with a new sub-path after each gap. */
function linePath(s: LineSeries, x: Scale, y: Scale): { d: string; x0: string; x1: string }[] {
  const parts: { d: string; x0: string; x1: string }[] = [];
  let current: { d: string; x0: string; x1: string } | undefined;
  for (let i = 0; i < s.values.length; i++) {
    const v = s.values[i]!;
    if (!Number.isFinite(v)) {
      if (current) parts.push(current);
      current = undefined;
      continue;
    }
    const xx = px(x(s.times[i]!));
    if (current) {
      current.d += `L${xx} ${px(y(v))}`;
      current.x1 = xx;
    } else current = { d: `M${xx} ${px(y(v))}`, x0: xx, x1: xx };
  }
  if (current) parts.push(current);
  return parts;
}

/** A message in place of a chart that has nothing to draw. */
export function emptyChart(label: string, width: number, height: number, message: string): string {
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(label)}"><rect x="0" y="0" width="${width}" height="${height}" fill="#fafbfc"/><text x="${width / 2}" y="${height / 2}" text-anchor="middle" ${AXIS_TEXT}>${escapeHtml(message)}</text></svg>`;
}

export function lineChart(spec: LineChartSpec): string {
  const { width, height } = spec;
  const e = extent(spec);
  if (!Number.isFinite(e.t0) || e.t1 <= e.t0) return emptyChart(spec.label, width, height, 'Not enough data for this chart');
  const x = timeScale(e.t0, e.t1, MARGIN.left, width - MARGIN.right);
  const log = spec.yScale === 'log' && e.lo > 0;
  const y = log ? logScale(e.lo, e.hi, height - MARGIN.bottom, MARGIN.top, spec.yFormat) : linearScale(e.lo, e.hi, height - MARGIN.bottom, MARGIN.top, spec.yFormat);
  const out: string[] = [`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(spec.label)}">`];
  for (const v of y.ticks) {
    const yy = px(y(v));
    out.push(`<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${yy}" y2="${yy}" stroke="#e6e9ee" stroke-width="1"/>`);
    out.push(`<text x="${MARGIN.left - 6}" y="${yy}" dy="0.32em" text-anchor="end" ${AXIS_TEXT}>${escapeHtml(spec.yFormat(v))}</text>`);
  }
  for (const t of x.ticks) {
    const xx = px(x(t));
    out.push(`<line x1="${xx}" x2="${xx}" y1="${MARGIN.top}" y2="${height - MARGIN.bottom}" stroke="#f0f2f5" stroke-width="1"/>`);
    out.push(`<text x="${xx}" y="${height - MARGIN.bottom + 16}" text-anchor="middle" ${AXIS_TEXT}>${escapeHtml(x.format(t))}</text>`);
  }
  out.push(`<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${height - MARGIN.bottom}" y2="${height - MARGIN.bottom}" stroke="#aab2bd" stroke-width="1"/>`);
  const drawOrder = [...spec.series.filter((s) => s.behind), ...spec.series.filter((s) => !s.behind)];
  for (const s of drawOrder) {
    const parts = linePath(s, x, y);
    if (s.fillToZero) {
      const y0 = px(y(0));
      for (const p of parts) out.push(`<path d="${p.d}L${p.x1} ${y0}L${p.x0} ${y0}Z" fill="${s.color}" fill-opacity="0.18" stroke="none"/>`);
    }
    out.push(`<path d="${parts.map((p) => p.d).join('')}" fill="none" stroke="${s.color}" stroke-width="${s.width ?? 1.5}" stroke-linejoin="round"/>`);
  }
  for (const r of spec.rules ?? []) {
    const yy = px(y(r.value));
    out.push(`<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${yy}" y2="${yy}" stroke="${r.color}" stroke-width="1"${r.dashed ? ' stroke-dasharray="4 3"' : ''}/>`);
  }
  let lx = MARGIN.left;
  for (const s of spec.series) {
    out.push(`<line x1="${lx}" x2="${lx + 18}" y1="14" y2="14" stroke="${s.color}" stroke-width="3"/>`);
    out.push(`<text x="${lx + 24}" y="14" dy="0.32em" font-size="12" fill="#1d2733">${escapeHtml(s.name)}</text>`);
    lx += 40 + Math.min(40, s.name.length) * 6.6;
  }
  out.push('</svg>');
  return out.join('');
}
