// Reads a Parquet file of bars through DuckDB's read_parquet into a BarRowCollector, validated exactly like CSV rows.
import type { DuckDBConnection, DuckDBVector } from '@duckdb/node-api';
import type { BarRowCollector } from './barRowCollector';
import type { Cell } from './cellParsing';
import { mapColumns, type ColumnMapping, type HeaderError } from './headerMapping';
import type { ImportProgress } from './importTypes';

export type ParquetReadResult =
  | { readonly ok: true; readonly mapping: ColumnMapping; readonly header: readonly string[] }
  | { readonly ok: false; readonly error: HeaderError | { readonly code: 'EMPTY_FILE' } };

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/i;
const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Numbers arrive as DOUBLE, text as VARCHAR (parsed like CSV cells), anything else as its text form (then refused). */
function valueExpression(name: string, type: string): string {
  if (NUMERIC.test(type)) return `${quote(name)}::DOUBLE`;
  return `${quote(name)}::VARCHAR`;
}

/** Absolute times for temporal columns; a naive TIMESTAMP is taken as UTC, a DATE as its 00:00 UTC. */
function timeExpression(name: string, type: string): { sql: string; absolute: boolean } {
  if (/^TIMESTAMP WITH TIME ZONE|^TIMESTAMPTZ/i.test(type)) return { sql: `epoch_ms(${quote(name)})::DOUBLE`, absolute: true };
  if (/^TIMESTAMP/i.test(type)) return { sql: `epoch_ms(${quote(name)}::TIMESTAMP)::DOUBLE`, absolute: true };
  if (/^DATE$/i.test(type)) return { sql: `epoch_ms(${quote(name)}::TIMESTAMP)::DOUBLE`, absolute: true };
  return { sql: valueExpression(name, type), absolute: false };
}

export async function readParquetBars(
  connection: DuckDBConnection,
  file: string,
  collector: BarRowCollector,
  progress: (progress: ImportProgress) => void,
): Promise<ParquetReadResult> {
  const described = await connection.runAndReadAll('DESCRIBE SELECT * FROM read_parquet($1)', [file]);
  const columns = described.getRowObjectsJS().map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
  const header = columns.map((c) => c.name);
  const mapped = mapColumns(header);
  if (!mapped.ok) return { ok: false, error: mapped.error };
  const mapping = mapped.value;
  const counted = await connection.runAndReadAll('SELECT count(*)::DOUBLE FROM read_parquet($1)', [file]);
  const totalRows = Number(counted.getRows()[0]?.[0] ?? 0);
  if (totalRows === 0) return { ok: false, error: { code: 'EMPTY_FILE' } };

  const column = (index: number): { name: string; type: string } => columns[index] as { name: string; type: string };
  const time = timeExpression(column(mapping.time).name, column(mapping.time).type);
  const select: string[] = [
    time.sql,
    ...[mapping.open, mapping.high, mapping.low, mapping.close].map((i) => valueExpression(column(i).name, column(i).type)),
    mapping.volume === undefined ? 'NULL' : valueExpression(column(mapping.volume).name, column(mapping.volume).type),
    mapping.symbol === undefined ? 'NULL' : `${quote(column(mapping.symbol).name)}::VARCHAR`,
    mapping.timeOfDay === undefined ? 'NULL' : `${quote(column(mapping.timeOfDay).name)}::VARCHAR`,
  ];
  const result = await connection.stream(`SELECT ${select.join(', ')} FROM read_parquet($1)`, [file]);
  let row = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const vectors = Array.from({ length: select.length }, (_, c) => chunk.getColumnVector(c) as DuckDBVector<string | number>);
    const cell = (c: number, r: number): Cell => (vectors[c] as DuckDBVector<string | number>).getItem(r);
    for (let r = 0; r < chunk.rowCount; r++) {
      row++;
      const timeCell = cell(0, r);
      collector.add(row, {
        time: timeCell,
        epochMs: time.absolute && typeof timeCell === 'number' ? timeCell : undefined,
        open: cell(1, r),
        high: cell(2, r),
        low: cell(3, r),
        close: cell(4, r),
        volume: mapping.volume === undefined ? undefined : cell(5, r),
        symbol: mapping.symbol === undefined ? undefined : cell(6, r),
        timeOfDay: mapping.timeOfDay === undefined ? undefined : cell(7, r),
      });
    }
    progress({ phase: 'read', rows: row, totalRows });
  }
  return { ok: true, mapping, header };
}
