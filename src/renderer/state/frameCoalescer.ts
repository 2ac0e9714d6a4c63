// Coalesces stream events per animation frame: the UI applies one batch per frame however fast the stream is.

/** Runs a callback before the next paint; requestAnimationFrame in the page, a manual pump in tests. */
export type FrameScheduler = (callback: () => void) => void;

export const animationFrame: FrameScheduler = (callback) => {
  // A hidden tab gets no frames; fall back to a timer so state does not pile up until it is shown again.
  if (typeof document !== 'undefined' && document.visibilityState === 'hidden') setTimeout(callback, 250);
  else requestAnimationFrame(() => callback());
};

export interface KeyedCoalescer<T> {
  /** Keeps only the latest value per key until the flush (quotes: only the last one per symbol is drawn). */
  push(key: string, value: T): void;
  readonly pendingCount: number;
}

export function createKeyedCoalescer<T>(flush: (batch: ReadonlyMap<string, T>) => void, schedule: FrameScheduler = animationFrame): KeyedCoalescer<T> {
  let pending = new Map<string, T>();
  let scheduled = false;
  const run = () => {
    scheduled = false;
    const batch = pending;
    pending = new Map();
    if (batch.size > 0) flush(batch);
  };
  return {
    push(key, value) {
      pending.set(key, value);
      if (!scheduled) {
        scheduled = true;
        schedule(run);
      }
    },
    get pendingCount() {
      return pending.size;
    },
  };
}

export interface QueueCoalescer<T> {
  /** Keeps every value, in order (orders and fills: none may be dropped or reordered). */
  push(value: T): void;
  readonly pendingCount: number;
}

export function createQueueCoalescer<T>(flush: (batch: readonly T[]) => void, schedule: FrameScheduler = animationFrame): QueueCoalescer<T> {
  let pending: T[] = [];
  let scheduled = false;
  const run = () => {
    scheduled = false;
    const batch = pending;
    pending = [];
    if (batch.length > 0) flush(batch);
  };
  return {
    push(value) {
      pending.push(value);
      if (!scheduled) {
        scheduled = true;
        schedule(run);
      }
    },
    get pendingCount() {
      return pending.length;
    },
  };
}
