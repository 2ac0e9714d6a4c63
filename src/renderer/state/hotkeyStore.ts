// The trader's hotkey bindings and the single-key opt-in, persisted in localStorage.
import { create } from 'zustand';
import { DEFAULT_BINDINGS, isChord, loadBindings, rebind, type HotkeyAction, type HotkeyBindings, type RebindResult } from './hotkeys';

const KEY = 'nautilus.hotkeys';
const SINGLE_KEY = 'nautilus.hotkeys.singleKeys';

interface HotkeyState {
  bindings: HotkeyBindings;
  /** Single-key trading hotkeys (B, S, F …): off unless the trader turns them on. */
  singleKeys: boolean;
  rebind(action: HotkeyAction, combo: string): RebindResult;
  setSingleKeys(on: boolean): void;
  reset(): void;
}

const save = (bindings: HotkeyBindings) => globalThis.localStorage?.setItem(KEY, JSON.stringify(bindings));
const storedSingleKeys = globalThis.localStorage?.getItem(SINGLE_KEY) === 'true';

export const useHotkeys = create<HotkeyState>((set, get) => ({
  bindings: loadBindings(globalThis.localStorage?.getItem(KEY), storedSingleKeys),
  singleKeys: storedSingleKeys,
  rebind(action, combo) {
    const result = rebind(get().bindings, action, combo, get().singleKeys);
    if (result.ok) {
      save(result.value);
      set({ bindings: result.value });
    }
    return result;
  },
  setSingleKeys(on) {
    globalThis.localStorage?.setItem(SINGLE_KEY, String(on));
    // Turning the opt-in off puts every single-key action back on its default chord.
    const bindings = on ? get().bindings : (Object.fromEntries(Object.entries(get().bindings).map(([a, c]) => [a, isChord(c) ? c : DEFAULT_BINDINGS[a as HotkeyAction]])) as unknown as HotkeyBindings);
    save(bindings);
    set({ singleKeys: on, bindings });
  },
  reset() {
    save(DEFAULT_BINDINGS);
    set({ bindings: DEFAULT_BINDINGS });
  },
}));
