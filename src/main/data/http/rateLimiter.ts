// Spaces request starts per provider (SEC: at most 10 per second), on an injected clock and sleep so tests need no waiting.

export interface Timer {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTimer: Timer = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** At most one request start per `intervalMs`; callers are served in the order they asked. */
export class RateLimiter {
  private next = -Infinity;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly intervalMs: number,
    private readonly timer: Timer = realTimer,
  ) {}

  /** Resolves when the caller may start its request. */
  acquire(): Promise<void> {
    const turn = this.queue.then(async () => {
      const wait = this.next - this.timer.now();
      if (wait > 0) await this.timer.sleep(wait);
      this.next = this.timer.now() + this.intervalMs;
    });
    this.queue = turn;
    return turn;
  }
}
