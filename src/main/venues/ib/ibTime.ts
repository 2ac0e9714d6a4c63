// TWS date/time spellings: execution times (in the TWS session's zone unless they name one), the handshake's connection time, bar dates in, execution-filter times out (always UTC).
import { err, ok, type Result } from '../../../core/model/result';
import { describeZoneError, resolveIbZone, UTC_ZONE, wallTimeToUtc, type IbZone, type IbZoneError } from './ibTimeZones';

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

/** Why a time was read as UTC although it may not be: it can be off by the zone's offset. */
export type IbTimeProblem = IbZoneError | { readonly code: 'NO_SESSION_TIME_ZONE'; readonly connectionTime: string | null };

/** The zone of the TWS session (from its connection time), or why there is none. */
export type IbSessionZone = Result<IbZone, IbTimeProblem>;

export interface IbTimeReading {
  readonly ms: number;
  /** The zone the wall time was read in: the one the text names, else the session's; "UTC" on a fallback. */
  readonly zone: string;
  /** Set when the time was read as UTC only because its zone is unknown: the fill time may be wrong. */
  readonly fallback: IbTimeProblem | null;
}

interface WallTime {
  /** The local date and time, as if it were UTC. */
  readonly wall: number;
  readonly zone: string | undefined;
}

/** "yyyymmdd hh:mm:ss [zone]" (one or two spaces), "yyyymmdd-hh:mm:ss" or "yyyymmdd"; the zone may have spaces ("British Summer Time"). */
function splitWallTime(text: string): WallTime | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:[ -]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s+(\S.*?))?\s*$/.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [h, min, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || day > 31 || h > 23 || min > 59 || s > 59) return undefined;
  return { wall: Date.UTC(year, month - 1, day, h, min, s), zone: m[7] };
}

/** The session's zone from the handshake's connection time ("20250415 19:38:30 British Summer Time", "20240102 09:30:00 EST"). */
export function sessionZoneOf(connectionTime: string | undefined): IbSessionZone {
  const parsed = connectionTime === undefined ? undefined : splitWallTime(connectionTime);
  if (!parsed?.zone) return err({ code: 'NO_SESSION_TIME_ZONE', connectionTime: connectionTime ?? null });
  return resolveIbZone(parsed.zone, parsed.wall);
}

/**
 * Reads an execution time. A zone in the text wins; a zone-less time is TWS local time, read in
 * the session's zone. When the zone is unknown the time is read as UTC and `fallback` says why,
 * so the caller can report it: never a silently shifted time.
 */
export function readIbTime(text: string | undefined, session: IbSessionZone): IbTimeReading | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (/^\d{9,11}$/.test(t)) return { ms: Number(t) * 1000, zone: 'UTC', fallback: null };
  const parsed = splitWallTime(t);
  if (!parsed) return undefined;
  const zone: IbSessionZone = parsed.zone === undefined ? session : resolveIbZone(parsed.zone);
  if (!zone.ok) return { ms: parsed.wall, zone: 'UTC', fallback: zone.error };
  return { ms: wallTimeToUtc(parsed.wall, zone.value), zone: zone.value.id, fallback: null };
}

/** Bar dates and other times TWS sends in UTC or with a zone; undefined when unreadable or the zone is unknown. */
export function parseIbTime(text: string | undefined): number | undefined {
  const reading = readIbTime(text, ok(UTC_ZONE));
  return reading && reading.fallback === null ? reading.ms : undefined;
}

export function describeTimeProblem(p: IbTimeProblem): string {
  return p.code === 'NO_SESSION_TIME_ZONE' ? `the TWS session named no time zone (connection time ${JSON.stringify(p.connectionTime)})` : describeZoneError(p);
}
