// Parses imported cells: numbers (rejecting text and non-finite values) and timestamps (ISO dates or epoch s/ms/µs/ns).
import type { BarRejection } from '../barValidation';

export type Cell = string | number | null | undefined;

export type Parsed = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly reason: BarRejection };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NOT_FINITE = /^[+-]?(inf|infinity|nan)$/i;

export function parseNumberCell(cell: Cell): Parsed {
  if (cell === null || cell === undefined) return { ok: false, reason: 'MISSING_VALUE' };
  if (typeof cell === 'number') return Number.isFinite(cell) ? { ok: true, value: cell } : { ok: false, reason: 'NON_FINITE' };
  const text = cell.trim();
  if (text === '') return { ok: false, reason: 'MISSING_VALUE' };
  if (NUMBER.test(text)) {
    const value = Number(text);
    return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: 'NON_FINITE' };
  }
  return { ok: false, reason: NOT_FINITE.test(text) ? 'NON_FINITE' : 'NON_NUMERIC' };
}

/**
 * Epoch numbers by magnitude: below 1e11 seconds (until year 5138), below 1e14 milliseconds,
 * below 1e17 microseconds, else nanoseconds. Returns epoch ms.
 */
export function epochToMs(value: number): number {
  const magnitude = Math.abs(value);
  if (magnitude < 1e11) return Math.round(value * 1000);
  if (magnitude < 1e14) return Math.round(value);
  if (magnitude < 1e17) return Math.round(value / 1000);
  return Math.round(value / 1e6);
}

const ISO =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const EPOCH = /^[+-]?\d+(\.\d+)?$/;

function fromParts(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const time = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(time);
  // Date.UTC rolls 2024-02-31 over to March; a real date survives the round trip.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  return time;
}

/**
 * Timestamps: `YYYY-MM-DD` (00:00 UTC), `YYYY-MM-DD[T ]HH:MM[:SS[.fff]]` with an optional `Z` or
 * `±HH[:MM]` zone (no zone = UTC), `YYYYMMDD`, or an epoch number (see epochToMs).
 */
export function parseTimestampCell(cell: Cell): Parsed {
  if (cell === null || cell === undefined) return { ok: false, reason: 'MISSING_VALUE' };
  if (typeof cell === 'number') return Number.isFinite(cell) ? { ok: true, value: epochToMs(cell) } : { ok: false, reason: 'UNPARSEABLE_DATE' };
  const text = cell.trim();
  if (text === '') return { ok: false, reason: 'MISSING_VALUE' };
  const compact = COMPACT_DATE.exec(text);
  if (compact) {
    const time = fromParts(Number(compact[1]), Number(compact[2]), Number(compact[3]));
    if (time !== undefined && Number(compact[1]) >= 1900) return { ok: true, value: time };
  }
  if (EPOCH.test(text)) {
    const value = Number(text);
    return Number.isFinite(value) ? { ok: true, value: epochToMs(value) } : { ok: false, reason: 'UNPARSEABLE_DATE' };
  }
  const iso = ISO.exec(text);
  if (!iso) return { ok: false, reason: 'UNPARSEABLE_DATE' };
  const [, y, mo, d, h, mi, s, frac, zone] = iso;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  const time = fromParts(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), ms);
  if (time === undefined) return { ok: false, reason: 'UNPARSEABLE_DATE' };
  if (!zone || zone.toUpperCase() === 'Z') return { ok: true, value: time };
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return { ok: true, value: time - sign * offsetMinutes * 60_000 };
}

/** A separate time-of-day column (`HH:MM[:SS]` or `HHMMSS`) as ms after midnight. */
export function parseTimeOfDay(text: string): number | undefined {
  const trimmed = text.trim();
  const colon = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(trimmed);
  const compact = /^(\d{2})(\d{2})(\d{2})?$/.exec(trimmed);
  const parts = colon ?? compact;
  if (!parts) return undefined;
  const h = Number(parts[1]);
  const m = Number(parts[2]);
  const s = Number(parts[3] ?? 0);
  if (h > 23 || m > 59 || s > 59) return undefined;
  return ((h * 60 + m) * 60 + s) * 1000 + (colon && colon[4] ? Number(colon[4].padEnd(3, '0')) : 0);
}
