// Text for the report's HTML and SVG: escaping (every text goes through it) and the number and date formats.

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML and SVG element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Shown for an undefined figure (NaN). */
export const MISSING = '—';

/** A fraction as percent: 0.1234 → "12.34%". */
export function formatPercent(x: number, digits = 2): string {
  return Number.isFinite(x) ? `${formatNumber(x * 100, digits)}%` : MISSING;
}

/** A number with fixed decimals, thousands separators and a typographic minus (never "−0.00"). */
export function formatNumber(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return MISSING;
  const fixed = Math.abs(x).toFixed(digits);
  const [int, frac] = fixed.split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const negative = x < 0 && /[1-9]/.test(fixed);
  return `${negative ? '\u2212' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

/** An epoch-ms time as its UTC date, YYYY-MM-DD. */
export function formatDate(t: number | null): string {
  return t === null || !Number.isFinite(t) ? MISSING : new Date(t).toISOString().slice(0, 10);
}

/** A coordinate rounded to 0.1 px: enough for a screen, and it keeps long paths short. */
export function px(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}
