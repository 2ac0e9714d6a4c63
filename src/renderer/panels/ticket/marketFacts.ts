// Pure market arithmetic for the ticket's precautionary checks: average daily volume from daily bars.

const DAY_MS = 86_400_000;
/** Days the average daily volume is taken over. */
export const ADV_DAYS = 20;

/** Mean volume of the completed daily bars (today's forming bar left out); null without any. */
export function averageDailyVolume(times: readonly number[], volumes: readonly number[], now: number): number | null {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const done: number[] = [];
  for (let i = 0; i < times.length; i++) if (times[i]! < today && Number.isFinite(volumes[i]) && volumes[i]! > 0) done.push(volumes[i]!);
  const recent = done.slice(-ADV_DAYS);
  return recent.length ? recent.reduce((a, b) => a + b, 0) / recent.length : null;
}
