// Input hygiene: finds missing or impossible values in input columns and reports them by row and column.

import { assertNever } from '../model';
import type { InputColumn, IndicatorInput } from './types';

export type InputIssueKind =
  | 'MISSING' // NaN: the value is absent
  | 'NOT_FINITE' // ±Infinity
  | 'NEGATIVE_VOLUME'
  | 'HIGH_BELOW_LOW'
  | 'TIME_NOT_INCREASING'
  | 'LENGTH_MISMATCH'; // the column is shorter or longer than close

export interface InputIssue {
  readonly kind: InputIssueKind;
  /** 0-based row index into the columns. */
  readonly row: number;
  readonly column: InputColumn;
  readonly value: number;
}

const ORDER: readonly InputColumn[] = ['time', 'open', 'high', 'low', 'close', 'volume', 'benchmark', 'eps'];

/**
 * Checks the given columns (all of `input`, or only `columns`) and returns every issue, in row order,
 * up to `limit`. EPS may be NaN (not yet reported): that is not an issue. Empty result = clean input.
 */
export function checkInputs(input: IndicatorInput, columns?: readonly InputColumn[], limit = 100): InputIssue[] {
  const wanted = new Set(columns ?? ORDER);
  const present = ORDER.filter((c) => wanted.has(c) && input[c] !== undefined);
  const issues: InputIssue[] = [];
  const rows = input.close?.length ?? (present.length > 0 ? input[present[0]!]!.length : 0);
  for (const c of present) {
    const len = input[c]!.length;
    if (len !== rows) issues.push({ kind: 'LENGTH_MISMATCH', row: Math.min(len, rows), column: c, value: len });
  }
  if (issues.length > 0) return issues.slice(0, limit);
  const high = wanted.has('high') ? input.high : undefined;
  const low = wanted.has('low') ? input.low : undefined;
  const time = wanted.has('time') ? input.time : undefined;
  for (let i = 0; i < rows && issues.length < limit; i++) {
    for (const c of present) {
      const v = input[c]![i]!;
      if (v !== v) {
        if (c !== 'eps') issues.push({ kind: 'MISSING', row: i, column: c, value: v });
      } else if (v === Infinity || v === -Infinity) {
        issues.push({ kind: 'NOT_FINITE', row: i, column: c, value: v });
      } else if (c === 'volume' && v < 0) {
        issues.push({ kind: 'NEGATIVE_VOLUME', row: i, column: c, value: v });
      }
    }
    if (high && low && high[i]! < low[i]!) issues.push({ kind: 'HIGH_BELOW_LOW', row: i, column: 'high', value: high[i]! });
    if (time && i > 0 && time[i]! <= time[i - 1]!) {
      issues.push({ kind: 'TIME_NOT_INCREASING', row: i, column: 'time', value: time[i]! });
    }
  }
  return issues.slice(0, limit);
}

export function describeIssue(issue: InputIssue): string {
  switch (issue.kind) {
    case 'MISSING':
      return `row ${issue.row}, column ${issue.column}: missing value`;
    case 'NOT_FINITE':
      return `row ${issue.row}, column ${issue.column}: ${issue.value} is not finite`;
    case 'NEGATIVE_VOLUME':
      return `row ${issue.row}, column ${issue.column}: negative volume ${issue.value}`;
    case 'HIGH_BELOW_LOW':
      return `row ${issue.row}, column high: high ${issue.value} is below low`;
    case 'TIME_NOT_INCREASING':
      return `row ${issue.row}, column time: ${issue.value} does not come after the previous bar`;
    case 'LENGTH_MISMATCH':
      return `column ${issue.column}: ${issue.value} rows where close has a different count`;
    default:
      return assertNever(issue.kind, 'input issue kind');
  }
}
