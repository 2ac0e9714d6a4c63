// Time zones as TWS names them (IANA ids, Java's short and long display names, GMT±hh:mm) resolved for Intl, and local wall time → UTC, DST-correct.
import { err, ok, type Result } from '../../../core/model/result';

/** A zone with rules (DST included), or a fixed offset from UTC. */
export type IbZone = { readonly kind: 'REGION'; readonly id: string } | { readonly kind: 'FIXED'; readonly id: string; readonly offsetMinutes: number };

export type IbZoneError =
  | { readonly code: 'UNKNOWN_TIME_ZONE'; readonly zone: string }
  | { readonly code: 'AMBIGUOUS_TIME_ZONE'; readonly zone: string; readonly candidates: readonly string[] };

export const UTC_ZONE: IbZone = { kind: 'FIXED', id: 'UTC', offsetMinutes: 0 };

/**
 * Names TWS prints that are not IANA ids (Java's short and long display names): the region that uses
 * the name and the offset it stands for. Java prints the offset in force, so "EST" in July is not
 * New York (whose summer name is EDT) but a zone fixed at −05:00; see resolveIbZone.
 */
const LABELS: ReadonlyArray<readonly [names: readonly string[], region: string, offsetMinutes: number]> = [
  [['UTC', 'UCT', 'Z', 'Coordinated Universal Time', 'Universal Time'], 'UTC', 0],
  // A TWS set to GMT says "GMT" all year; a London one says it only in winter (region check decides).
  [['GMT', 'Greenwich Mean Time'], 'Europe/London', 0],
  [['BST', 'British Summer Time'], 'Europe/London', 60],
  [['WET', 'Western European Time', 'Western European Standard Time'], 'Europe/Lisbon', 0],
  [['WEST', 'Western European Summer Time'], 'Europe/Lisbon', 60],
  [['CET', 'Central European Time', 'Central European Standard Time'], 'Europe/Berlin', 60],
  [['CEST', 'Central European Summer Time'], 'Europe/Berlin', 120],
  [['EET', 'Eastern European Time', 'Eastern European Standard Time'], 'Europe/Athens', 120],
  [['EEST', 'Eastern European Summer Time'], 'Europe/Athens', 180],
  [['MSK', 'Moscow Standard Time'], 'Europe/Moscow', 180],
  [['EST', 'Eastern Standard Time'], 'America/New_York', -300],
  [['EDT', 'Eastern Daylight Time'], 'America/New_York', -240],
  [['CST', 'Central Standard Time'], 'America/Chicago', -360],
  [['CDT', 'Central Daylight Time'], 'America/Chicago', -300],
  [['MST', 'Mountain Standard Time'], 'America/Denver', -420],
  [['MDT', 'Mountain Daylight Time'], 'America/Denver', -360],
  [['PST', 'Pacific Standard Time'], 'America/Los_Angeles', -480],
  [['PDT', 'Pacific Daylight Time'], 'America/Los_Angeles', -420],
  [['AKST', 'Alaska Standard Time'], 'America/Anchorage', -540],
  [['AKDT', 'Alaska Daylight Time'], 'America/Anchorage', -480],
  [['HST', 'Hawaii Standard Time', 'Hawaii-Aleutian Standard Time'], 'Pacific/Honolulu', -600],
  [['AST', 'Atlantic Standard Time'], 'America/Halifax', -240],
  [['ADT', 'Atlantic Daylight Time'], 'America/Halifax', -180],
  [['JST', 'Japan Standard Time'], 'Asia/Tokyo', 540],
  [['KST', 'Korean Standard Time', 'Korea Standard Time'], 'Asia/Seoul', 540],
  [['HKT', 'Hong Kong Time', 'Hong Kong Standard Time'], 'Asia/Hong_Kong', 480],
  [['SGT', 'Singapore Time', 'Singapore Standard Time'], 'Asia/Singapore', 480],
  [['China Standard Time'], 'Asia/Shanghai', 480],
  [['India Standard Time'], 'Asia/Kolkata', 330],
  [['AEST', 'Australian Eastern Standard Time'], 'Australia/Sydney', 600],
  [['AEDT', 'Australian Eastern Daylight Time'], 'Australia/Sydney', 660],
  [['NZST', 'New Zealand Standard Time'], 'Pacific/Auckland', 720],
  [['NZDT', 'New Zealand Daylight Time'], 'Pacific/Auckland', 780],
];
const LABEL_BY_NAME = new Map<string, { region: string; offsetMinutes: number }>(LABELS.flatMap(([names, region, offsetMinutes]) => names.map((n) => [n.toLowerCase(), { region, offsetMinutes }] as const)));

