// Maps an imported file's header names to bar fields (time or date+time, open, high, low, close, volume, symbol).

export interface ColumnMapping {
  /** A full timestamp column, or the date part when `timeOfDay` is set. */
  readonly time: number;
  /** A separate time-of-day column combined with `time` (e.g. Stooq's <DATE>,<TIME>). */
  readonly timeOfDay?: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** Absent: volumes import as 0 (reported as a warning). */
  readonly volume?: number;
  readonly symbol?: number;
}

export type HeaderError = { readonly code: 'MISSING_COLUMNS'; readonly missing: readonly string[]; readonly header: readonly string[] };

const ALIASES = {
  timestamp: ['timestamp', 'datetime', 'date_time', 'ts', 'time_utc', 'timestamp_utc', 'open_time', 'bar_time'],
  date: ['date', 'day', 'trade_date'],
  time: ['time'],
  open: ['open', 'o', 'open_price'],
  high: ['high', 'h', 'high_price'],
  low: ['low', 'l', 'low_price'],
  close: ['close', 'c', 'close_price', 'last'],
  volume: ['volume', 'vol', 'v', 'qty', 'quantity'],
  symbol: ['symbol', 'ticker', 'sym', 'instrument', 'code'],
} as const;

/** `<CLOSE>`, `"Close"`, ` close ` and `Close Price` all normalize to comparable names. */
export function normalizeHeader(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/^["'<]+|[">']+$/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s.-]+/g, '_');
}

export function mapColumns(header: readonly string[]): { ok: true; value: ColumnMapping } | { ok: false; error: HeaderError } {
  const names = header.map(normalizeHeader);
  const find = (aliases: readonly string[]): number | undefined => {
    for (const alias of aliases) {
      const index = names.indexOf(alias);
      if (index >= 0) return index;
    }
    return undefined;
  };
  const timestamp = find(ALIASES.timestamp);
  const date = find(ALIASES.date);
  const time = find(ALIASES.time);
  const open = find(ALIASES.open);
  const high = find(ALIASES.high);
  const low = find(ALIASES.low);
  const close = find(ALIASES.close);
  let timeColumn: number | undefined;
  let timeOfDay: number | undefined;
  if (timestamp !== undefined) timeColumn = timestamp;
  else if (date !== undefined && time !== undefined) {
    timeColumn = date;
    timeOfDay = time;
  } else timeColumn = date ?? time;
  const missing: string[] = [];
  if (timeColumn === undefined) missing.push('date/time/timestamp');
  if (open === undefined) missing.push('open');
  if (high === undefined) missing.push('high');
  if (low === undefined) missing.push('low');
  if (close === undefined) missing.push('close');
  if (timeColumn === undefined || open === undefined || high === undefined || low === undefined || close === undefined) {
    return { ok: false, error: { code: 'MISSING_COLUMNS', missing, header } };
  }
  return {
    ok: true,
    value: { time: timeColumn, timeOfDay, open, high, low, close, volume: find(ALIASES.volume), symbol: find(ALIASES.symbol) },
  };
}
