// Notifications the workspace raises (rejections, fills, disconnections): toasts for a few seconds, and a log.
import { create } from 'zustand';
import type { LogEntry } from '../../shared/contracts/system';

export type ToastLevel = 'info' | 'success' | 'warn' | 'error';

export interface Toast {
  readonly id: number;
  readonly level: ToastLevel;
  readonly title: string;
  readonly detail?: string;
  readonly time: number;
  /** Toasts sharing a key replace each other (every partial fill of one order is one toast). */
  readonly key?: string;
}

// A few at a time: more would cover the panels a trader is watching.
const MAX_TOASTS = 3;
const MAX_LOG = 500;

interface NotificationState {
  toasts: readonly Toast[];
  /** The same notifications as log entries, merged into the log panel (source `workspace`). */
  log: readonly LogEntry[];
  notify(level: ToastLevel, title: string, detail?: string, key?: string): void;
  dismiss(id: number): void;
}

let nextId = 1;
const LOG_LEVEL: Record<ToastLevel, LogEntry['level']> = { info: 'info', success: 'info', warn: 'warn', error: 'error' };

export const useNotifications = create<NotificationState>((set) => ({
  toasts: [],
  log: [],
  notify: (level, title, detail, key) =>
    set((s) => {
      const time = Date.now();
      const toast: Toast = { id: nextId++, level, title, time, ...(detail ? { detail } : {}), ...(key ? { key } : {}) };
      const entry: LogEntry = { time, level: LOG_LEVEL[level], source: 'workspace', message: detail ? `${title}: ${detail}` : title };
      const others = key ? s.toasts.filter((t) => t.key !== key) : s.toasts;
      return { toasts: [...others, toast].slice(-MAX_TOASTS), log: [...s.log, entry].slice(-MAX_LOG) };
    }),
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

export const notify = (level: ToastLevel, title: string, detail?: string, key?: string): void => useNotifications.getState().notify(level, title, detail, key);
