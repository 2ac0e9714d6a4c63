// `nautilus import`: loads a CSV or Parquet file of bars into the market store, all rows or none.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TIMEFRAME_MS, type Timeframe } from '../../core/model/marketData';
import { defaultDataDir } from '../../main/dataDir';
import { MarketStore, importBarsFile, type ImportFailure, type ImportProgress, type ImportSummary } from '../../main/storage/market';
import { parseCommandArgs } from '../args';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand, type CliIO } from '../command';

const usage = `nautilus import <file> [--symbol S] [--timeframe 1D] [--data-dir DIR] [--json]

Imports bars from a CSV or Parquet (.parquet/.pq) file into <data-dir>/market.duckdb.
Columns are found by header: date/time/timestamp (or date + time), open, high, low, close,
volume (optional), symbol (optional). Dates are ISO 8601 (no zone = UTC) or epoch s/ms.
Every row is checked first; one bad row and nothing is imported. Bars already stored for the
same symbol, timeframe and time are overwritten, so re-importing a file is safe.
  --symbol      symbol for a file without a symbol column (required then)
  --timeframe   ${Object.keys(TIMEFRAME_MS).join(', ')} (default 1D)
  --data-dir    where the market store lives (default: ${defaultDataDir()})
  --json        print the summary, or the errors, as JSON on stdout
Exit codes: 0 imported, 2 bad usage or a bad file (nothing imported), 1 store failure.`;

const MAX_PRINTED_ERRORS = 50;
const iso = (time: number): string => new Date(time).toISOString();

function describeFailure(failure: ImportFailure): string[] {
  switch (failure.code) {
    case 'FILE_NOT_FOUND':
      return [`${failure.file}: no such file`];
    case 'EMPTY_FILE':
      return [`${failure.file}: the file is empty`];
    case 'UNREADABLE_FILE':
      return [`${failure.file}: cannot read it: ${failure.message}`];
    case 'MISSING_COLUMNS':
      return [`${failure.file}: missing column(s) ${failure.missing.join(', ')} (header: ${failure.header.join(', ')})`];
    case 'NO_ROWS':
      return [`${failure.file}: no data rows`];
    case 'BAD_ROWS': {
      const lines = failure.errors
        .slice(0, MAX_PRINTED_ERRORS)
        .map((e) => `${failure.file}:${failure.location} ${e.line}: ${e.reason}: ${e.message}`);
      if (failure.totalErrors > lines.length) lines.push(`… and ${failure.totalErrors - lines.length} more bad rows`);
      lines.push(`${failure.totalErrors} bad row(s) of ${failure.rows}; nothing was imported`);
      return lines;
    }
    default: {
      const unhandled: never = failure;
      throw new Error(`unhandled import failure ${JSON.stringify(unhandled)}`);
    }
  }
}

function describeSummary(summary: ImportSummary): string[] {
  const lines = [
    `imported ${summary.rows} ${summary.timeframe} bars for ${summary.symbols.length} symbol(s) from ${summary.file} in ${Math.round(summary.durationMs)} ms`,
    `  time range ${iso(summary.from)} … ${iso(summary.to)}`,
    ...summary.symbols.map((s) => `  ${s.symbol.padEnd(10)} ${String(s.rows).padStart(9)} bars  ${iso(s.from)} … ${iso(s.to)}`),
  ];
  return [...lines, ...summary.warnings.map((w) => `warning: ${w}`)];
}

function progressPrinter(io: CliIO): (progress: ImportProgress) => void {
  // -Infinity: the first progress line always prints, however young the process (performance.now starts near 0).
  let lastPrinted = -Infinity;
  return (p) => {
    const now = performance.now();
    if (now - lastPrinted < 500 && p.phase === 'read') return;
    lastPrinted = now;
    const of =
      p.totalBytes !== undefined
        ? ` (${(((p.bytesRead ?? 0) / Math.max(1, p.totalBytes)) * 100).toFixed(0)}% of ${(p.totalBytes / 1e6).toFixed(1)} MB)`
        : p.totalRows !== undefined
          ? ` of ${p.totalRows}`
          : '';
    io.err(`${p.phase}: ${p.rows} rows${of}\n`);
  };
}

export async function runImport(argv: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(
    argv,
    {
      symbol: { type: 'string' },
      timeframe: { type: 'string' },
      'data-dir': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (!parsed.ok) return io.err(`nautilus import: ${parsed.error}\n\n${usage}\n`), EXIT_USAGE;
  const { values, positionals } = parsed.value;
  if (values.help) return io.out(`${usage}\n`), EXIT_OK;
  if (positionals.length !== 1) return io.err(`nautilus import: expected one file, got ${positionals.length}\n\n${usage}\n`), EXIT_USAGE;
  const timeframe = (values.timeframe as string | undefined) ?? '1D';
  if (!Object.hasOwn(TIMEFRAME_MS, timeframe)) {
    return io.err(`nautilus import: --timeframe must be one of ${Object.keys(TIMEFRAME_MS).join(', ')}, got "${timeframe}"\n`), EXIT_USAGE;
  }
  const file = resolve(positionals[0] as string);
  const dataDir = resolve((values['data-dir'] as string | undefined) ?? defaultDataDir());
  const json = values.json === true;

  let store: MarketStore;
  try {
    mkdirSync(dataDir, { recursive: true });
    store = await MarketStore.open(join(dataDir, 'market.duckdb'));
  } catch (error) {
    io.err(`nautilus import: cannot open the market store in ${dataDir}: ${(error as Error).message}\n`);
    return EXIT_FAILURE;
  }
  try {
    const result = await importBarsFile(store, file, {
      timeframe: timeframe as Timeframe,
      symbol: values.symbol as string | undefined,
      progress: progressPrinter(io),
    });
    if (!result.ok) {
      if (json) io.out(`${JSON.stringify({ ok: false, error: result.error }, null, 2)}\n`);
      for (const line of describeFailure(result.error)) io.err(`${line}\n`);
      return EXIT_USAGE;
    }
    if (json) io.out(`${JSON.stringify({ ok: true, ...result.value, dataDir }, null, 2)}\n`);
    else io.out(`${describeSummary(result.value).join('\n')}\n`);
    return EXIT_OK;
  } catch (error) {
    io.err(`nautilus import: the store failed, nothing was imported: ${(error as Error).message}\n`);
    return EXIT_FAILURE;
  } finally {
    store.close();
  }
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import bars from a CSV or Parquet file into the market store',
  usage,
  run: runImport,
};
