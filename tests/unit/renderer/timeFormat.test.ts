// The one time-zone setting's formats (clock, events, chart axis), what the disconnect banner says, and the UI scale.
import { describe, expect, it } from 'vitest';
import { connectionNotice, RESTART_INSTRUCTION } from '../../../src/renderer/state/connectionNotice';
import { EXCHANGE_TIME_ZONE, formatChartTick, formatChartTime, formatClockTime, formatDate, formatEventTime, formatTimestamp, zoneOf } from '../../../src/renderer/state/timeZone';
import { autoScale } from '../../../src/renderer/state/workspaceStore';

// 2026-07-01 14:30:05.123 UTC (New York on daylight time, UTC−4) and 2026-12-01 14:30:05.123 UTC (standard, UTC−5).
const SUMMER = Date.UTC(2026, 6, 1, 14, 30, 5, 123);
const WINTER = Date.UTC(2026, 11, 1, 14, 30, 5, 123);

describe('time formats in one zone', () => {
  it('the exchange setting is New York, with its daylight saving; local is the machine zone', () => {
    expect(zoneOf('exchange')).toBe(EXCHANGE_TIME_ZONE);
    expect(zoneOf('local')).toBeUndefined();
    expect(formatClockTime(SUMMER, EXCHANGE_TIME_ZONE)).toBe('10:30:05');
    expect(formatClockTime(WINTER, EXCHANGE_TIME_ZONE)).toBe('09:30:05');
    expect(formatClockTime(WINTER, 'UTC')).toBe('14:30:05');
    expect(formatClockTime(WINTER, 'Asia/Tokyo')).toBe('23:30:05');
  });
  it('event times carry milliseconds and a 24-hour clock, never "24:00"', () => {
    expect(formatEventTime(WINTER, 'UTC')).toBe('14:30:05.123');
    expect(formatEventTime(Date.UTC(2026, 11, 1, 0, 0, 0, 7), 'UTC')).toBe('00:00:00.007');
    expect(formatTimestamp(WINTER, EXCHANGE_TIME_ZONE)).toBe('2026-12-01 09:30:05.123');
  });
  it('dates roll over in the zone, not in UTC', () => {
    const lateUtc = Date.UTC(2026, 11, 2, 2, 0, 0);
    expect(formatDate(lateUtc, 'UTC')).toBe('2026-12-02');
    expect(formatDate(lateUtc, EXCHANGE_TIME_ZONE)).toBe('2026-12-01');
  });
  it('the chart axis shows intraday bars in the zone and daily bars by their session date', () => {
    expect(formatChartTime(WINTER, EXCHANGE_TIME_ZONE, false)).toBe('2026-12-01 09:30');
    // A daily bar is stored at 00:00 UTC of its session date: New York time would show the day before.
    const daily = Date.UTC(2026, 11, 1);
    expect(formatChartTime(daily, EXCHANGE_TIME_ZONE, true)).toBe('2026-12-01');
    expect(formatChartTick(daily, EXCHANGE_TIME_ZONE, 'day', true)).toBe('12-01');
    expect(formatChartTick(WINTER, EXCHANGE_TIME_ZONE, 'time', false)).toBe('09:30');
    expect(formatChartTick(WINTER, 'UTC', 'seconds', false)).toBe('14:30:05');
    expect(formatChartTick(WINTER, 'UTC', 'month', false)).toBe('Dec');
    expect(formatChartTick(WINTER, 'UTC', 'year', false)).toBe('2026');
  });
});

describe('the connection banner', () => {
  it('says nothing while connected', () => {
    expect(connectionNotice('connected', WINTER, 'UTC')).toBeNull();
  });
  it('a lost connection shows how old the data is', () => {
    expect(connectionNotice('disconnected', WINTER, 'UTC', 'connection lost')).toEqual({
      headline: 'DISCONNECTED — data as of 14:30:05',
      action: 'Reconnecting to the backend (connection lost)… prices, positions, P&L and risk are not updating.',
      severity: 'error',
    });
    expect(connectionNotice('connecting', WINTER, EXCHANGE_TIME_ZONE)!.headline).toBe('DISCONNECTED — data as of 09:30:05');
  });
  it('a fresh page still connecting has no stale data', () => {
    expect(connectionNotice('connecting', null, 'UTC')).toMatchObject({ headline: 'CONNECTING — no data received yet', severity: 'warn' });
  });
  it('a refused credential tells the trader exactly what to do', () => {
    const notice = connectionNotice('unauthorized', WINTER, 'UTC')!;
    expect(notice.headline).toBe('DISCONNECTED — data as of 14:30:05');
    expect(notice.action).toBe(RESTART_INSTRUCTION);
    expect(notice.action).toContain('nautilus serve');
    expect(notice.action).toContain('npm start');
  });
});

describe('UI scale', () => {
  it('auto is 100% up to full HD and larger on wide screens', () => {
    expect(autoScale(1280)).toBe(1);
    expect(autoScale(1920)).toBe(1);
    expect(autoScale(2560)).toBe(1.25);
  });
});
