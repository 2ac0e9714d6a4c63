// CSV bars for the CLI: header detection (case-insensitive), ISO or epoch times, errors naming line and column.

import { readFileSync } from 'node:fs';
import { err, ok } from '../core/model/result';
import type { Result } from '../core/model/result';
import type { IndicatorInput, InputColumn } from '../core/indicators';
import { parseNumberCell, parseTimestampCell } from '../main/storage/market/import/cellParsing';
import { detectDelimiter, splitCsvLine } from '../main/storage/market/import/csvReader';

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

/** A header cell that is a number means the file has no header row. */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** An empty or NaN cell: kept as NaN, so the indicators' input check reports it with its row. */
const isBlank = (cell: string): boolean => cell === '' || cell.toLowerCase() === 'nan' || cell.toLowerCase() === 'null';

/** Parses CSV text with a header row. Empty cells become NaN (checkInputs reports them by row). */
export function parseCsvBars(text: string, source: string, required: readonly InputColumn[] = ['time', 'close']): Result<CsvBars, CsvError> {
  const rawLines = text.split(/\r?\n/);
  let headerLine = rawLines.findIndex((l) => l.trim() !== '');
  if (headerLine < 0) return err({ code: 'CSV_NO_HEADER', message: `${source}: the file is empty` });
  const headerText = rawLines[headerLine]!.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(headerText);
  const header = splitCsvLine(headerText, delimiter).map((h) => h.trim().toLowerCase());
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
    const fields = splitCsvLine(line, delimiter).map((f) => f.trim());
    const lineNo = ln + 1;
    for (const [column, at] of index) {
      const cell = fields[at] ?? '';
      if (isBlank(cell)) {
        values.get(column)!.push(NaN);
        continue;
      }
      // The same cell rules as `nautilus import`, so a file that imports also computes.
      const parsed = column === 'time' ? parseTimestampCell(cell) : parseNumberCell(cell);
      if (!parsed.ok) {
        const what = column === 'time' ? 'a date (ISO 8601, YYYYMMDD or epoch)' : 'a number';
        return err({ code: 'CSV_BAD_VALUE', line: lineNo, column: header[at]!, value: cell, message: `${source}:${lineNo}: column ${header[at]}: '${cell}' is not ${what}` });
      }
      values.get(column)!.push(parsed.value);
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
