// TWS date/time spellings: execution times and bar dates in, execution-filter times out (always UTC).

const pad = (n: number): string => String(n).padStart(2, '0');

/** "yyyymmdd-hh:mm:ss", which TWS reads as UTC in an execution filter. */
export function formatExecutionFilterTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** "yyyymmdd hh:mm:ss UTC" for historical-data end times. */
export function formatUtcDateTime(ms: number): string {
  return `${formatExecutionFilterTime(ms).replace('-', ' ')} UTC`;
}

/** Offset of an IANA zone from UTC at `utcMs`, in ms (Intl knows the rules; we need no tz database). */
function zoneOffsetMs(zone: string, utcMs: number): number | undefined {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(utcMs));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    return Number.isFinite(asUtc) ? asUtc - utcMs : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Parses "yyyymmdd hh:mm:ss [zone]", "yyyymmdd-hh:mm:ss", "yyyymmdd" or epoch seconds. A zone
 * name is honoured (UTC, GMT, or any IANA id such as US/Eastern); without one the time is UTC.
 */
export function parseIbTime(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (/^\d{9,11}$/.test(t)) return Number(t) * 1000;
  const m = /^(\d{4})(\d{2})(\d{2})(?:[ -]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s+(\S+))?$/.exec(t);
  if (!m) return undefined;
  const local = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  if (!Number.isFinite(local)) return undefined;
  const zone = m[7];
  if (zone === undefined || zone === 'UTC' || zone === 'GMT') return local;
  const offset = zoneOffsetMs(zone, local);
  if (offset === undefined) return undefined;
  // One correction step handles the hour around a DST change well enough for fills.
  return local - (zoneOffsetMs(zone, local - offset) ?? offset);
}
