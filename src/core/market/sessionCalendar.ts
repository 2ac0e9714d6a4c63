// The synthetic venue's calendar: weekday sessions (no holidays), 09:30–16:00 exchange time at a fixed UTC offset.
import type { EpochMs } from '../model/clock';
import { SESSION_MINUTES, SESSION_OPEN_MINUTE } from './universe';

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

/** 00:00 UTC of the day containing `time`. Daily bars are stamped with this (the session date). */
export function utcDayStart(time: EpochMs): EpochMs {
  return Math.floor(time / DAY_MS) * DAY_MS;
}

/** 0 = Sunday … 6 = Saturday, for a time in UTC (1970-01-01 was a Thursday). */
export function utcWeekday(time: EpochMs): number {
  const day = Math.floor(time / DAY_MS);
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekday(time: EpochMs): boolean {
  const weekday = utcWeekday(time);
  return weekday !== 0 && weekday !== 6;
}

/** The last `count` session dates (UTC midnights, ascending) on or before `endTime`'s date. Weekends are skipped. */
export function tradingDaysEnding(endTime: EpochMs, count: number): Float64Array {
  const days = new Float64Array(Math.max(0, count));
  let day = utcDayStart(endTime);
  for (let i = days.length - 1; i >= 0; i--) {
    while (!isWeekday(day)) day -= DAY_MS;
    days[i] = day;
    day -= DAY_MS;
  }
  return days;
}

/** UTC time at which minute `minute` of the session on `sessionDate` opens, for an exchange at `utcOffsetMinutes`. */
export function sessionMinuteTime(sessionDate: EpochMs, minute: number, utcOffsetMinutes: number): EpochMs {
  return sessionDate + (SESSION_OPEN_MINUTE + minute - utcOffsetMinutes) * MINUTE_MS;
}

/** UTC time of the session close on `sessionDate`. */
export function sessionCloseTime(sessionDate: EpochMs, utcOffsetMinutes: number): EpochMs {
  return sessionMinuteTime(sessionDate, SESSION_MINUTES, utcOffsetMinutes);
}

/** Where `time` falls for an exchange: its local day number and the session minute (−1 outside the session or on weekends). */
export function sessionPosition(time: EpochMs, utcOffsetMinutes: number): { localDay: number; sessionMinute: number } {
  const local = time + utcOffsetMinutes * MINUTE_MS;
  const localDay = Math.floor(local / DAY_MS);
  const minuteOfDay = Math.floor((local - localDay * DAY_MS) / MINUTE_MS) - SESSION_OPEN_MINUTE;
  const inSession = isWeekday(localDay * DAY_MS) && minuteOfDay >= 0 && minuteOfDay < SESSION_MINUTES;
  return { localDay, sessionMinute: inSession ? minuteOfDay : -1 };
}

/** The first session open strictly after `time` for an exchange at `utcOffsetMinutes` (weekdays only). */
export function nextSessionOpen(time: EpochMs, utcOffsetMinutes: number): EpochMs {
  return nextSessionBoundary(time, utcOffsetMinutes, 0);
}

/** The first session close strictly after `time` for an exchange at `utcOffsetMinutes` (weekdays only). */
export function nextSessionClose(time: EpochMs, utcOffsetMinutes: number): EpochMs {
  return nextSessionBoundary(time, utcOffsetMinutes, SESSION_MINUTES);
}

/** The open of the session that `time` falls in, or of the last session before it (the trading day it belongs to). */
export function currentSessionOpen(time: EpochMs, utcOffsetMinutes: number): EpochMs {
  let localDay = Math.floor((time + utcOffsetMinutes * MINUTE_MS) / DAY_MS) * DAY_MS;
  for (let i = 0; i < 8; i++, localDay -= DAY_MS) {
    const open = sessionMinuteTime(localDay, 0, utcOffsetMinutes);
    if (isWeekday(localDay) && open <= time) return open;
  }
  throw new Error('unreachable: a weekday lies within 8 days');
}

function nextSessionBoundary(time: EpochMs, utcOffsetMinutes: number, minute: number): EpochMs {
  let localDay = Math.floor((time + utcOffsetMinutes * MINUTE_MS) / DAY_MS) * DAY_MS;
  for (let i = 0; i < 9; i++, localDay += DAY_MS) {
    const boundary = sessionMinuteTime(localDay, minute, utcOffsetMinutes);
    if (isWeekday(localDay) && boundary > time) return boundary;
  }
  throw new Error('unreachable: a weekday lies within 9 days');
}
