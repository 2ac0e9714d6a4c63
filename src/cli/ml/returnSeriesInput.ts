// Where `nautilus ml` models get their returns: a CSV of date,ret as given, or a stored symbol's daily closes.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { percentLogReturns } from '../../core/ml/returnSeries';
import { err, ok, type Result } from '../../core/model/result';
import { defaultDataDir } from '../../main/dataDir';
import { parseNumberCell, parseTimestampCell } from '../../main/storage/market/import/cellParsing';
import { detectDelimiter, splitCsvLine } from '../../main/storage/market/import/csvReader';
import { MarketStore } from '../../main/storage/market/marketStore';
import { DUCKDB_FILE } from '../../main/workstation';

export const RETURN_COLUMNS = ['ret', 'return', 'returns', 'r', 'log_return', 'logret'];
const DATE_COLUMNS = ['date', 'time', 'datetime', 'timestamp', 'ts'];

export interface ReturnSeries {
  readonly returns: Float64Array;
  /** Epoch ms of each return's day, when the source has dates. */
  readonly times?: Float64Array;
  /** What the series is, for messages: the file or the symbol. */
  readonly source: string;
  /** 1-based file line of each return (CSV input only), so a model's index error can name the line. */
  readonly lines?: readonly number[];
}

export interface ReturnSeriesRequest {
  readonly symbol?: string;
  readonly input?: string;
  readonly dataDir?: string;
}

/** Exactly one of --symbol and --input; errors are one line each, naming the file and line or the symbol. */
export async function loadReturnSeries(request: ReturnSeriesRequest): Promise<Result<ReturnSeries, string>> {
  if ((request.symbol === undefined) === (request.input === undefined)) return err('give exactly one of --symbol and --input');
  if (request.input !== undefined) return readReturnsCsv(request.input);
  return readStoredReturns(request.symbol!, request.dataDir);
}

export function readReturnsCsv(path: string): Result<ReturnSeries, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return err(`cannot read ${path}: ${(e as Error).message}`);
  }
  const raw = text.split(/\r?\n/);
  const headerAt = raw.findIndex((l) => l.trim() !== '');
  if (headerAt < 0) return err(`${path}: the file is empty`);
  const headerText = raw[headerAt]!.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(headerText);
  const header = splitCsvLine(headerText, delimiter).map((h) => h.trim().toLowerCase());
  const retAt = header.findIndex((h) => RETURN_COLUMNS.includes(h));
  if (retAt < 0) return err(`${path}:${headerAt + 1}: no return column in the header (accepted names: ${RETURN_COLUMNS.join(', ')})`);
  const dateAt = header.findIndex((h) => DATE_COLUMNS.includes(h));
  const returns: number[] = [];
  const times: number[] = [];
  const lines: number[] = [];
  for (let ln = headerAt + 1; ln < raw.length; ln++) {
    if (raw[ln]!.trim() === '') continue;
    const fields = splitCsvLine(raw[ln]!, delimiter).map((f) => f.trim());
    const cell = fields[retAt] ?? '';
    const value = parseNumberCell(cell);
    if (!value.ok) return err(`${path}:${ln + 1}: column ${header[retAt]}: '${cell}' is not a finite number (${value.reason})`);
    if (dateAt >= 0) {
      const dateCell = fields[dateAt] ?? '';
      const time = parseTimestampCell(dateCell);
      if (!time.ok) return err(`${path}:${ln + 1}: column ${header[dateAt]}: '${dateCell}' is not a date (ISO 8601, YYYYMMDD or epoch)`);
      if (times.length > 0 && time.value <= times[times.length - 1]!) return err(`${path}:${ln + 1}: dates must increase, '${dateCell}' does not follow the line before`);
      times.push(time.value);
    }
    returns.push(value.value);
    lines.push(ln + 1);
  }
  return ok({ returns: Float64Array.from(returns), ...(dateAt >= 0 ? { times: Float64Array.from(times) } : {}), source: path, lines });
}

async function readStoredReturns(symbol: string, dataDir: string | undefined): Promise<Result<ReturnSeries, string>> {
  const file = join(resolve(dataDir ?? defaultDataDir()), DUCKDB_FILE);
  // Opening a missing DuckDB file would create one: a read must not leave a store behind.
  if (!existsSync(file)) return err(`no market store at ${file} (import bars first, or give --data-dir)`);
  let store: MarketStore;
  try {
    store = await MarketStore.open(file);
  } catch (e) {
    return err(`cannot open the market store ${file}: ${(e as Error).message}`);
  }
  try {
    const bars = await store.readBars(symbol, '1D');
    if (bars.close.length === 0) return err(`no daily bars stored for ${symbol} in ${file}`);
    const returns = percentLogReturns(bars.close);
    if (!returns.ok) return err(`${symbol}: ${returns.error.message}`);
    return ok({ returns: returns.value, times: bars.time.slice(1), source: symbol });
  } finally {
    store.close();
  }
}
