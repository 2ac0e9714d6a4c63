// Owns the date/time spellings TWS uses on the wire (exec times, bar dates, filters): UTC, or the session's own zone for the handshake and exec times.

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

/** How the fake's TWS session tells time: its zone, how the handshake names it, how execution times are written. */
export interface TwsTimeStyle {
  /** IANA id of the session's zone. */
  readonly zone: string;
  /** 'iana': "Europe/London"; 'long': Java's display name for the date, "British Summer Time", as TWS 10 prints it. */
  readonly zoneName: 'iana' | 'long';
  /** 'zoned': "20240102 14:30:00 <zone>"; 'local': "20240102  14:30:00", local time without a zone (two spaces), as in the real captures. */
  readonly executionTimes: 'zoned' | 'local';
}

export const UTC_TIME_STYLE: TwsTimeStyle = { zone: 'UTC', zoneName: 'iana', executionTimes: 'zoned' };

/** The wall time in `zone` as "yyyymmdd hh:mm:ss" (joined by `sep`), and the zone's long name then. */
function wallTimeIn(ms: number, zone: string, sep = ' '): { text: string; longName: string } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'long' }).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { text: `${get('year')}${get('month')}${get('day')}${sep}${get('hour')}:${get('minute')}:${get('second')}`, longName: get('timeZoneName') };
}

/** The handshake's connection time: "20250415 19:38:30 British Summer Time" or "20250415 19:38:30 Europe/London". */
export function connectionTimeText(ms: number, style: TwsTimeStyle): string {
  if (style.zone === 'UTC') return formatIbDateTime(ms);
  const { text, longName } = wallTimeIn(ms, style.zone);
  return `${text} ${style.zoneName === 'long' ? longName : style.zone}`;
}

export function executionTimeText(ms: number, style: TwsTimeStyle): string {
  if (style.executionTimes === 'local') return wallTimeIn(ms, style.zone, '  ').text;
  return style.zone === 'UTC' ? formatIbDateTime(ms) : `${wallTimeIn(ms, style.zone).text} ${style.zone}`;
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
