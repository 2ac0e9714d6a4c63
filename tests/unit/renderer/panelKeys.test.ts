// Every panel's Alt shortcut is its own, and none is a default trading hotkey (Alt+B buys, Alt+S sells).
import { describe, expect, it } from 'vitest';
import { PANEL_KEYS } from '../../../src/renderer/panels/panelKeys';
import { DEFAULT_BINDINGS } from '../../../src/renderer/state/hotkeys';

describe('panel shortcuts', () => {
  it('are distinct digits or upper-case letters', () => {
    const keys = Object.values(PANEL_KEYS);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[0-9A-Z]$/);
  });

  it('never take a default trading hotkey', () => {
    const trading = new Set(Object.values(DEFAULT_BINDINGS));
    for (const [id, key] of Object.entries(PANEL_KEYS)) expect(trading.has(`Alt+${key}`), `${id}: Alt+${key}`).toBe(false);
  });
});
