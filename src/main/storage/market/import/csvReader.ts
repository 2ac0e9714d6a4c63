// Streams a CSV file of bars into a BarRowCollector: delimiter and columns from the header, progress in bytes.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { BarRowCollector } from './barRowCollector';
import { mapColumns, type ColumnMapping, type HeaderError } from './headerMapping';
import type { ImportProgress } from './importTypes';

export type CsvReadResult =
  | { readonly ok: true; readonly mapping: ColumnMapping; readonly header: readonly string[] }
  | { readonly ok: false; readonly error: HeaderError | { readonly code: 'EMPTY_FILE' } };

/** Splits one line; quotes are honoured ("a,b" and "" escapes) but a field may not span lines. */
export function splitCsvLine(line: string, delimiter: string): string[] {
  if (!line.includes('"')) return line.split(delimiter);
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

export function detectDelimiter(headerLine: string): string {
  const candidates = [',', ';', '\t', '|'];
  let best = ',';
  let bestCount = 0;
  for (const candidate of candidates) {
    const count = headerLine.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

const PROGRESS_EVERY_ROWS = 100_000;

export async function readCsvBars(
  file: string,
  collector: BarRowCollector,
  progress: (progress: ImportProgress) => void,
): Promise<CsvReadResult> {
  const totalBytes = (await stat(file)).size;
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNumber = 0;
  let mapping: ColumnMapping | undefined;
  let header: string[] = [];
  let delimiter = ',';
  let headerError: HeaderError | undefined;
  try {
    for await (const raw of lines) {
      lineNumber++;
      const line = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (!mapping) {
        if (line.trim() === '') continue;
        delimiter = detectDelimiter(line);
        header = splitCsvLine(line, delimiter);
        const mapped = mapColumns(header);
        if (!mapped.ok) {
          headerError = mapped.error;
          break;
        }
        mapping = mapped.value;
        continue;
      }
      if (line.trim() === '') continue;
      const f = splitCsvLine(line, delimiter);
      collector.add(lineNumber, {
        symbol: mapping.symbol === undefined ? undefined : (f[mapping.symbol] ?? null),
        time: f[mapping.time] ?? null,
        timeOfDay: mapping.timeOfDay === undefined ? undefined : (f[mapping.timeOfDay] ?? null),
        open: f[mapping.open] ?? null,
        high: f[mapping.high] ?? null,
        low: f[mapping.low] ?? null,
        close: f[mapping.close] ?? null,
        volume: mapping.volume === undefined ? undefined : (f[mapping.volume] ?? null),
      });
      if (collector.rows % PROGRESS_EVERY_ROWS === 0) {
        progress({ phase: 'read', rows: collector.rows, bytesRead: stream.bytesRead, totalBytes });
      }
    }
  } finally {
    lines.close();
    stream.destroy();
  }
  if (headerError) return { ok: false, error: headerError };
  if (!mapping) return { ok: false, error: { code: 'EMPTY_FILE' } };
  progress({ phase: 'read', rows: collector.rows, bytesRead: totalBytes, totalBytes });
  return { ok: true, mapping, header };
}
