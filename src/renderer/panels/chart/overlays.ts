// Indicator overlays on the chart: the palette's presets, spec normalization, titles, and where each output draws.

/** One indicator drawn on the chart, by its spec string as the features engine reads it (`sma:20`, `bbands:20:2`). */
export interface IndicatorPreset {
  readonly spec: string;
  readonly title: string;
}

/** The palette's ready-made overlays: trend and bands on the price pane, oscillators in panes of their own. */
export const INDICATOR_PRESETS: readonly IndicatorPreset[] = [
  { spec: 'sma:20', title: 'SMA 20' },
  { spec: 'sma:50', title: 'SMA 50' },
  { spec: 'sma:200', title: 'SMA 200' },
  { spec: 'ema:12', title: 'EMA 12' },
  { spec: 'ema:26', title: 'EMA 26' },
  { spec: 'bbands:20:2', title: 'Bollinger 20/2' },
  { spec: 'vwap', title: 'VWAP' },
  { spec: 'keltner:20:10:2', title: 'Keltner 20/10/2' },
  { spec: 'donchian:20', title: 'Donchian 20' },
  { spec: 'ichimoku:9:26:52:26', title: 'Ichimoku 9/26/52' },
  { spec: 'rsi:14', title: 'RSI 14' },
  { spec: 'macd:12:26:9', title: 'MACD 12/26/9' },
  { spec: 'atr:14', title: 'ATR 14' },
  { spec: 'stoch:14:3:3', title: 'Stochastic 14/3/3' },
];

/** Indicators in price units: drawn over the candles on the price scale. Everything else gets a pane below. */
const PRICE_PANE = new Set(['sma', 'ema', 'wma', 'dema', 'tema', 'kama', 'bbands', 'vwap', 'keltner', 'donchian', 'sar', 'ichimoku']);

/** Outputs not in price units (Bollinger %B and width) would squash the price scale: they are left out of the picture. */
const HIDDEN_OUTPUTS: Readonly<Record<string, readonly string[]>> = { bbands: ['percent_b', 'width'] };

/** Horizontal guides an oscillator is read against. */
const GUIDES: Readonly<Record<string, readonly number[]>> = { rsi: [70, 30], stoch: [80, 20], willr: [-20, -80], mfi: [80, 20], cci: [100, -100], macd: [0] };

/** Oscillators with a fixed range: their pane always shows all of it, so the guides and extremes stay in view. */
const BOUNDED: Readonly<Record<string, readonly [number, number]>> = { rsi: [0, 100], stoch: [0, 100], mfi: [0, 100], willr: [-100, 0] };

const SHORT_NAMES: Readonly<Record<string, string>> = { bbands: 'BB', stoch: 'Stoch', ichimoku: 'Ichimoku', keltner: 'Keltner', donchian: 'Donchian' };

/** The id of a single-indicator spec (`bbands:20:2` → `bbands`). */
export const indicatorId = (spec: string): string => spec.split(':')[0]!;

/**
 * Splits typed text into one spec per indicator, lower-cased and without spaces (`SMA: 20, ema:50` → `sma:20`, `ema:50`).
 * Validation is the features engine's: this only tidies what the trader typed.
 */
export function splitSpecs(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.replace(/\s+/g, '').toLowerCase())
    .filter((item) => item !== '');
}

/** What the legend and the palette call an overlay: the preset's name, else the id and its parameters. */
export function overlayTitle(spec: string): string {
  const preset = INDICATOR_PRESETS.find((p) => p.spec === spec);
  if (preset) return preset.title;
  const [id, ...params] = spec.split(':');
  const name = SHORT_NAMES[id!] ?? id!.toUpperCase();
  return params.length ? `${name} ${params.join('/')}` : name;
}

export const onPricePane = (spec: string): boolean => PRICE_PANE.has(indicatorId(spec));

export const guidesOf = (spec: string): readonly number[] => GUIDES[indicatorId(spec)] ?? [];

export const rangeOf = (spec: string): readonly [number, number] | null => BOUNDED[indicatorId(spec)] ?? null;

/**
 * The output a column holds: the column is the spec's key (`sma_20`) for a single output, else key + `_` + output
 * (`bbands_20_2_upper`). Parameters are numbers, so the output is whatever follows the last numeric part.
 */
export function outputOf(spec: string, column: string): string {
  const id = indicatorId(spec);
  const parts = column.split('_');
  let i = 0;
  if (parts[0] === id) i = 1;
  while (i < parts.length && /^-?[\d.]+(e[+-]?\d+)?$/i.test(parts[i]!)) i++;
  const rest = parts.slice(i).join('_');
  return rest === '' ? id : rest;
}

export const isDrawn = (spec: string, column: string): boolean => !(HIDDEN_OUTPUTS[indicatorId(spec)] ?? []).includes(outputOf(spec, column));
