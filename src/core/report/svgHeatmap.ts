// The monthly returns heatmap: a year × month grid coloured red (loss) to green (gain), with each year's total.

import type { PeriodReturn } from '../analytics';
import { escapeHtml, formatPercent, px } from './html';
import { monthName } from './svgScale';

/** Red for losses, green for gains, white at zero; saturates at ±`cap`. */
export function divergingColor(v: number, cap: number): string {
  if (!Number.isFinite(v)) return '#f4f5f7';
  const t = Math.min(1, Math.abs(v) / cap);
  const [r, g, b] = v < 0 ? [200, 48, 48] : [30, 132, 73];
  const mix = (c: number): number => Math.round(255 + (c - 255) * t);
  return `rgb(${mix(r)},${mix(g)},${mix(b)})`;
}

export function monthlyHeatmap(monthly: readonly PeriodReturn[], yearly: readonly PeriodReturn[], width: number): string {
  const years = yearly.map((y) => y.year);
  const cell = new Map(monthly.map((p) => [`${p.year}-${p.month}`, p.value]));
  const left = 48;
  const top = 22;
  const gap = 8;
  const cols = 13;
  const cw = (width - left - gap) / cols;
  const rh = 22;
  const height = top + years.length * rh + 4;
  const abs = monthly.map((p) => Math.abs(p.value)).sort((a, b) => a - b);
  const cap = Math.max(0.01, abs[Math.floor(abs.length * 0.9)] ?? 0.05);
  const out: string[] = [`<svg class="chart heatmap" viewBox="0 0 ${width} ${height}" role="img" aria-label="Monthly returns heatmap">`];
  for (let m = 1; m <= 12; m++) out.push(`<text x="${px(left + (m - 0.5) * cw)}" y="14" text-anchor="middle" font-size="11" fill="#5b6573">${monthName(m)}</text>`);
  out.push(`<text x="${px(left + 12 * cw + gap + cw / 2)}" y="14" text-anchor="middle" font-size="11" font-weight="600" fill="#1d2733">Year</text>`);
  years.forEach((year, row) => {
    const y = top + row * rh;
    out.push(`<text x="${left - 8}" y="${y + rh / 2}" dy="0.32em" text-anchor="end" font-size="11" fill="#1d2733">${year}</text>`);
    for (let m = 1; m <= 12; m++) {
      const v = cell.get(`${year}-${m}`);
      const x = left + (m - 1) * cw;
      const fill = v === undefined ? '#f4f5f7' : divergingColor(v, cap);
      out.push(`<rect x="${px(x + 1)}" y="${y + 1}" width="${px(cw - 2)}" height="${rh - 2}" rx="2" fill="${fill}"/>`);
      if (v !== undefined) {
        const dark = Math.abs(v) / cap > 0.6;
        out.push(`<text x="${px(x + cw / 2)}" y="${y + rh / 2}" dy="0.32em" text-anchor="middle" font-size="10.5" fill="${dark ? '#ffffff' : '#1d2733'}">${escapeHtml(formatPercent(v, 1))}</text>`);
      }
    }
    const yv = yearly[row]!.value;
    const yx = left + 12 * cw + gap;
    out.push(`<rect x="${px(yx + 1)}" y="${y + 1}" width="${px(cw - 2)}" height="${rh - 2}" rx="2" fill="${divergingColor(yv, cap * 3)}"/>`);
    out.push(`<text x="${px(yx + cw / 2)}" y="${y + rh / 2}" dy="0.32em" text-anchor="middle" font-size="10.5" font-weight="600" fill="${Math.abs(yv) / (cap * 3) > 0.6 ? '#ffffff' : '#1d2733'}">${escapeHtml(formatPercent(yv, 1))}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}
