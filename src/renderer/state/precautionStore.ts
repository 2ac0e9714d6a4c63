// Precautionary check settings per account (the destination: SIM, IB PAPER, IB LIVE), persisted in localStorage.
import { create } from 'zustand';
import { DEFAULT_PRECAUTIONS, parsePrecautionSettings, type PrecautionSettings } from '../panels/ticket/precautions';

const KEY = 'nautilus.precautions';

interface PrecautionState {
  byAccount: Readonly<Record<string, PrecautionSettings>>;
  settingsOpen: boolean;
  settingsFor(account: string): PrecautionSettings;
  set(account: string, settings: PrecautionSettings): void;
  setSettingsOpen(open: boolean): void;
}

function load(): Record<string, PrecautionSettings> {
  try {
    const raw = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? 'null') as unknown;
    if (!raw || typeof raw !== 'object') return {};
    return Object.fromEntries(Object.entries(raw as Record<string, unknown>).map(([account, s]) => [account, parsePrecautionSettings(s)]));
  } catch {
    return {};
  }
}

export const usePrecautions = create<PrecautionState>((set, get) => ({
  byAccount: load(),
  settingsOpen: false,
  settingsFor: (account) => get().byAccount[account] ?? DEFAULT_PRECAUTIONS,
  set: (account, settings) => {
    const byAccount = { ...get().byAccount, [account]: parsePrecautionSettings(settings) };
    globalThis.localStorage?.setItem(KEY, JSON.stringify(byAccount));
    set({ byAccount });
  },
  setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
}));
