// The one time-zone setting (exchange or local) and every time format the panels show: clock, blotter, log, chart axis.
import { create } from 'zustand';

/** `exchange`: the primary exchange's wall clock (US equities, New York); `local`: this machine's zone. */
export const TIME_ZONE_SETTINGS = ['exchange', 'local'] as const;
export type TimeZoneSetting = (typeof TIME_ZONE_SETTINGS)[number];
export const EXCHANGE_TIME_ZONE = 'America/New_York';

const KEY = 'nautilus.timeZone';

/** The IANA zone a setting stands for; undefined lets Intl use this machine's zone. */
export const zoneOf = (setting: TimeZoneSetting): string | undefined => (setting === 'exchange' ? EXCHANGE_TIME_ZONE : undefined);

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string | undefined, kind: 'time' | 'timeMs' | 'date' | 'dateTime' | 'zoneName'): Intl.DateTimeFormat {
  const key = `${zone ?? ''}|${kind}`;
  let f = formatters.get(key);
  if (!f) {
    const base: Intl.DateTimeFormatOptions = { hourCycle: 'h23', ...(zone ? { timeZone: zone } : {}) };
    const options: Intl.DateTimeFormatOptions =
      kind === 'time'
        ? { ...base, hour: '2-digit', minute: '2-digit', second: '2-digit' }
        : kind === 'timeMs'
          ? { ...base, hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 }
          : kind === 'date'
            ? { ...base, year: 'numeric', month: '2-digit', day: '2-digit' }
            : kind === 'dateTime'
              ? { ...base, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }
              : { ...base, timeZoneName: 'short', hour: '2-digit' };
    // en-CA reads as ISO (2026-12-01, 14:30:05): one unambiguous shape on every machine.
    f = new Intl.DateTimeFormat('en-CA', options);
    formatters.set(key, f);
  }
  return f;
}

const parts = (f: Intl.DateTimeFormat, ms: number) => Object.fromEntries(f.formatToParts(ms).map((p) => [p.type, p.value])) as Record<string, string>;

/** hh:mm:ss in `zone`. */
export function formatClockTime(epochMs: number, zone: string | undefined): string {
  const p = parts(formatter(zone, 'time'), epochMs);
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** hh:mm:ss.mmm in `zone`: blotter and log rows, where events milliseconds apart must read apart. */
export function formatEventTime(epochMs: number, zone: string | undefined): string {
  const p = parts(formatter(zone, 'timeMs'), epochMs);
  return `${p.hour}:${p.minute}:${p.second}.${p.fractionalSecond}`;
}

/** yyyy-mm-dd in `zone`. */
export function formatDate(epochMs: number, zone: string | undefined): string {
  const p = parts(formatter(zone, 'date'), epochMs);
  return `${p.year}-${p.month}-${p.day}`;
}

/** yyyy-mm-dd hh:mm:ss.mmm in `zone`: what an exported audit row carries. */
export function formatTimestamp(epochMs: number, zone: string | undefined): string {
  return `${formatDate(epochMs, zone)} ${formatEventTime(epochMs, zone)}`;
}

/** The zone's short name at `epochMs` (EST, EDT, GMT+1), shown beside the clock. */
export function zoneAbbreviation(epochMs: number, zone: string | undefined): string {
  return parts(formatter(zone, 'zoneName'), epochMs).timeZoneName ?? '';
}

/**
 * A chart time-axis label. Daily bars are stored at 00:00 UTC of their session date, so they are labelled by that
 * date as is (moving them into a zone west of UTC would show the previous day); intraday bars by the zone's clock.
 */
export function formatChartTime(epochMs: number, zone: string | undefined, daily: boolean): string {
  if (daily) return formatDate(epochMs, 'UTC');
  const p = parts(formatter(zone, 'dateTime'), epochMs);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** The shortest label for a tick on the chart's axis: a year, a month, a day, or a time (lightweight-charts' tick kinds). */
export function formatChartTick(epochMs: number, zone: string | undefined, kind: 'year' | 'month' | 'day' | 'time' | 'seconds', daily: boolean): string {
  const z = daily ? 'UTC' : zone;
  switch (kind) {
    case 'year':
      return parts(formatter(z, 'date'), epochMs).year!;
    case 'month':
      return new Intl.DateTimeFormat('en-US', { month: 'short', ...(z ? { timeZone: z } : {}) }).format(epochMs);
    case 'day': {
      const p = parts(formatter(z, 'date'), epochMs);
      return `${p.month}-${p.day}`;
    }
    case 'time':
      return formatClockTime(epochMs, z).slice(0, 5);
    case 'seconds':
      return formatClockTime(epochMs, z);
    default: {
      const never: never = kind;
      return never;
    }
  }
}

interface TimeZoneState {
  setting: TimeZoneSetting;
  /** The IANA zone of the setting (undefined = this machine's). */
  zone: string | undefined;
  setSetting(setting: TimeZoneSetting): void;
}

const stored = (): TimeZoneSetting => (globalThis.localStorage?.getItem(KEY) === 'exchange' ? 'exchange' : 'local');

export const useTimeZone = create<TimeZoneState>((set) => ({
  setting: stored(),
  zone: zoneOf(stored()),
  setSetting: (setting) => {
    globalThis.localStorage?.setItem(KEY, setting);
    set({ setting, zone: zoneOf(setting) });
  },
}));

/** Event time in the workspace's zone, for code outside React (formatters called during a render read the store). */
export const eventTime = (epochMs: number): string => formatEventTime(epochMs, useTimeZone.getState().zone);
export const clockTime = (epochMs: number): string => formatClockTime(epochMs, useTimeZone.getState().zone);
