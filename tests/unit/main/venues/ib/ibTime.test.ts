// Execution times in the TWS session's zone: zone names as TWS prints them, DST on both sides of the Atlantic, unknown zones flagged.
import { describe, expect, it } from 'vitest';
import { ok } from '../../../../../src/core/model/result';
import { parseIbTime, readIbTime, sessionZoneOf } from '../../../../../src/main/venues/ib/ibTime';
import { resolveIbZone, UTC_ZONE } from '../../../../../src/main/venues/ib/ibTimeZones';

const utc = (y: number, mo: number, d: number, h: number, mi: number, s = 0) => Date.UTC(y, mo - 1, d, h, mi, s);
const read = (text: string, connectionTime: string) => readIbTime(text, sessionZoneOf(connectionTime));

describe('the session zone from the connection time', () => {
  it('reads the real captures: "British Summer Time" and "Greenwich Mean Time" are London', () => {
    expect(sessionZoneOf('20250415 19:38:30 British Summer Time')).toEqual(ok({ kind: 'REGION', id: 'Europe/London' }));
    expect(sessionZoneOf('20250323 22:21:01 Greenwich Mean Time')).toEqual(ok({ kind: 'REGION', id: 'Europe/London' }));
    expect(sessionZoneOf('20240102 09:30:00 EST')).toEqual(ok({ kind: 'REGION', id: 'America/New_York' }));
    expect(sessionZoneOf('20240102 09:30:00 Europe/London')).toEqual(ok({ kind: 'REGION', id: 'Europe/London' }));
  });
  it('a name whose region does not use it at that date is a fixed offset (a TWS set to GMT or EST all year)', () => {
    expect(sessionZoneOf('20250715 09:00:00 GMT')).toEqual(ok({ kind: 'FIXED', id: 'GMT', offsetMinutes: 0 }));
    expect(sessionZoneOf('20240715 09:00:00 EST')).toEqual(ok({ kind: 'FIXED', id: 'EST', offsetMinutes: -300 }));
  });
  it('no zone, an unknown one or an ambiguous one is an error naming it', () => {
    expect(sessionZoneOf('20240102 09:30:00')).toEqual({ ok: false, error: { code: 'NO_SESSION_TIME_ZONE', connectionTime: '20240102 09:30:00' } });
    expect(sessionZoneOf(undefined)).toEqual({ ok: false, error: { code: 'NO_SESSION_TIME_ZONE', connectionTime: null } });
    expect(sessionZoneOf('20240102 09:30:00 Mars Standard Time')).toEqual({ ok: false, error: { code: 'UNKNOWN_TIME_ZONE', zone: 'Mars Standard Time' } });
    expect(sessionZoneOf('20240102 09:30:00 IST')).toMatchObject({ ok: false, error: { code: 'AMBIGUOUS_TIME_ZONE', zone: 'IST' } });
  });
});

