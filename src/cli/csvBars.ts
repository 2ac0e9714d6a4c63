// CSV bars for the CLI: header detection (case-insensitive), ISO or epoch times, errors naming line and column.

import { readFileSync } from 'node:fs';
import { err, ok } from '../core/model/result';
import type { Result } from '../core/model/result';
import type { IndicatorInput, InputColumn } from '../core/indicators';

export interface CsvBars {
  readonly source: string;
  readonly columns: IndicatorInput;
  /** Input columns found in the header. */
  readonly present: readonly InputColumn[];
  readonly rows: number;
  /** 1-based file line of each data row. */
  readonly lines: readonly number[];
}

export type CsvError =
  | { readonly code: 'CSV_UNREADABLE'; readonly message: string }
  | { readonly code: 'CSV_NO_HEADER'; readonly message: string }
  | { readonly code: 'CSV_MISSING_COLUMN'; readonly column: InputColumn; readonly message: string }
  | { readonly code: 'CSV_BAD_VALUE'; readonly line: number; readonly column: string; readonly value: string; readonly message: string };

/** Header names accepted for each input column, lower-case. */
const ALIASES: Readonly<Record<InputColumn, readonly string[]>> = {
  time: ['time', 'date', 'datetime', 'timestamp', 'date/time', 'ts'],
  open: ['open', 'o'],
  high: ['high', 'h'],
  low: ['low', 'l'],
  close: ['close', 'c', 'last', 'price'],
  volume: ['volume', 'vol', 'v'],
  benchmark: ['benchmark', 'bench', 'benchmark_close'],
  eps: ['eps'],
};

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const NAIVE_DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const ZONED_DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Epoch numbers below this are seconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const EPOCH_SECONDS_BELOW = 1e11;

/**
 * A bar time in epoch ms: ISO dates (`2024-01-02`, UTC midnight), ISO date-times (no zone = UTC),
 * or epoch numbers (seconds below 1e11, else milliseconds). NaN when it is none of these.
 */
export function parseTime(text: string): number {
  if (NUMBER.test(text)) {
    const v = Number(text);
    return Math.abs(v) < EPOCH_SECONDS_BELOW ? v * 1000 : v;
  }
  const d = DATE_ONLY.exec(text);
  if (d) {
    const t = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]));
    return new Date(t).getUTCDate() === Number(d[3]) ? t : NaN;
  }
  if (NAIVE_DATETIME.test(text)) return Date.parse(`${text.replace(' ', 'T')}Z`);
  if (ZONED_DATETIME.test(text)) return Date.parse(text.replace(' ', 'T'));
  return NaN;
}

/** Splits one CSV line; fields may be double-quoted ("" inside quotes is a quote). */
function splitLine(line: string, delimiter: string): string[] {
  if (!line.includes('"')) return line.split(delimiter).map((f) => f.trim());
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      fields.push(field.trim());
      field = '';
    } else field += ch;
  }
  fields.push(field.trim());
  return fields;
}

/** Parses CSV text with a header row. Empty cells become NaN (checkInputs reports them by row). */
export function parseCsvBars(text: string, source: string, required: readonly InputColumn[] = ['time', 'close']): Result<CsvBars, CsvError> {
  const rawLines = text.split(/\r?\n/);
  let headerLine = rawLines.findIndex((l) => l.trim() !== '');
  if (headerLine < 0) return err({ code: 'CSV_NO_HEADER', message: `${source}: the file is empty` });
  const headerText = rawLines[headerLine]!.replace(/^\uFEFF/, '');
  const delimiter = [',', ';', '\t'].reduce((best, d) => (headerText.split(d).length > headerText.split(best).length ? d : best), ',');
  const header = splitLine(headerText, delimiter).map((h) => h.toLowerCase());
  const index = new Map<InputColumn, number>();
  for (const [column, names] of Object.entries(ALIASES) as [InputColumn, readonly string[]][]) {
    const at = header.findIndex((h) => names.includes(h));
    if (at >= 0) index.set(column, at);
  }
  if (index.size === 0 || header.some((h) => NUMBER.test(h))) {
    return err({
      code: 'CSV_NO_HEADER',
      message: `${source}:${headerLine + 1}: expected a header row naming the columns (date/time, open, high, low, close, volume), got '${headerText}'`,
    });
  }
  for (const c of required) {
    if (!index.has(c)) {
      return err({ code: 'CSV_MISSING_COLUMN', column: c, message: `${source}:${headerLine + 1}: no ${c} column in the header (accepted names: ${ALIASES[c].join(', ')})` });
    }
  }
  headerLine += 1;
  const present = [...index.keys()];
  const values = new Map<InputColumn, number[]>(present.map((c) => [c, []]));
  const lines: number[] = [];
  for (let ln = headerLine; ln < rawLines.length; ln++) {
    const line = rawLines[ln]!;
    if (line.trim() === '') continue;
    const fields = splitLine(line, delimiter);
    const lineNo = ln + 1;
    for (const [column, at] of index) {
      const cell = fields[at] ?? '';
      let v: number;
      if (cell === '' || cell.toLowerCase() === 'nan' || cell.toLowerCase() === 'null') v = NaN;
      else if (column === 'time') {
        v = parseTime(cell);
        if (Number.isNaN(v)) {
          return err({ code: 'CSV_BAD_VALUE', line: lineNo, column: header[at]!, value: cell, message: `${source}:${lineNo}: column ${header[at]}: '${cell}' is not a date (ISO 8601 or epoch)` });
        }
      } else if (NUMBER.test(cell)) v = Number(cell);
      else {
        return err({ code: 'CSV_BAD_VALUE', line: lineNo, column: header[at]!, value: cell, message: `${source}:${lineNo}: column ${header[at]}: '${cell}' is not a number` });
      }
      values.get(column)!.push(v);
    }
    lines.push(lineNo);
  }
  const columns: Partial<Record<InputColumn, Float64Array>> = {};
  for (const [c, vs] of values) columns[c] = Float64Array.from(vs);
  return ok({ source, columns, present, rows: lines.length, lines });
}

export function readCsvBars(path: string, required?: readonly InputColumn[]): Result<CsvBars, CsvError> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return err({ code: 'CSV_UNREADABLE', message: `cannot read ${path}: ${(e as Error).message}` });
  }
  return parseCsvBars(text, path, required);
}