/** Short names that stand for several zones: reading them either way could be hours off. */
const AMBIGUOUS = new Map<string, readonly string[]>([
  ['ist', ['Asia/Kolkata', 'Europe/Dublin', 'Asia/Jerusalem']],
  ['cat', ['Africa/Maputo', 'America/Havana']],
]);

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch {
      f = null; // RangeError: not a zone this runtime knows
    }
    formatters.set(zone, f);
  }
  return f;
}

/** Offset of an IANA zone from UTC at the instant `utcMs`, in ms. */
function regionOffsetMs(f: Intl.DateTimeFormat, utcMs: number): number {
  const parts = f.formatToParts(new Date(utcMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/**
 * Resolves a zone name as TWS prints it. `wallTime` (the local time printed with the name, read as
 * if UTC) decides what a display name means: if its region uses that offset then, the region
 * (so later times follow its DST); otherwise a zone fixed at the name's offset.
 */
export function resolveIbZone(name: string, wallTime?: number): Result<IbZone, IbZoneError> {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  const offset = /^(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(trimmed);
  if (offset) {
    const minutes = (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3] ?? 0));
    if (Math.abs(minutes) <= 14 * 60) return ok({ kind: 'FIXED', id: trimmed, offsetMinutes: minutes });
    return err({ code: 'UNKNOWN_TIME_ZONE', zone: name });
  }
  const key = trimmed.toLowerCase();
  const ambiguous = AMBIGUOUS.get(key);
  if (ambiguous) return err({ code: 'AMBIGUOUS_TIME_ZONE', zone: name, candidates: ambiguous });
  const label = LABEL_BY_NAME.get(key);
  if (label) {
    if (label.region === 'UTC') return ok(UTC_ZONE);
    const f = formatterFor(label.region);
    if (wallTime !== undefined && f && regionOffsetMs(f, wallTime - label.offsetMinutes * 60_000) === label.offsetMinutes * 60_000) return ok({ kind: 'REGION', id: label.region });
    return ok({ kind: 'FIXED', id: trimmed, offsetMinutes: label.offsetMinutes });
  }
  // IANA ids, including the aliases TWS uses ("US/Eastern"). Names only, no offsets or abbreviations guessed.
  if (/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)+$/.test(trimmed) && formatterFor(trimmed)) return ok({ kind: 'REGION', id: trimmed });
  return err({ code: 'UNKNOWN_TIME_ZONE', zone: name });
}

/**
 * The UTC instant of a local wall time (given as if it were UTC) in `zone`. A time that occurs
 * twice (the hour DST ends) is read as the first; one that never occurs (the hour DST starts)
 * moves forward by the gap, as Java does.
 */
export function wallTimeToUtc(wallTime: number, zone: IbZone): number {
  if (zone.kind === 'FIXED') return wallTime - zone.offsetMinutes * 60_000;
  const f = formatterFor(zone.id);
  if (!f) throw new Error(`zone ${zone.id} resolved but unknown to Intl`);
  // The offsets in force a day either side; within a day a zone changes its offset at most once.
  const before = regionOffsetMs(f, wallTime - DAY_MS);
  const after = regionOffsetMs(f, wallTime + DAY_MS);
  const early = wallTime - before;
  const late = wallTime - after;
  const earlyHolds = regionOffsetMs(f, early) === before;
  const lateHolds = regionOffsetMs(f, late) === after;
  if (earlyHolds && lateHolds) return Math.min(early, late);
  if (lateHolds) return late;
  return early; // in the gap: read with the offset before the change, which lands after the gap
}

export function describeZoneError(e: IbZoneError): string {
  switch (e.code) {
    case 'UNKNOWN_TIME_ZONE':
      return `unknown time zone "${e.zone}"`;
    case 'AMBIGUOUS_TIME_ZONE':
      return `ambiguous time zone "${e.zone}" (${e.candidates.join(', ')})`;
    default: {
      const never: never = e;
      throw new Error(`unhandled zone error ${JSON.stringify(never)}`);
    }
  }
}
