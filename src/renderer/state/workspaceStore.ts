// UI state: backend connection, engine health, focused panel, palette, theme. Persisted where it is a preference.
import { create } from 'zustand';
import type { EngineHealth } from '../../shared/contracts/engines';
import type { ConnectionState } from '../api/webSocketTransport';

export type Theme = 'dark' | 'light';

interface WorkspaceState {
  connection: ConnectionState;
  connectionDetail: string | undefined;
  engines: Record<string, EngineHealth>;
  focusedPanel: string;
  paletteOpen: boolean;
  theme: Theme;
  setConnection(state: ConnectionState, detail?: string): void;
  setEngineHealth(health: EngineHealth): void;
  setAllEngineHealth(list: readonly EngineHealth[]): void;
  focusPanel(id: string): void;
  setPaletteOpen(open: boolean): void;
  toggleTheme(): void;
}

const THEME_KEY = 'nautilus.theme';
const storedTheme = (): Theme => (globalThis.localStorage?.getItem(THEME_KEY) === 'light' ? 'light' : 'dark');

export const useWorkspace = create<WorkspaceState>((set) => ({
  connection: 'connecting',
  connectionDetail: undefined,
  engines: {},
  focusedPanel: 'watchlist',
  paletteOpen: false,
  theme: storedTheme(),
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
  focusPanel: (focusedPanel) => set({ focusedPanel }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  toggleTheme: () =>
    set((s) => {
      const theme: Theme = s.theme === 'dark' ? 'light' : 'dark';
      globalThis.localStorage?.setItem(THEME_KEY, theme);
      return { theme };
    }),
}));
