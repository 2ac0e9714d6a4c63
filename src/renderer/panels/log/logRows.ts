// The log's rows: backend log entries, the workspace's notifications and order events in one time-ordered list,
// with the filters (level, kind, symbol, text) and the CSV export the log panel offers.
import type { LogEntry } from '../../../shared/contracts/system';
import { describeAuditEvent, type AuditEvent } from './auditSource';

export type LogLevel = LogEntry['level'];

export interface LogRow {
  /** Stable across re-derivations, so React keys and de-duplication hold. */
  readonly key: string;
  readonly time: number;
  readonly level: LogLevel;
  /** `system` for log entries and notifications; the event kind (`new`, `ack`, `fill`, …) for order events. */
  readonly kind: string;
  readonly source: string;
  readonly symbol: string | null;
  readonly clientOrderId: string | null;
  /** The journal's sequence number, when the row is a journaled event. */
  readonly seq: number | null;
  readonly message: string;
}

export const systemRow = (e: LogEntry): LogRow => ({
  key: `log|${e.time}|${e.source}|${e.message}`,
  time: e.time,
  level: e.level,
  kind: 'system',
  source: e.source,
  symbol: null,
  clientOrderId: null,
  seq: null,
  message: e.message,
});

const WARN_KINDS = new Set(['cancel-request', 'modify-request', 'expire', 'unknown']);

export const auditRow = (e: AuditEvent): LogRow => ({
  key: e.seq !== null ? `seq|${e.seq}` : `order|${e.clientOrderId}|${e.kind}|${e.time}|${e.quantity ?? ''}|${e.price ?? ''}`,
  time: e.time,
  level: e.kind === 'reject' ? 'error' : WARN_KINDS.has(e.kind) ? 'warn' : 'info',
  kind: e.kind,
  source: 'orders',
  symbol: e.symbol ?? null,
  clientOrderId: e.clientOrderId,
  seq: e.seq,
  message: describeAuditEvent(e),
});

/** Every row once (the log snapshot and its stream overlap), in time order; the sort is stable for equal times. */
export function mergeRows(...lists: readonly (readonly LogRow[])[]): LogRow[] {
  const seen = new Set<string>();
  const out: LogRow[] = [];
  for (const list of lists)
    for (const row of list) {
      if (seen.has(row.key)) continue;
      seen.add(row.key);
      out.push(row);
    }
  return out.sort((a, b) => a.time - b.time);
}

export interface LogFilter {
  /** The least severe level shown. */
  readonly level: LogLevel;
  /** `all`, `system`, `orders` (every order event) or one event kind. */
  readonly kind: string;
  /** Upper-case symbol, or '' for any. */
  readonly symbol: string;
  /** Case-insensitive words, each found in the message, source, id or kind. */
  readonly text: string;
}

export const NO_FILTER: LogFilter = { level: 'debug', kind: 'all', symbol: '', text: '' };
const RANK: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 };

const matchesAll = (haystack: string, words: readonly string[]) => words.every((w) => haystack.includes(w));

export function filterRows(rows: readonly LogRow[], f: LogFilter): LogRow[] {
  // Every word must appear (in any order): `cancel NVTX` finds NVTX's cancels.
  const words = f.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const symbol = f.symbol.trim().toUpperCase();
  return rows.filter(
    (r) =>
      RANK[r.level] >= RANK[f.level] &&
      (f.kind === 'all' || (f.kind === 'orders' ? r.kind !== 'system' : r.kind === f.kind)) &&
      (symbol === '' || r.symbol === symbol) &&
      (words.length === 0 || matchesAll(`${r.message} ${r.source} ${r.clientOrderId ?? ''} ${r.kind}`.toLowerCase(), words)),
  );
}

const CSV_COLUMNS = ['time_utc', 'time_ms', 'level', 'kind', 'source', 'symbol', 'client_order_id', 'seq', 'message'] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. A leading =+-@ is neutralized so a spreadsheet does not run it. */
function csvField(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The rows as CSV with the original times (ISO UTC and epoch ms), one header line, CRLF line ends. */
export function rowsToCsv(rows: readonly LogRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    const fields = [new Date(r.time).toISOString(), String(r.time), r.level, r.kind, r.source, r.symbol ?? '', r.clientOrderId ?? '', r.seq === null ? '' : String(r.seq), r.message];
    lines.push(fields.map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
