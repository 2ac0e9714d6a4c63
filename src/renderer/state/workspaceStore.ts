// UI state: backend connection, engine health, focused panel, palette, theme, layout. Persisted where it is a preference.
import { create } from 'zustand';
import type { EngineHealth } from '../../shared/contracts/engines';
import type { ConnectionState } from '../api/webSocketTransport';

export type Theme = 'dark' | 'light';
/** Named arrangements of the grid (see styles.css `.workspace[data-layout]`). */
export const LAYOUTS = ['trading', 'research'] as const;
export type LayoutName = (typeof LAYOUTS)[number];

export interface LayoutState {
  readonly name: LayoutName;
  /** A panel shown alone over the whole workspace, or null. */
  readonly maximized: string | null;
}

interface WorkspaceState {
  connection: ConnectionState;
  connectionDetail: string | undefined;
  engines: Record<string, EngineHealth>;
  focusedPanel: string;
  paletteOpen: boolean;
  settingsOpen: boolean;
  theme: Theme;
  layout: LayoutState;
  setConnection(state: ConnectionState, detail?: string): void;
  setEngineHealth(health: EngineHealth): void;
  setAllEngineHealth(list: readonly EngineHealth[]): void;
  focusPanel(id: string): void;
  setPaletteOpen(open: boolean): void;
  setSettingsOpen(open: boolean): void;
  toggleTheme(): void;
  setLayout(name: LayoutName): void;
  toggleMaximized(panelId: string): void;
}

const THEME_KEY = 'nautilus.theme';
const LAYOUT_KEY = 'nautilus.layout';
const FOCUS_KEY = 'nautilus.focusedPanel';

function storedLayout(): LayoutState {
  try {
    const raw = JSON.parse(globalThis.localStorage?.getItem(LAYOUT_KEY) ?? 'null') as Partial<LayoutState> | null;
    return {
      name: LAYOUTS.includes(raw?.name as LayoutName) ? (raw!.name as LayoutName) : 'trading',
      maximized: typeof raw?.maximized === 'string' ? raw.maximized : null,
    };
  } catch {
    return { name: 'trading', maximized: null };
  }
}
const saveLayout = (layout: LayoutState) => globalThis.localStorage?.setItem(LAYOUT_KEY, JSON.stringify(layout));

const storedTheme = (): Theme => (globalThis.localStorage?.getItem(THEME_KEY) === 'light' ? 'light' : 'dark');

export const useWorkspace = create<WorkspaceState>((set) => ({
  connection: 'connecting',
  connectionDetail: undefined,
  engines: {},
  focusedPanel: globalThis.localStorage?.getItem(FOCUS_KEY) ?? 'watchlist',
  paletteOpen: false,
  settingsOpen: false,
  theme: storedTheme(),
  layout: storedLayout(),
  setConnection: (connection, connectionDetail) => set({ connection, connectionDetail }),
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
    set((s) => {
      // Focusing another panel while one is maximized brings the whole layout back, so the panel is visible.
      if (!s.layout.maximized || s.layout.maximized === focusedPanel) return { focusedPanel };
      const layout: LayoutState = { ...s.layout, maximized: null };
      saveLayout(layout);
      return { focusedPanel, layout };
    });
  },
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
  toggleTheme: () =>
    set((s) => {
      const theme: Theme = s.theme === 'dark' ? 'light' : 'dark';
      globalThis.localStorage?.setItem(THEME_KEY, theme);
      return { theme };
    }),
  setLayout: (name) =>
    set(() => {
      const layout: LayoutState = { name, maximized: null };
      saveLayout(layout);
      return { layout };
    }),
  toggleMaximized: (panelId) =>
    set((s) => {
      const layout: LayoutState = { ...s.layout, maximized: s.layout.maximized === panelId ? null : panelId };
      saveLayout(layout);
      return { layout };
    }),
}));
