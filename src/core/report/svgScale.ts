// Scales and axis ticks for the report's SVG charts: linear and log value axes, calendar time axes.

export interface Scale {
  /** Domain value → pixel. */
  (v: number): number;
  readonly ticks: readonly number[];
  readonly format: (v: number) => string;
}

/** 1, 2, 2.5 or 5 × 10^k spacing giving about `count` ticks over [lo, hi]. */
export function niceStep(lo: number, hi: number, count: number): number {
  const raw = (hi - lo) / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const pow = Math.pow(10, Math.floor(Math.log10(raw)));
  const m = raw / pow;
  const nice = m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10;
  return nice * pow;
}

/** The domain extended to whole ticks, and the ticks. */
export function niceDomain(lo: number, hi: number, count: number): { lo: number; hi: number; ticks: number[] } {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { lo: 0, hi: 1, ticks: [0, 1] };
  if (lo === hi) {
    const pad = Math.abs(lo) * 0.05 || 0.01;
    lo -= pad;
    hi += pad;
  }
  const step = niceStep(lo, hi, count);
  const nlo = Math.floor(lo / step + 1e-9) * step;
  const nhi = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = nlo; v <= nhi + step * 1e-6; v += step) ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return { lo: nlo, hi: nhi, ticks };
}

export function linearScale(lo: number, hi: number, pxLo: number, pxHi: number, format: (v: number) => string, count = 5): Scale {
  const d = niceDomain(lo, hi, count);
  const k = (pxHi - pxLo) / (d.hi - d.lo);
  return Object.assign((v: number) => pxLo + (v - d.lo) * k, { ticks: d.ticks, format });
}

/**
 * Log axis for growth curves spanning decades, padded 3% each side: ticks at 1, 2, 5 × 10^k, denser
 * (1, 1.5, 2, 3, 5, 7) under two decades, only 1 × 10^k beyond four.
 */
export function logScale(lo: number, hi: number, pxLo: number, pxHi: number, format: (v: number) => string): Scale {
  const pad = (Math.log10(hi) - Math.log10(lo)) * 0.03;
  const a = Math.log10(lo) - pad;
  const b = Math.log10(hi) + pad;
  const decades = b - a;
  const ticks: number[] = [];
  const mantissas = decades > 4 ? [1] : decades > 2 ? [1, 2, 5] : [1, 1.5, 2, 3, 5, 7];
  for (let e = Math.floor(a); e <= Math.ceil(b); e++) {
    for (const m of mantissas) {
      const v = m * Math.pow(10, e);
      if (v >= Math.pow(10, a) && v <= Math.pow(10, b)) ticks.push(v);
    }
  }
  const k = (pxHi - pxLo) / (b - a || 1);
  return Object.assign((v: number) => pxLo + (Math.log10(v) - a) * k, { ticks, format });
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const monthName = (m: number): string => MONTHS[m - 1]!;

/** A UTC calendar time axis: year ticks (every 1, 2, 5… years) for long spans, month ticks for short ones. */
export function timeScale(lo: number, hi: number, pxLo: number, pxHi: number): Scale {
  const k = (pxHi - pxLo) / (hi - lo || 1);
  const y0 = new Date(lo).getUTCFullYear();
  const y1 = new Date(hi).getUTCFullYear();
  const ticks: number[] = [];
  let format: (v: number) => string;
  if (y1 - y0 >= 3) {
    const step = niceStep(0, y1 - y0, 8) < 1 ? 1 : Math.ceil(niceStep(0, y1 - y0, 8));
    for (let y = Math.ceil(y0 / step) * step; y <= y1; y += step) {
      const t = Date.UTC(y, 0, 1);
      if (t >= lo && t <= hi) ticks.push(t);
    }
    format = (v) => String(new Date(v).getUTCFullYear());
  } else {
    const months = (y1 - y0) * 12 + new Date(hi).getUTCMonth() - new Date(lo).getUTCMonth();
    const step = months > 18 ? 3 : months > 8 ? 2 : 1;
    for (let m = 0; m <= months + 1; m += step) {
      const t = Date.UTC(y0, new Date(lo).getUTCMonth() + m, 1);
      if (t >= lo && t <= hi) ticks.push(t);
    }
    format = (v) => {
      const d = new Date(v);
      return d.getUTCMonth() === 0 || ticks[0] === v ? `${monthName(d.getUTCMonth() + 1)} ${d.getUTCFullYear()}` : monthName(d.getUTCMonth() + 1);
    };
  }
  return Object.assign((v: number) => pxLo + (v - lo) * k, { ticks, format });
}
