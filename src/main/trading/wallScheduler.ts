// The live host's Scheduler: the trading node's timers on the wall clock (Node timers, unref'd so they never hold the process).
import type { Clock, EpochMs } from '../../core/model/clock';
import type { Scheduler, TimerId } from '../../core/model/scheduler';

/** setTimeout's longest delay; a later time is reached in hops. */
const MAX_DELAY_MS = 2_147_483_647;

export class WallScheduler implements Scheduler {
  private nextId = 1;
  private readonly handles = new Map<TimerId, ReturnType<typeof setTimeout>>();

  constructor(private readonly clock: Clock) {}

  at(time: EpochMs, task: () => void): TimerId {
    const id = this.nextId++;
    this.arm(id, time, task);
    return id;
  }

  every(periodMs: number, task: () => void): TimerId {
    if (!(periodMs > 0)) throw new Error(`every(): period must be positive, got ${periodMs}`);
    const id = this.nextId++;
    const handle = setInterval(task, periodMs);
    handle.unref?.();
    this.handles.set(id, handle);
    return id;
  }

  cancel(id: TimerId): void {
    const handle = this.handles.get(id);
    if (handle === undefined) return;
    clearTimeout(handle);
    clearInterval(handle);
    this.handles.delete(id);
  }

  /** Cancels every timer (host shutdown). */
  cancelAll(): void {
    for (const id of [...this.handles.keys()]) this.cancel(id);
  }

  private arm(id: TimerId, time: EpochMs, task: () => void): void {
    const delay = Math.max(0, time - this.clock.now());
    const handle = setTimeout(() => {
      if (delay > MAX_DELAY_MS) return this.arm(id, time, task);
      this.handles.delete(id);
      task();
    }, Math.min(delay, MAX_DELAY_MS));
    handle.unref?.();
    this.handles.set(id, handle);
  }
}
