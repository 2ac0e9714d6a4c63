// Logs refused requests without letting a flood become a flood of log entries: the first refusal of a kind from an
// address is logged as it happens, the rest of its window as one line ("599 more refused upgrades from …").
export const REFUSAL_WINDOW_MS = 10_000;

export type RefusalKind = 'request' | 'upgrade';

export interface RefusalLogOptions {
  log: (message: string) => void;
  windowMs?: number;
  setTimer?: (fn: () => void, ms: number) => { unref?(): void };
}

export interface RefusalLog {
  refused(kind: RefusalKind, remote: string, reason: string): void;
  /** Writes the counts still open and stops the timers. */
  close(): void;
}

interface Window {
  more: number;
  lastReason: string;
}

export function createRefusalLog(options: RefusalLogOptions): RefusalLog {
  const windowMs = options.windowMs ?? REFUSAL_WINDOW_MS;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const windows = new Map<string, Window>();
  let closed = false;

  const summarize = (key: string) => {
    const window = windows.get(key);
    windows.delete(key);
    if (!window || window.more === 0) return;
    const [kind, remote] = key.split('\u0000') as [RefusalKind, string];
    options.log(`${window.more} more refused ${kind}s from ${remote} in the last ${Math.round(windowMs / 1000)} s (last: ${window.lastReason})`);
  };

  return {
    refused(kind, remote, reason) {
      if (closed) return;
      const key = `${kind}\u0000${remote}`;
      const window = windows.get(key);
      if (window) {
        window.more += 1;
        window.lastReason = reason;
        return;
      }
      windows.set(key, { more: 0, lastReason: reason });
      options.log(`${kind} refused from ${remote}: ${reason}`);
      setTimer(() => summarize(key), windowMs).unref?.();
    },
    close() {
      for (const key of [...windows.keys()]) summarize(key);
      closed = true;
    },
  };
}
