// Every text style in styles.css meets WCAG AA (4.5:1) in both themes: the colours come from the stylesheet's own
// custom properties, each foreground/background pair the panels draw is declared once in TEXT_STYLES.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AA_TEXT, composite, contrastRatio, mix, parseColor, relativeLuminance, type Rgba } from '../../../src/renderer/app/contrast';

const CSS = readFileSync(join(__dirname, '../../../src/renderer/styles.css'), 'utf8');

/** The custom properties a block declares (`:root { … }` or `:root[data-theme='light'] { … }`). */
function declarations(selector: string): Record<string, string> {
  const start = CSS.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`styles.css has no ${selector} block`);
  const body = CSS.slice(start, CSS.indexOf('}', start));
  return Object.fromEntries([...body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

const dark = declarations(':root');
const THEMES = { dark, light: { ...dark, ...declarations(":root[data-theme='light']") } } as const;

/** A colour term: a custom property, a literal, or color-mix(in srgb, A p%, B) as the stylesheet uses for tints. */
type Term = string | { readonly mix: readonly [string, number, string] };

/** Every text style: what it is, its foreground, the background it is drawn on. */
const TEXT_STYLES: readonly { readonly style: string; readonly fg: Term; readonly bg: Term }[] = [
  ...['--bg', '--panel', '--panel-header', '--row-hover', '--cursor-bg'].flatMap((bg) =>
    ['--text', '--muted', '--accent', '--up', '--down', '--warn', '--teal'].map((fg) => ({ style: `${fg} text on ${bg} (tables, selected and hovered rows)`, fg, bg })),
  ),
  { style: 'pressed/checked button (timeframe, blotter view)', fg: '--on-accent', bg: '--accent' },
  { style: 'primary button (Re-enable trading)', fg: '--on-accent', bg: '--accent' },
  { style: 'selected palette and hotkey row', fg: '--on-accent', bg: '--accent' },
  { style: 'Kill switch (danger button)', fg: '--on-danger', bg: '--danger-bg' },
  { style: 'live route badge (orders → IB LIVE)', fg: '--on-danger', bg: '--danger-bg' },
  { style: 'MARKET and warnings in the ticket', fg: '--on-warn', bg: '--warn' },
  { style: 'disconnected banner', fg: '--on-danger', bg: '--danger-bg' },
  { style: 'connecting banner', fg: '--text', bg: '--panel-header' },
  { style: 'stale marker in a panel header', fg: '--warn', bg: '--panel-header' },
  { style: 'halted risk controls', fg: '--down', bg: { mix: ['--down', 0.12, '--panel'] } },
  { style: 'halted risk controls, limit text', fg: '--text', bg: { mix: ['--down', 0.12, '--panel'] } },
  { style: 'indicator legend value over the chart', fg: '--text', bg: { mix: ['--panel', 0.7, '--panel'] } },
  { style: 'indicator legend output name over the chart', fg: '--muted', bg: { mix: ['--panel', 0.7, '--panel'] } },
  { style: 'input text', fg: '--text', bg: '--bg' },
  { style: 'keyboard hint (kbd)', fg: '--muted', bg: '--panel-header' },
];

function resolve(term: Term, vars: Record<string, string>): Rgba {
  if (typeof term !== 'string') {
    const [a, p, b] = term.mix;
    return mix(resolve(a, vars), resolve(b, vars), p);
  }
  const text = term.startsWith('--') ? vars[term] : term;
  if (text === undefined) throw new Error(`styles.css does not define ${term}`);
  const colour = parseColor(text);
  if (!colour) throw new Error(`${term}: '${text}' is not a colour`);
  return colour;
}

describe('contrast math (WCAG 2)', () => {
  it('parses hex, rgb(), rgba() and color(srgb)', () => {
    expect(parseColor('#fff')).toEqual({ r: 255, g: 255, b: 255, a: 1 });
    expect(parseColor('#0e1116')).toEqual({ r: 14, g: 17, b: 22, a: 1 });
    expect(parseColor('#ffffff80')!.a).toBeCloseTo(128 / 255, 6);
    expect(parseColor('rgb(10, 20, 30)')).toEqual({ r: 10, g: 20, b: 30, a: 1 });
    expect(parseColor('rgba(10, 20, 30, 0.5)')).toEqual({ r: 10, g: 20, b: 30, a: 0.5 });
    expect(parseColor('rgb(10 20 30 / 50%)')).toEqual({ r: 10, g: 20, b: 30, a: 0.5 });
    expect(parseColor('color(srgb 1 0.5 0 / 0.25)')).toEqual({ r: 255, g: 127.5, b: 0, a: 0.25 });
    expect(parseColor('var(--x)')).toBeNull();
    expect(parseColor('#12')).toBeNull();
  });
  it('relative luminance and ratio match the WCAG reference values', () => {
    expect(relativeLuminance(parseColor('#000')!)).toBe(0);
    expect(relativeLuminance(parseColor('#fff')!)).toBeCloseTo(1, 12);
    expect(contrastRatio(parseColor('#000')!, parseColor('#fff')!)).toBeCloseTo(21, 10);
    // #767676 on white is the classic smallest grey that passes AA; #777777 just fails.
    expect(contrastRatio(parseColor('#767676')!, parseColor('#fff')!)).toBeCloseTo(4.54, 2);
    expect(contrastRatio(parseColor('#777777')!, parseColor('#fff')!)).toBeLessThan(AA_TEXT);
    // Symmetric in its arguments.
    expect(contrastRatio(parseColor('#fff')!, parseColor('#4aa3ff')!)).toBeCloseTo(contrastRatio(parseColor('#4aa3ff')!, parseColor('#fff')!), 12);
    // The figures for the old styles: white on the old accent and the old Kill switch red.
    expect(contrastRatio(parseColor('#ffffff')!, parseColor('#4aa3ff')!)).toBeCloseTo(2.63, 2);
    expect(contrastRatio(parseColor('#ffffff')!, parseColor('#f85149')!)).toBeCloseTo(3.35, 2);
  });
  it('composites a translucent foreground over the background before measuring', () => {
    const half = composite(parseColor('rgba(255, 255, 255, 0.5)')!, parseColor('#000')!);
    expect(half.r).toBeCloseTo(127.5, 6);
    expect(contrastRatio(parseColor('rgba(0, 0, 0, 0)')!, parseColor('#fff')!)).toBeCloseTo(1, 10);
  });
});

describe('every text style meets WCAG AA in both themes', () => {
  for (const [theme, vars] of Object.entries(THEMES)) {
    it(`${theme} theme`, () => {
      const failures = TEXT_STYLES.map((s) => ({ ...s, ratio: contrastRatio(resolve(s.fg, vars), resolve(s.bg, vars)) }))
        .filter((s) => s.ratio < AA_TEXT)
        .map((s) => `${s.style}: ${s.ratio.toFixed(2)}:1`);
      expect(failures).toEqual([]);
    });
  }
  it('declares no literal text colour outside the custom properties (each would escape this table)', () => {
    const outsideRoot = CSS.replace(/:root(\[data-theme='light'\])?\s*\{[^}]*\}/g, '');
    const literals = [...outsideRoot.matchAll(/(?<![-\w])color:\s*(#[0-9a-fA-F]{3,8}|rgb[a]?\([^)]*\)|white|black)/g)].map((m) => m[0]);
    expect(literals).toEqual([]);
  });
});
