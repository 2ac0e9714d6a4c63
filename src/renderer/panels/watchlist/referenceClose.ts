// The close a watchlist's change is measured from: the last daily bar that closed before the quote's day.

const DAY_MS = 86_400_000;

/** `times` are daily bar open times (UTC midnight), ascending; null when no earlier day is stored. */
export function referenceClose(times: readonly number[], closes: readonly number[], now: number): number | null {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  for (let i = times.length - 1; i >= 0; i--) {
    if (times[i]! < today && Number.isFinite(closes[i])) return closes[i]!;
  }
  return null;
}
