// The shape of a registry entry (parameters, inputs, outputs, warm-up, factories) and helpers to build one.

import { INPUT_COLUMNS, emptyBar } from './types';
import type { IndicatorBar, IndicatorInput, InputColumn, InputKind, StreamingIndicator } from './types';

export interface ParamDef {
  readonly name: string;
  readonly default: number;
  /** Inclusive bounds. */
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  readonly description: string;
}

export interface ParamProblem {
  readonly param: string;
  readonly reason: string;
}

export interface IndicatorDef {
  /** Lower-case id used in spec strings, e.g. `rsi`, `macd`, `bbands`. */
  readonly id: string;
  readonly title: string;
  /** The definition followed, in one line. */
  readonly reference: string;
  /** TA-Lib functions this matches (verified in tests), if TA-Lib has it. */
  readonly talib?: readonly string[];
  readonly inputs: InputKind;
  readonly params: readonly ParamDef[];
  readonly outputs: readonly string[];
  /** Checks between parameters, after each is in range. */
  readonly check?: (p: readonly number[]) => ParamProblem | undefined;
  /** Leading NaNs of each output on clean input: the warm-up. */
  lookback(p: readonly number[]): readonly number[];
  stream(p: readonly number[]): StreamingIndicator;
  /** One Float64Array per output, each as long as the input; equal to running `stream` bar by bar. */
  batch(input: IndicatorInput, p: readonly number[]): Float64Array[];
}

const MAX_PERIOD = 100_000;

export function period(name: string, def: number, min = 2, description = 'bars in the window'): ParamDef {
  return { name, default: def, min, max: MAX_PERIOD, integer: true, description };
}

export function real(name: string, def: number, min: number, max: number, description: string): ParamDef {
  return { name, default: def, min, max, integer: false, description };
}

/**
 * Builds the generic streaming form. `make` receives the output slots and returns the per-bar step;
 * each indicator's step is its own function, so V8 keeps every call site monomorphic.
 */
export function streaming(outputs: readonly string[], make: (values: Float64Array) => (bar: IndicatorBar) => void): StreamingIndicator {
  const values = new Float64Array(outputs.length).fill(NaN);
  return { outputs, values, push: make(values) };
}

/** The input column, or a thrown bug: callers check inputs (computeIndicators does) before calling batch. */
export function column(input: IndicatorInput, name: InputColumn): Float64Array {
  const c = input[name];
  if (c === undefined) throw new Error(`indicator input is missing the ${name} column`);
  return c;
}

export function rowCount(input: IndicatorInput, kind: InputKind): number {
  return column(input, INPUT_COLUMNS[kind][0]!).length;
}

/** Batch form for indicators without a dedicated kernel: runs the streaming form over the columns. */
export function batchViaStream(def: IndicatorDef, input: IndicatorInput, p: readonly number[]): Float64Array[] {
  const names = INPUT_COLUMNS[def.inputs];
  const cols = names.map((c) => column(input, c));
  const n = cols[0]!.length;
  const outs = def.outputs.map(() => new Float64Array(n));
  const s = def.stream(p);
  const bar = emptyBar();
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < names.length; c++) bar[names[c]!] = cols[c]![i]!;
    s.push(bar);
    for (let k = 0; k < outs.length; k++) outs[k]![i] = s.values[k]!;
  }
  return outs;
}
