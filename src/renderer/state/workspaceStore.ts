// UI state: backend connection (and when data last arrived), engine health, UI scale, focused panel, palette, theme, the maximized panel. Persisted where it is a preference (the layout itself: app/layout).
import { create } from 'zustand';
import type { EngineHealth } from '../../shared/contracts/engines';
import type { ConnectionState } from '../api/webSocketTransport';

export type Theme = 'dark' | 'light';
/** UI scale steps (the root zoom): 80% to 150%. `auto` scales with the window's width (large screens read larger). */
export const UI_SCALES = [0.8, 0.9, 1, 1.1, 1.25, 1.5] as const;
export type UiScale = (typeof UI_SCALES)[number] | 'auto';

/** The scale `auto` stands for at a window `width` CSS pixels wide: 1 up to 1920, larger beyond (1.25 at 2560). */
export function autoScale(width: number): number {
  if (width >= 2400) return 1.25;
  if (width >= 2000) return 1.1;
  return 1;
}

export interface LayoutState {
  /** The panel shown alone over the whole workspace (the dock's maximized group), or null. */
  readonly maximized: string | null;
}

interface WorkspaceState {
  connection: ConnectionState;
  connectionDetail: string | undefined;
  /** When the last stream message arrived (epoch ms): what "data as of" means while disconnected. */
  lastMessageAt: number | null;
  uiScale: UiScale;
  engines: Record<string, EngineHealth>;
  focusedPanel: string;
  paletteOpen: boolean;
  settingsOpen: boolean;
  theme: Theme;
  layout: LayoutState;
  setConnection(state: ConnectionState, detail?: string): void;
  markMessage(at: number): void;
  setUiScale(scale: UiScale): void;
  setEngineHealth(health: EngineHealth): void;
  setAllEngineHealth(list: readonly EngineHealth[]): void;
  focusPanel(id: string): void;
  setPaletteOpen(open: boolean): void;
  setSettingsOpen(open: boolean): void;
  toggleTheme(): void;
  /** Follows the dock: which panel is maximized. */
  setMaximized(panelId: string | null): void;
}

const THEME_KEY = 'nautilus.theme';
const FOCUS_KEY = 'nautilus.focusedPanel';
const SCALE_KEY = 'nautilus.uiScale';

function storedScale(): UiScale {
  const raw = globalThis.localStorage?.getItem(SCALE_KEY);
  const n = Number(raw);
  return (UI_SCALES as readonly number[]).includes(n) ? (n as UiScale) : 'auto';
}

const storedTheme = (): Theme => (globalThis.localStorage?.getItem(THEME_KEY) === 'light' ? 'light' : 'dark');

export const useWorkspace = create<WorkspaceState>((set) => ({
  connection: 'connecting',
  connectionDetail: undefined,
  lastMessageAt: null,
  uiScale: storedScale(),
  engines: {},
  focusedPanel: globalThis.localStorage?.getItem(FOCUS_KEY) ?? 'watchlist',
  paletteOpen: false,
  settingsOpen: false,
  theme: storedTheme(),
  layout: { maximized: null },
  setConnection: (connection, connectionDetail) => set({ connection, connectionDetail }),
  markMessage: (lastMessageAt) => set({ lastMessageAt }),
  setUiScale: (uiScale) => {
    globalThis.localStorage?.setItem(SCALE_KEY, String(uiScale));
    set({ uiScale });
  },
  // Health events are newer than any list answer: never let an older `since` overwrite a newer one.
  setEngineHealth: (health) =>
    set((s) => {
      const current = s.engines[health.name];
      if (current && current.since > health.since) return s;
      return { engines: { ...s.engines, [health.name]: health } };
    }),
  setAllEngineHealth: (list) =>
    set((s) => {
      const engines = { ...s.engines };
      for (const h of list) if (!engines[h.name] || engines[h.name]!.since <= h.since) engines[h.name] = h;
      return { engines };
    }),
  focusPanel: (focusedPanel) => {
    globalThis.localStorage?.setItem(FOCUS_KEY, focusedPanel);
    set({ focusedPanel });
  },
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
  toggleTheme: () =>
    set((s) => {
      const theme: Theme = s.theme === 'dark' ? 'light' : 'dark';
      globalThis.localStorage?.setItem(THEME_KEY, theme);
      return { theme };
    }),
  setMaximized: (maximized) => set((s) => (s.layout.maximized === maximized ? s : { layout: { maximized } })),
}));
