import { describe, expect, it } from 'vitest';
import { backupsToPrune, DEFAULT_RETENTION } from '../../../../src/core/backup/retention';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 2, 12, 0);

describe('backup retention', () => {
  it('keeps every recent backup, the newest of each day, then the newest of each month up to 7 years', () => {
    const every5min = Array.from({ length: 4 * 288 }, (_, i) => ({ time: NOW - i * 5 * 60_000 }));
    const pruned = new Set(backupsToPrune(every5min, NOW).map((b) => b.time));
    const kept = every5min.filter((b) => !pruned.has(b.time));
    // The last 2 days whole, then one per UTC day for the 2 older days.
    expect(kept.filter((b) => NOW - b.time < 2 * DAY)).toHaveLength(576);
    const olderDays = new Set(kept.filter((b) => NOW - b.time >= 2 * DAY).map((b) => new Date(b.time).toISOString().slice(0, 10)));
    expect(kept.filter((b) => NOW - b.time >= 2 * DAY)).toHaveLength(olderDays.size);

    const monthly = Array.from({ length: 10 * 12 }, (_, i) => ({ time: Date.UTC(2026, 10 - i, 15) }));
    const keptMonthly = monthly.filter((b) => !backupsToPrune(monthly, NOW).includes(b));
    // 7 years of months (84 or 85 by the month boundary), nothing older.
    expect(keptMonthly.every((b) => NOW - b.time < DEFAULT_RETENTION.horizonMs)).toBe(true);
    expect(keptMonthly.length).toBeGreaterThanOrEqual(84);
  });

  it('always keeps the newest backup, however old', () => {
    const old = [{ time: NOW - 20 * 365 * DAY }, { time: NOW - 21 * 365 * DAY }];
    expect(backupsToPrune(old, NOW)).toEqual([old[1]]);
  });
});
