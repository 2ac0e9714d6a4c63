// The import's public types: options, progress, the summary of a committed import and the failures that commit nothing.
import type { EpochMs } from '../../../../core/model/clock';
import type { Timeframe } from '../../../../core/model/marketData';
import type { RowError } from './barRowCollector';

export type ImportFormat = 'csv' | 'parquet';

export interface ImportProgress {
  readonly phase: 'read' | 'validate' | 'write';
  readonly rows: number;
  /** CSV: bytes read so far and file size. */
  readonly bytesRead?: number;
  readonly totalBytes?: number;
  /** Parquet: total rows from the file's metadata. */
  readonly totalRows?: number;
}

export interface ImportOptions {
  readonly timeframe?: Timeframe;
  /** Symbol for files without a symbol column (and for rows whose symbol cell is empty). */
  readonly symbol?: string;
  /** Default: by file extension (.parquet/.pq → parquet, anything else → csv). */
  readonly format?: ImportFormat;
  readonly progress?: (progress: ImportProgress) => void;
}

export interface ImportedSeries {
  readonly symbol: string;
  readonly rows: number;
  readonly from: EpochMs;
  readonly to: EpochMs;
}

export interface ImportSummary {
  readonly file: string;
  readonly format: ImportFormat;
  readonly timeframe: Timeframe;
  readonly rows: number;
  readonly symbols: readonly ImportedSeries[];
  readonly from: EpochMs;
  readonly to: EpochMs;
  readonly warnings: readonly string[];
  readonly durationMs: number;
}

export type ImportFailure =
  | { readonly code: 'FILE_NOT_FOUND'; readonly file: string }
  | { readonly code: 'EMPTY_FILE'; readonly file: string }
  | { readonly code: 'UNREADABLE_FILE'; readonly file: string; readonly message: string }
  | { readonly code: 'MISSING_COLUMNS'; readonly file: string; readonly missing: readonly string[]; readonly header: readonly string[] }
  | { readonly code: 'NO_ROWS'; readonly file: string }
  | {
      readonly code: 'BAD_ROWS';
      readonly file: string;
      /** `line` in RowError is a CSV line (header = 1) or a Parquet row (first data row = 1). */
      readonly location: 'line' | 'row';
      /** Sorted by line; at most MAX_REPORTED_ROW_ERRORS. */
      readonly errors: readonly RowError[];
      readonly totalErrors: number;
      readonly rows: number;
    };