describe('execution times', () => {
  it('a London summer time without a zone, in a London session, is one hour earlier in UTC', () => {
    expect(read('20250715 14:00:00', '20250715 08:00:00 British Summer Time')).toEqual({ ms: utc(2025, 7, 15, 13, 0), zone: 'Europe/London', fallback: null });
    expect(read('20250715 14:00:00', '20250715 08:00:00 Europe/London')?.ms).toBe(utc(2025, 7, 15, 13, 0));
    // the real capture: exec time with two spaces, one second after connecting
    expect(read('20250415  19:38:31', '20250415 19:38:30 British Summer Time')?.ms).toBe(utc(2025, 4, 15, 18, 38, 31));
    // and in winter London is UTC
    expect(read('20250323  22:25:00', '20250323 22:21:01 Greenwich Mean Time')?.ms).toBe(utc(2025, 3, 23, 22, 25));
  });
  it('New York in winter is UTC−5, in summer UTC−4, whichever way the zone is named', () => {
    expect(readIbTime('20240115 10:30:00 US/Eastern', ok(UTC_ZONE))?.ms).toBe(utc(2024, 1, 15, 15, 30));
    expect(readIbTime('20240915 10:30:00 US/Eastern', ok(UTC_ZONE))?.ms).toBe(utc(2024, 9, 15, 14, 30));
    expect(readIbTime('20250708 02:35:00 America/New_York', ok(UTC_ZONE))?.ms).toBe(utc(2025, 7, 8, 6, 35));
    expect(readIbTime('20240915 10:30:00 EDT', ok(UTC_ZONE))?.ms).toBe(utc(2024, 9, 15, 14, 30));
    expect(readIbTime('20240915 10:30:00 Eastern Daylight Time', ok(UTC_ZONE))?.ms).toBe(utc(2024, 9, 15, 14, 30));
  });
  it('a zone-less time takes the connect zone, and follows its DST rules', () => {
    expect(read('20240115 10:30:00', '20240115 08:00:00 EST')?.ms).toBe(utc(2024, 1, 15, 15, 30));
    // connected on Saturday before the spring change, filled on Monday after it
    expect(read('20240311 10:00:00', '20240309 08:00:00 EST')?.ms).toBe(utc(2024, 3, 11, 14, 0));
    expect(read('20240715 10:00:00', '20240715 08:00:00 EST')?.ms).toBe(utc(2024, 7, 15, 15, 0)); // fixed EST
    expect(read('20240715 10:00:00', '20240715 08:00:00 GMT+05:30')?.ms).toBe(utc(2024, 7, 15, 4, 30));
    expect(read('20240715 10:00:00', '20240715 08:00:00 Japan Standard Time')?.ms).toBe(utc(2024, 7, 15, 1, 0));
    // a zone in the text wins over the session's
    expect(read('20240715 10:00:00 UTC', '20240715 08:00:00 EST')?.ms).toBe(utc(2024, 7, 15, 10, 0));
  });
  it('the hour DST ends is read as its first occurrence; the hour it starts moves forward', () => {
    expect(readIbTime('20241103 01:30:00 America/New_York', ok(UTC_ZONE))?.ms).toBe(utc(2024, 11, 3, 5, 30));
    expect(readIbTime('20240310 02:30:00 America/New_York', ok(UTC_ZONE))?.ms).toBe(utc(2024, 3, 10, 7, 30));
    expect(readIbTime('20241027 01:30:00 Europe/London', ok(UTC_ZONE))?.ms).toBe(utc(2024, 10, 27, 0, 30));
  });
  it('an unknown zone reads as UTC and says so, never silently', () => {
    expect(readIbTime('20240102 10:00:00 Mars/Olympus', ok(UTC_ZONE))).toEqual({ ms: utc(2024, 1, 2, 10, 0), zone: 'UTC', fallback: { code: 'UNKNOWN_TIME_ZONE', zone: 'Mars/Olympus' } });
    expect(read('20240102 10:00:00', '20240102 09:00:00 Mars Standard Time')).toEqual({ ms: utc(2024, 1, 2, 10, 0), zone: 'UTC', fallback: { code: 'UNKNOWN_TIME_ZONE', zone: 'Mars Standard Time' } });
    expect(read('20240102 10:00:00', '20240102 09:00:00')?.fallback).toEqual({ code: 'NO_SESSION_TIME_ZONE', connectionTime: '20240102 09:00:00' });
    expect(readIbTime('garbage', ok(UTC_ZONE))).toBeUndefined();
    expect(readIbTime('20241399 10:00:00', ok(UTC_ZONE))).toBeUndefined();
  });
  it('bar times keep their meaning: epoch seconds, UTC dates, zones honoured, unknown zones refused', () => {
    expect(parseIbTime('1704207660')).toBe(1704207660_000);
    expect(parseIbTime('20240102')).toBe(utc(2024, 1, 2, 0, 0));
    expect(parseIbTime('20240102 10:01:00 US/Eastern')).toBe(utc(2024, 1, 2, 15, 1));
    expect(parseIbTime('20240102 10:01:00 Mars/Olympus')).toBeUndefined();
  });
  it('does not take a bare abbreviation Intl happens to know for its IANA meaning', () => {
    // Intl knows "EST" as a fixed −5 zone; TWS's "CET" means the region with summer time
    expect(resolveIbZone('CET', utc(2024, 7, 1, 12, 0))).toEqual(ok({ kind: 'FIXED', id: 'CET', offsetMinutes: 60 }));
    expect(resolveIbZone('CEST', utc(2024, 7, 1, 12, 0))).toEqual(ok({ kind: 'REGION', id: 'Europe/Berlin' }));
    expect(resolveIbZone('Foo')).toEqual({ ok: false, error: { code: 'UNKNOWN_TIME_ZONE', zone: 'Foo' } });
  });
});
