// Shared shapes of the indicators library: input columns, one bar of input, and the generic streaming form.

/** Which input columns an indicator reads. */
export type InputKind =
  | 'close' // close
  | 'hl' // high, low
  | 'hlc' // high, low, close
  | 'cv' // close, volume
  | 'hlcv' // high, low, close, volume
  | 'thlcv' // time (epoch ms), high, low, close, volume
  | 'benchmark' // close and a benchmark close
  | 'eps'; // close and earnings per share

export type InputColumn = 'time' | 'open' | 'high' | 'low' | 'close' | 'volume' | 'benchmark' | 'eps';

/** The columns each input kind needs, in a fixed order. */
export const INPUT_COLUMNS: Readonly<Record<InputKind, readonly InputColumn[]>> = {
  close: ['close'],
  hl: ['high', 'low'],
  hlc: ['high', 'low', 'close'],
  cv: ['close', 'volume'],
  hlcv: ['high', 'low', 'close', 'volume'],
  thlcv: ['time', 'high', 'low', 'close', 'volume'],
  benchmark: ['close', 'benchmark'],
  eps: ['close', 'eps'],
};

/** Columnar input for batch forms. BarColumns fits; benchmark and eps are extra, aligned by row. */
export interface IndicatorInput {
  readonly time?: Float64Array;
  readonly open?: Float64Array;
  readonly high?: Float64Array;
  readonly low?: Float64Array;
  readonly close?: Float64Array;
  readonly volume?: Float64Array;
  readonly benchmark?: Float64Array;
  readonly eps?: Float64Array;
}

/** One bar of input for the generic streaming form. Callers reuse one object: no allocation per bar. */
export interface IndicatorBar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  benchmark: number;
  eps: number;
}

export function emptyBar(): IndicatorBar {
  return { time: NaN, open: NaN, high: NaN, low: NaN, close: NaN, volume: NaN, benchmark: NaN, eps: NaN };
}

/**
 * The generic streaming form built by the registry: `push` one bar, read `values` (one slot per
 * output, NaN during warm-up). `values` is the same array after every push.
 */
export interface StreamingIndicator {
  readonly outputs: readonly string[];
  readonly values: Float64Array;
  push(bar: IndicatorBar): void;
}
