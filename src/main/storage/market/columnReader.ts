// Streams a query whose columns are all DOUBLE into Float64Arrays, chunk by chunk, without row objects.
import type { DuckDBConnection, DuckDBValue, DuckDBVector } from '@duckdb/node-api';

export async function readDoubleColumns(
  connection: DuckDBConnection,
  sql: string,
  params: Record<string, DuckDBValue> | DuckDBValue[] | undefined,
  columnCount: number,
): Promise<Float64Array[]> {
  const result = await connection.stream(sql, params);
  const parts: Float64Array[][] = Array.from({ length: columnCount }, () => []);
  let total = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const rows = chunk.rowCount;
    for (let c = 0; c < columnCount; c++) {
      const vector = chunk.getColumnVector(c) as DuckDBVector<number>;
      const out = new Float64Array(rows);
      for (let r = 0; r < rows; r++) out[r] = vector.getItem(r) ?? NaN;
      (parts[c] as Float64Array[]).push(out);
    }
    total += rows;
  }
  return parts.map((list) => {
    const out = new Float64Array(total);
    let offset = 0;
    for (const part of list) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  });
}
