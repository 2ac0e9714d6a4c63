// The trader's hotkey bindings, persisted in localStorage.
import { create } from 'zustand';
import { DEFAULT_BINDINGS, loadBindings, rebind, type HotkeyAction, type HotkeyBindings, type RebindResult } from './hotkeys';

const KEY = 'nautilus.hotkeys';

interface HotkeyState {
  bindings: HotkeyBindings;
  rebind(action: HotkeyAction, combo: string): RebindResult;
  reset(): void;
}

const save = (bindings: HotkeyBindings) => globalThis.localStorage?.setItem(KEY, JSON.stringify(bindings));

export const useHotkeys = create<HotkeyState>((set, get) => ({
  bindings: loadBindings(globalThis.localStorage?.getItem(KEY)),
  rebind(action, combo) {
    const result = rebind(get().bindings, action, combo);
    if (result.ok) {
      save(result.value);
      set({ bindings: result.value });
    }
    return result;
  },
  reset() {
    save(DEFAULT_BINDINGS);
    set({ bindings: DEFAULT_BINDINGS });
  },
}));
