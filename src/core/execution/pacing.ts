// Message pacing per venue: how many requests went to each venue in the last second, so the router never
// routes to one that is over its limit (IB disconnects a client above 50 messages per second).
import type { EpochMs } from '../model/clock';

const WINDOW_MS = 1_000;

export class PacingWindows {
  private readonly sent = new Map<string, EpochMs[]>();

  constructor(private readonly maxPerSecond: number) {}

  record(venue: string, time: EpochMs): void {
    let times = this.sent.get(venue);
    if (!times) this.sent.set(venue, (times = []));
    times.push(time);
  }

  /** True when `venue` has had `maxPerSecond` messages in the second before `now`. */
  over(venue: string, now: EpochMs): boolean {
    const times = this.sent.get(venue);
    if (!times) return false;
    let drop = 0;
    while (drop < times.length && (times[drop] as EpochMs) <= now - WINDOW_MS) drop++;
    if (drop > 0) times.splice(0, drop);
    return times.length >= this.maxPerSecond;
  }
}
