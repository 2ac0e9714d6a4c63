// Runs validated specs over input columns: checks the inputs each needs, then computes named output columns.

import { err, ok } from '../model/result';
import type { Result } from '../model/result';
import { checkInputs, describeIssue } from './hygiene';
import type { InputIssue } from './hygiene';
import { getIndicator } from './registry';
import { outputColumnName } from './spec';
import type { IndicatorSpec } from './spec';
import { INPUT_COLUMNS } from './types';
import type { IndicatorInput, InputColumn } from './types';

export interface ComputedColumn {
  /** e.g. `rsi_14`, `macd_12_26_9_signal`. */
  readonly name: string;
  readonly id: string;
  readonly output: string;
  readonly values: Float64Array;
}

export type ComputeError =
  | { readonly code: 'UNKNOWN_INDICATOR'; readonly id: string; readonly message: string }
  | { readonly code: 'MISSING_INPUT'; readonly id: string; readonly column: InputColumn; readonly message: string }
  | { readonly code: 'BAD_INPUT'; readonly issues: readonly InputIssue[]; readonly message: string };

/** The input columns the specs read, in a fixed order. */
export function requiredColumns(specs: readonly IndicatorSpec[]): InputColumn[] {
  const needed = new Set<InputColumn>(['close']);
  for (const s of specs) {
    const def = getIndicator(s.id);
    if (def) for (const c of INPUT_COLUMNS[def.inputs]) needed.add(c);
  }
  const order: InputColumn[] = ['time', 'open', 'high', 'low', 'close', 'volume', 'benchmark', 'eps'];
  return order.filter((c) => needed.has(c));
}

/**
 * Computes every output of every spec. Missing columns and bad values (NaN, infinities, negative
 * volume, high < low, time going backwards) are reported, never propagated into the results.
 */
export function computeIndicators(input: IndicatorInput, specs: readonly IndicatorSpec[]): Result<ComputedColumn[], ComputeError> {
  for (const s of specs) {
    const def = getIndicator(s.id);
    if (!def) return err({ code: 'UNKNOWN_INDICATOR', id: s.id, message: `unknown indicator '${s.id}'` });
    for (const c of INPUT_COLUMNS[def.inputs]) {
      if (input[c] === undefined) {
        return err({ code: 'MISSING_INPUT', id: s.id, column: c, message: `${s.id} needs a ${c} column` });
      }
    }
  }
  const issues = checkInputs(input, requiredColumns(specs));
  if (issues.length > 0) {
    return err({ code: 'BAD_INPUT', issues, message: issues.map(describeIssue).join('; ') });
  }
  const columns: ComputedColumn[] = [];
  for (const s of specs) {
    const def = getIndicator(s.id)!;
    const outs = def.batch(input, s.params);
    def.outputs.forEach((output, k) => {
      columns.push({ name: outputColumnName(s, output), id: s.id, output, values: outs[k]! });
    });
  }
  return ok(columns);
}
