// Owns the date/time spellings TWS uses on the wire (exec times, bar dates, filters), all in UTC in the fake.

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** "20240102" */
export function formatYmd(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
}

/** "20240102 14:30:00" */
export function formatYmdHms(ms: number): string {
  const d = new Date(ms);
  return `${formatYmd(ms)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** "20240102 14:30:00 UTC": the zone-suffixed form recent gateways use for exec times and bar dates. */
export function formatIbDateTime(ms: number): string {
  return `${formatYmdHms(ms)} UTC`;
}

/**
 * Parses "yyyymmdd hh:mm:ss", "yyyymmdd-hh:mm:ss" or "yyyymmdd", with an optional trailing zone id.
 * The fake keeps one clock, UTC, and reads every zone as UTC (documented limitation).
 */
export function parseIbDateTime(text: string): number | undefined {
  const m = /^\s*(\d{4})(\d{2})(\d{2})(?:[ -]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s+\S+)?\s*$/.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [h, min, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || day > 31 || h > 23 || min > 59 || s > 59) return undefined;
  return Date.UTC(year, month - 1, day, h, min, s);
}
