// Timers as events: the trading node asks a Scheduler, never setInterval, so the live host runs them on the wall
// clock and a backtest runs them on a simulated clock advanced by the data.
import type { Clock, EpochMs } from './clock';

export type TimerId = number;

export interface Scheduler {
  /** Runs `task` once when the clock reaches `time` (at once, on the next step, if it already has). */
  at(time: EpochMs, task: () => void): TimerId;
  /** Runs `task` every `periodMs`, first at now + periodMs. */
  every(periodMs: number, task: () => void): TimerId;
  cancel(id: TimerId): void;
}

interface Timer {
  readonly id: TimerId;
  time: EpochMs;
  readonly periodMs: number;
  readonly task: () => void;
  /** Ties at one time run in the order they were set. */
  readonly order: number;
}

/**
 * A clock and scheduler that move only when told to: `advanceTo(t)` runs every timer due at or before t in time
 * order, setting the clock to each timer's time first, so a task sees the time it was due at.
 */
export class SimulatedScheduler implements Clock, Scheduler {
  private time: EpochMs;
  private nextId = 1;
  private nextOrder = 0;
  /** A binary min-heap on (time, order). */
  private readonly heap: Timer[] = [];
  private readonly cancelled = new Set<TimerId>();

  constructor(start: EpochMs = 0) {
    this.time = start;
  }

  now(): EpochMs {
    return this.time;
  }

  at(time: EpochMs, task: () => void): TimerId {
    return this.push(time, 0, task);
  }

  every(periodMs: number, task: () => void): TimerId {
    if (!(periodMs > 0)) throw new Error(`every(): period must be positive, got ${periodMs}`);
    return this.push(this.time + periodMs, periodMs, task);
  }

  cancel(id: TimerId): void {
    this.cancelled.add(id);
  }

  /** The time of the earliest pending timer, or Infinity. */
  nextDue(): EpochMs {
    this.dropCancelled();
    return this.heap.length > 0 ? (this.heap[0] as Timer).time : Infinity;
  }

  /** Runs the timers due at or before `time`, in order, then leaves the clock at `time` (never moves it back). */
  advanceTo(time: EpochMs): void {
    this.run(time, true);
  }

  /**
   * Runs the timers due strictly before `time`, then leaves the clock at `time`: those due at `time` wait for the next
   * advanceTo (a backtest delivers a bar's close first, so a timer at the close sees it).
   */
  advanceBefore(time: EpochMs): void {
    this.run(time, false);
  }

  private run(time: EpochMs, inclusive: boolean): void {
    for (;;) {
      this.dropCancelled();
      const top = this.heap[0];
      if (!top || top.time > time || (!inclusive && top.time === time)) break;
      this.pop();
      if (top.time > this.time) this.time = top.time;
      if (top.periodMs > 0) {
        top.time += top.periodMs;
        this.heap.push(top);
        this.siftUp(this.heap.length - 1);
      }
      top.task();
    }
    if (time > this.time) this.time = time;
  }

  private push(time: EpochMs, periodMs: number, task: () => void): TimerId {
    const timer: Timer = { id: this.nextId++, time, periodMs, task, order: this.nextOrder++ };
    this.heap.push(timer);
    this.siftUp(this.heap.length - 1);
    return timer.id;
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.cancelled.has((this.heap[0] as Timer).id)) {
      this.cancelled.delete((this.heap[0] as Timer).id);
      this.pop();
    }
  }

  private before(a: Timer, b: Timer): boolean {
    return a.time < b.time || (a.time === b.time && a.order < b.order);
  }

  private pop(): void {
    const last = this.heap.pop() as Timer;
    if (this.heap.length === 0) return;
    this.heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.heap.length && this.before(this.heap[l] as Timer, this.heap[m] as Timer)) m = l;
      if (r < this.heap.length && this.before(this.heap[r] as Timer, this.heap[m] as Timer)) m = r;
      if (m === i) return;
      [this.heap[i], this.heap[m]] = [this.heap[m] as Timer, this.heap[i] as Timer];
      i = m;
    }
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(this.heap[i] as Timer, this.heap[p] as Timer)) return;
      [this.heap[i], this.heap[p]] = [this.heap[p] as Timer, this.heap[i] as Timer];
      i = p;
    }
  }
}
