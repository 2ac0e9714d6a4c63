// Imports a CSV or Parquet file of bars into the market store: validate every row first, then write all in one transaction.
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { err, ok, type Result } from '../../../../core/model/result';
import type { MarketStore } from '../marketStore';
import { BarRowCollector, type CollectedSeries } from './barRowCollector';
import { readCsvBars } from './csvReader';
import type { ImportFailure, ImportFormat, ImportOptions, ImportSummary } from './importTypes';
import { readParquetBars } from './parquetReader';

export function formatOf(file: string): ImportFormat {
  const ext = extname(file).toLowerCase();
  return ext === '.parquet' || ext === '.pq' ? 'parquet' : 'csv';
}

/**
 * Reads the whole file, validating every row (line numbers kept), and only if every row is sound
 * upserts all symbols' bars inside one transaction, so a failed import commits nothing and a
 * re-import of the same file overwrites the same bars. Bad files are a Result; only bugs and
 * database failures throw.
 */
export async function importBarsFile(
  store: MarketStore,
  file: string,
  options: ImportOptions = {},
): Promise<Result<ImportSummary, ImportFailure>> {
  const started = performance.now();
  const timeframe = options.timeframe ?? '1D';
  const format = options.format ?? formatOf(file);
  const progress = options.progress ?? (() => undefined);
  try {
    const info = await stat(file);
    if (!info.isFile()) return err({ code: 'UNREADABLE_FILE', file, message: 'not a regular file' });
    if (info.size === 0) return err({ code: 'EMPTY_FILE', file });
  } catch {
    return err({ code: 'FILE_NOT_FOUND', file });
  }
  const collector = new BarRowCollector(options.symbol);
  let read;
  try {
    read =
      format === 'csv'
        ? await readCsvBars(file, collector, progress)
        : await store.exclusive((connection) => readParquetBars(connection, file, collector, progress));
  } catch (error) {
    return err({ code: 'UNREADABLE_FILE', file, message: error instanceof Error ? error.message : String(error) });
  }
  if (!read.ok) {
    return read.error.code === 'EMPTY_FILE' ? err({ code: 'EMPTY_FILE', file }) : err({ ...read.error, file });
  }
  progress({ phase: 'validate', rows: collector.rows });
  const series = collector.finish();
  if (collector.totalErrors > 0) {
    const errors = [...collector.errors].sort((a, b) => a.line - b.line);
    return err({
      code: 'BAD_ROWS',
      file,
      location: format === 'csv' ? 'line' : 'row',
      errors,
      totalErrors: collector.totalErrors,
      rows: collector.rows,
    });
  }
  const rows = series.reduce((sum, s) => sum + s.bars.time.length, 0);
  if (rows === 0) return err({ code: 'NO_ROWS', file });
  await store.write((writer) =>
    writer.writeBarBatches(
      series.map((s) => ({ symbol: s.symbol, timeframe, bars: s.bars })),
      'upsert',
      (written) => progress({ phase: 'write', rows: written }),
    ),
  );
  const warnings: string[] = [];
  if (read.mapping.volume === undefined) warnings.push('no volume column: volumes stored as 0');
  return ok(summarize(file, format, timeframe, series, rows, warnings, performance.now() - started));
}

function summarize(
  file: string,
  format: ImportFormat,
  timeframe: ImportSummary['timeframe'],
  series: readonly CollectedSeries[],
  rows: number,
  warnings: string[],
  durationMs: number,
): ImportSummary {
  const symbols = series.map((s) => ({
    symbol: s.symbol,
    rows: s.bars.time.length,
    from: s.bars.time[0] as number,
    to: s.bars.time[s.bars.time.length - 1] as number,
  }));
  return {
    file,
    format,
    timeframe,
    rows,
    symbols,
    from: Math.min(...symbols.map((s) => s.from)),
    to: Math.max(...symbols.map((s) => s.to)),
    warnings,
    durationMs,
  };
}
