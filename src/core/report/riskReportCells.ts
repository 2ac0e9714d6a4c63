// How one cell of a report table is written in each format: display text (HTML, PDF), CSV text, and the XLSX number format.

import { formatNumber, MISSING } from './html';
import type { NumberFormat, ReportCell, ReportColumn, ReportTable } from './riskReportTypes';

/** Decimals shown for each number format; quantities and prices show what they have, up to these. */
const DIGITS: Readonly<Record<NumberFormat, { readonly min: number; readonly max: number }>> = {
  money: { min: 2, max: 2 },
  quantity: { min: 0, max: 6 },
  price: { min: 2, max: 6 },
  percent: { min: 2, max: 2 },
  decimal: { min: 2, max: 4 },
  integer: { min: 0, max: 0 },
};

/** An epoch-ms time as `YYYY-MM-DD HH:MM:SS` UTC. */
export function formatTimeUtc(t: number): string {
  return new Date(t).toISOString().replace('T', ' ').slice(0, 19);
}

function digitsFor(x: number, format: NumberFormat): number {
  const { min, max } = DIGITS[format];
  for (let d = min; d < max; d++) if (Math.abs(Number(x.toFixed(d)) - x) < 1e-12 * Math.max(1, Math.abs(x))) return d;
  return max;
}

/** A number as the HTML and PDF show it: grouped thousands, a typographic minus, percent for fractions. */
export function formatReportNumber(x: number, format: NumberFormat): string {
  if (format === 'percent') return `${formatNumber(x * 100, DIGITS.percent.min)}%`;
  return formatNumber(x, digitsFor(x, format));
}

/** A cell's display text; an empty cell is a dash. */
export function displayCell(column: ReportColumn, cell: ReportCell): string {
  if (cell === null) return MISSING;
  switch (column.type) {
    case 'text':
      return String(cell);
    case 'number':
      return typeof cell === 'number' ? formatReportNumber(cell, column.format) : String(cell);
    case 'time':
      return typeof cell === 'number' ? formatTimeUtc(cell) : String(cell);
    default: {
      const never: never = column;
      throw new Error(`unknown column type ${JSON.stringify(never)}`);
    }
  }
}

/** RFC 4180: a field with a comma, quote, CR or LF is quoted, quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A cell as CSV text: numbers in full (as JSON writes them), times as ISO 8601 UTC, an empty cell as nothing. */
export function csvCell(column: ReportColumn, cell: ReportCell): string {
  if (cell === null) return '';
  if (column.type === 'time' && typeof cell === 'number') return new Date(cell).toISOString();
  return csvField(String(cell));
}

/** One table as CSV text: a header row of column labels, CRLF line ends (RFC 4180). */
export function tableToCsv(t: ReportTable): string {
  const lines = [t.columns.map((c) => csvField(c.label)).join(',')];
  for (const row of t.rows) lines.push(row.map((cell, i) => csvCell(t.columns[i]!, cell)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The Excel number format of a cell: the figure stays a number, shown with the same decimals as the HTML. */
export function excelNumberFormat(column: ReportColumn, cell: ReportCell): string | null {
  switch (column.type) {
    case 'text':
      return null;
    case 'time':
      return 'yyyy-mm-dd hh:mm:ss';
    case 'number': {
      if (column.format === 'percent') return '0.00%';
      const d = typeof cell === 'number' ? digitsFor(cell, column.format) : DIGITS[column.format].min;
      return `#,##0${d > 0 ? `.${'0'.repeat(d)}` : ''}`;
    }
    default: {
      const never: never = column;
      throw new Error(`unknown column type ${JSON.stringify(never)}`);
    }
  }
}
