// Writing rows through a DuckDB appender: one row per item, the appender closed whatever happens, nulls for absent values.
import type { DuckDBAppender } from '@duckdb/node-api';

export const big = (v: number): bigint => BigInt(Math.round(v));

export function appendRows<T>(appender: DuckDBAppender, rows: readonly T[], write: (a: DuckDBAppender, row: T) => void): void {
  try {
    for (const row of rows) {
      write(appender, row);
      appender.endRow();
    }
  } finally {
    appender.closeSync();
  }
}

/** A non-finite value is stored as null. */
export const doubleOrNull = (a: DuckDBAppender, v: number): void => (Number.isFinite(v) ? a.appendDouble(v) : a.appendNull());
export const nullableDouble = (a: DuckDBAppender, v: number | null): void => (v === null ? a.appendNull() : a.appendDouble(v));
export const nullableBig = (a: DuckDBAppender, v: number | null): void => (v === null ? a.appendNull() : a.appendBigInt(big(v)));
export const nullableVarchar = (a: DuckDBAppender, v: string | null): void => (v === null ? a.appendNull() : a.appendVarchar(v));
