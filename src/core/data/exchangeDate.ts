// Calendar dates: an instant's date in an exchange's time zone, and YYYY-MM-DD ⇄ 00:00 UTC epoch ms (how daily bars are keyed).
import type { EpochMs } from '../model/clock';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | undefined {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      return undefined;
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The exchange's calendar date of `epochSeconds` (IANA zone when known, else the fixed UTC offset), as 00:00 UTC ms. */
export function exchangeDayStart(epochSeconds: number, timeZone: string | undefined, gmtOffsetSeconds: number): EpochMs {
  const formatter = timeZone ? formatterFor(timeZone) : undefined;
  if (formatter) {
    const parts = formatter.formatToParts(new Date(epochSeconds * 1000));
    const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'));
  }
  const local = (epochSeconds + gmtOffsetSeconds) * 1000;
  return local - (((local % 86_400_000) + 86_400_000) % 86_400_000);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` as 00:00 UTC epoch ms, or undefined when it is not a real date. */
export function parseIsoDate(text: string): EpochMs | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? t : undefined;
}

/** 00:00 UTC epoch ms (or any instant) as its UTC date `YYYY-MM-DD`. */
export const isoDate = (time: EpochMs): string => new Date(time).toISOString().slice(0, 10);
