// One shared message pacer in front of every call to the IB client: sliding-window limits, priority lanes, droppable jobs.

/** Control (handshake, heartbeat) goes first, then orders, then data requests. */
export type PacingLane = 'control' | 'order' | 'data';
const LANES: readonly PacingLane[] = ['control', 'order', 'data'];

export interface PacedJob {
  readonly lane: PacingLane;
  /** Makes exactly one client call (one message to the gateway). Return false if it turned out not to send. */
  readonly run: () => boolean | void;
  /** Called instead of `run` when the job is dropped before it was sent. */
  readonly drop?: (reason: string) => void;
  /** Lets `dropWhere` pick jobs, e.g. by session epoch. */
  readonly tag?: number;
}

export interface PacingWindow {
  readonly maxMessages: number;
  readonly windowMs: number;
}

export interface PacingTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: PacingTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * IB allows 50 messages per second. We stay at 40 per second and at most 5 in any 100 ms, so a
 * burst is spread out before it leaves: receipt jitter of up to 100 ms cannot push the gateway's
 * count for any one-second window past 45. The client's own limiter is set to 50/s (5 per 100 ms)
 * so that it never holds messages of its own: everything that waits, waits here, where it can be
 * dropped when the connection goes away (the client would send a stale queue after a reconnect).
 */
export const DEFAULT_PACING: readonly PacingWindow[] = [
  { maxMessages: 40, windowMs: 1000 },
  { maxMessages: 5, windowMs: 100 },
];
export const CLIENT_MAX_REQ_PER_SEC = 50;

export class PacingLimiter {
  private readonly queues: Record<PacingLane, PacedJob[]> = { control: [], order: [], data: [] };
  /** Send times, oldest first, as long as the longest window needs. */
  private readonly sent: number[] = [];
  private timer: unknown = null;
  private readonly horizon: number;
  sentTotal = 0;

  constructor(
    private readonly windows: readonly PacingWindow[] = DEFAULT_PACING,
    private readonly timers: PacingTimers = systemTimers,
  ) {
    if (windows.length === 0 || windows.some((w) => !(w.maxMessages >= 1) || !(w.windowMs > 0))) throw new Error('bad pacing windows');
    this.horizon = Math.max(...windows.map((w) => w.windowMs));
  }

  get queued(): number {
    return LANES.reduce((n, lane) => n + this.queues[lane].length, 0);
  }

  submit(job: PacedJob): void {
    this.queues[job.lane].push(job);
    this.pump();
  }

  /** Removes queued jobs the predicate picks, calling their `drop`; returns how many. */
  dropWhere(predicate: (job: PacedJob) => boolean, reason: string): number {
    const dropped: PacedJob[] = [];
    for (const lane of LANES) {
      const keep: PacedJob[] = [];
      for (const job of this.queues[lane]) (predicate(job) ? dropped : keep).push(job);
      this.queues[lane] = keep;
    }
    for (const job of dropped) job.drop?.(reason);
    return dropped.length;
  }

  /** How long until one more message may go out (0 = now). */
  delayUntilFree(now = this.timers.now()): number {
    this.forget(now);
    let wait = 0;
    for (const w of this.windows) {
      const inWindow = this.countSince(now - w.windowMs);
      if (inWindow < w.maxMessages) continue;
      // The message that must leave the window before another may enter it.
      const oldest = this.sent[this.sent.length - w.maxMessages] as number;
      wait = Math.max(wait, oldest + w.windowMs - now);
    }
    return wait;
  }

  close(reason = 'pacer closed'): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.dropWhere(() => true, reason);
  }

  private pump(): void {
    if (this.timer !== null) return;
    for (;;) {
      const job = this.nextJob();
      if (!job) return;
      const now = this.timers.now();
      const wait = this.delayUntilFree(now);
      if (wait > 0) {
        this.timer = this.timers.setTimeout(() => {
          this.timer = null;
          this.pump();
        }, wait);
        return;
      }
      this.take(job);
      let sent: boolean | void = true;
      try {
        sent = job.run();
      } catch (e) {
        job.drop?.(`send failed: ${e instanceof Error ? e.message : String(e)}`);
        sent = false;
      }
      if (sent !== false) {
        this.sent.push(now);
        this.sentTotal += 1;
      }
    }
  }

  private nextJob(): PacedJob | undefined {
    for (const lane of LANES) if (this.queues[lane].length > 0) return this.queues[lane][0];
    return undefined;
  }

  private take(job: PacedJob): void {
    this.queues[job.lane].shift();
  }

  private countSince(from: number): number {
    let n = 0;
    for (let i = this.sent.length - 1; i >= 0 && (this.sent[i] as number) > from; i -= 1) n += 1;
    return n;
  }

  private forget(now: number): void {
    let drop = 0;
    while (drop < this.sent.length && (this.sent[drop] as number) <= now - this.horizon) drop += 1;
    if (drop > 0) this.sent.splice(0, drop);
  }
}
