// WCAG 2 contrast: colour parsing (hex, rgb(), color(srgb)), alpha compositing, relative luminance, contrast ratio.

export interface Rgba {
  /** 0–255. */
  readonly r: number;
  readonly g: number;
  readonly b: number;
  /** 0–1. */
  readonly a: number;
}

/** WCAG AA for normal text. */
export const AA_TEXT = 4.5;

/** `#rgb`, `#rrggbb`, `#rrggbbaa`, `rgb(r, g, b)`, `rgba(r, g, b, a)`, `rgb(r g b / a)` or `color(srgb r g b / a)`; null otherwise. */
export function parseColor(text: string): Rgba | null {
  const s = text.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(s);
  if (hex) {
    let h = hex[1]!;
    if (h.length === 3) h = [...h].map((c) => c + c).join('');
    const n = (i: number) => parseInt(h.slice(i, i + 2), 16);
    return { r: n(0), g: n(2), b: n(4), a: h.length === 8 ? n(6) / 255 : 1 };
  }
  const fn = /^(rgba?|color)\((.*)\)$/.exec(s);
  if (!fn) return null;
  let body = fn[2]!.trim();
  const srgb = fn[1] === 'color';
  if (srgb) {
    if (!body.startsWith('srgb ')) return null;
    body = body.slice(5);
  }
  const [channels, alpha] = body.includes('/') ? body.split('/') : [body, undefined];
  const parts = channels!.split(/[\s,]+/).filter(Boolean);
  const alphaText = alpha ?? (parts.length === 4 ? parts.pop() : undefined);
  if (parts.length !== 3) return null;
  const channel = (p: string) => (p.endsWith('%') ? (parseFloat(p) / 100) * 255 : srgb ? parseFloat(p) * 255 : parseFloat(p));
  const a = alphaText === undefined ? 1 : alphaText.trim().endsWith('%') ? parseFloat(alphaText) / 100 : parseFloat(alphaText);
  const [r, g, b] = parts.map(channel) as [number, number, number];
  return [r, g, b, a].every(Number.isFinite) ? { r, g, b, a } : null;
}

/** `top` painted over an opaque `bottom`. */
export function composite(top: Rgba, bottom: Rgba): Rgba {
  const a = top.a;
  return { r: top.r * a + bottom.r * (1 - a), g: top.g * a + bottom.g * (1 - a), b: top.b * a + bottom.b * (1 - a), a: 1 };
}

/** `p` (0–1) of `a` mixed with `b` in sRGB: CSS color-mix(in srgb, a p, b). */
export const mix = (a: Rgba, b: Rgba, p: number): Rgba => ({ r: a.r * p + b.r * (1 - p), g: a.g * p + b.g * (1 - p), b: a.b * p + b.b * (1 - p), a: 1 });

const linear = (channel: number) => {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

/** WCAG 2 relative luminance of an opaque colour. */
export const relativeLuminance = (c: Rgba): number => 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);

/** WCAG 2 contrast ratio, 1–21; a translucent foreground is composited over the background first. */
export function contrastRatio(foreground: Rgba, background: Rgba): number {
  const fg = foreground.a < 1 ? composite(foreground, background) : foreground;
  const l1 = relativeLuminance(fg);
  const l2 = relativeLuminance(background);
  return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
}
