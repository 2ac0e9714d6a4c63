// Which backups of the record to keep: every recent one, then one per day, then one per month up to the retention
// horizon (trade records: 7 years by default). Pure: the caller passes the backups' times and now.

export interface RetentionPolicy {
  /** Every backup younger than this is kept (ms). */
  readonly keepAllMs: number;
  /** Then the newest backup of each UTC day younger than this (ms). */
  readonly dailyMs: number;
  /** Then the newest backup of each UTC month younger than this (ms); anything older is pruned. */
  readonly horizonMs: number;
}

const DAY_MS = 86_400_000;

/** 2 days of every 5-minute backup, 90 days of dailies, 7 years of monthlies (each backup holds the whole record). */
export const DEFAULT_RETENTION: RetentionPolicy = { keepAllMs: 2 * DAY_MS, dailyMs: 90 * DAY_MS, horizonMs: Math.round(7 * 365.25 * DAY_MS) };

export interface Dated {
  readonly time: number;
}

/** The backups to delete. The newest backup is always kept, whatever its age. */
export function backupsToPrune<T extends Dated>(backups: readonly T[], now: number, policy: RetentionPolicy = DEFAULT_RETENTION): T[] {
  const newestFirst = [...backups].sort((a, b) => b.time - a.time);
  const daysSeen = new Set<string>();
  const monthsSeen = new Set<string>();
  const prune: T[] = [];
  newestFirst.forEach((backup, i) => {
    const age = now - backup.time;
    const iso = new Date(backup.time).toISOString();
    const day = iso.slice(0, 10);
    const month = iso.slice(0, 7);
    let keep = i === 0 || age < policy.keepAllMs;
    if (!keep && age < policy.dailyMs && !daysSeen.has(day)) keep = true;
    if (!keep && age < policy.horizonMs && !monthsSeen.has(month)) keep = true;
    daysSeen.add(day);
    monthsSeen.add(month);
    if (!keep) prune.push(backup);
  });
  return prune;
}
