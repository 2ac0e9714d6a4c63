// Trading hotkeys as data: the actions, their default keys, how a key event becomes a combo, and rebinding.

export const HOTKEY_ACTIONS = ['ticket.buy', 'ticket.sell', 'ticket.priceUp', 'ticket.priceDown', 'orders.cancelAll', 'positions.flatten'] as const;
export type HotkeyAction = (typeof HOTKEY_ACTIONS)[number];
export type HotkeyBindings = Readonly<Record<HotkeyAction, string>>;

export const HOTKEY_TITLES: Readonly<Record<HotkeyAction, string>> = {
  'ticket.buy': 'Start a buy for the selected symbol',
  'ticket.sell': 'Start a sell for the selected symbol',
  'ticket.priceUp': 'Nudge the ticket price up one tick',
  'ticket.priceDown': 'Nudge the ticket price down one tick',
  'orders.cancelAll': 'Cancel all working orders',
  'positions.flatten': 'Flatten the selected position',
};

export const DEFAULT_BINDINGS: HotkeyBindings = {
  'ticket.buy': 'B',
  'ticket.sell': 'S',
  'ticket.priceUp': '+',
  'ticket.priceDown': '-',
  'orders.cancelAll': 'Ctrl+Shift+X',
  'positions.flatten': 'F',
};

export interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

const MODIFIER_KEYS = new Set(['Control', 'Shift', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);
const NAMED = new Set(['Enter', 'Escape', 'Tab', 'Backspace', 'Delete', 'Insert', 'Home', 'End', 'PageUp', 'PageDown', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Space']);

function keyName(key: string): string | null {
  if (key === ' ') return 'Space';
  if (/^F([1-9]|1[0-2])$/.test(key) || NAMED.has(key)) return key;
  if ([...key].length === 1) return key.toUpperCase();
  return null;
}

/**
 * The canonical combo of a key event, e.g. `Ctrl+Shift+X`, `B`, `+`; null for a bare modifier.
 * Cmd counts as Ctrl (one binding on every OS). Shift is kept for letters and named keys but dropped for
 * symbols, because it is how `+` is typed on most layouts, not a choice the trader makes.
 */
export function comboOf(event: KeyLike): string | null {
  if (MODIFIER_KEYS.has(event.key)) return null;
  const name = keyName(event.key);
  if (!name) return null;
  const isSymbol = name.length === 1 && !/[A-Z0-9]/.test(name);
  const parts: string[] = [];
  if (event.ctrlKey || event.metaKey) parts.push('Ctrl');
  if (event.altKey) parts.push('Alt');
  if (event.shiftKey && !isSymbol) parts.push('Shift');
  parts.push(name);
  return parts.join('+');
}

/** Parses a combo the trader typed (`ctrl+shift+x`, `cmd+k`, `f`) into canonical form; null when it is not one. */
export function normalizeCombo(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  // A lone `+` is the plus key; `Ctrl++` is Ctrl and plus.
  const parts = trimmed.endsWith('++') ? [...trimmed.slice(0, -2).split('+'), '+'] : trimmed === '+' ? ['+'] : trimmed.split('+');
  const key = parts.pop() ?? '';
  const mods = new Set(parts.map((p) => p.trim().toLowerCase()));
  for (const m of mods) if (!['ctrl', 'control', 'cmd', 'meta', 'alt', 'option', 'shift'].includes(m)) return null;
  const named = [...NAMED].find((n) => n.toLowerCase() === key.toLowerCase()) ?? (/^f([1-9]|1[0-2])$/i.test(key) ? key.toUpperCase() : key === 'space' ? ' ' : key);
  return comboOf({
    key: named,
    ctrlKey: mods.has('ctrl') || mods.has('control') || mods.has('cmd') || mods.has('meta'),
    metaKey: false,
    altKey: mods.has('alt') || mods.has('option'),
    shiftKey: mods.has('shift'),
  });
}

export function actionFor(bindings: HotkeyBindings, combo: string | null): HotkeyAction | undefined {
  if (!combo) return undefined;
  return HOTKEY_ACTIONS.find((a) => bindings[a] === combo);
}

/** Combos the shell owns (palette, panel focus) or that editing needs: never given to a trading action. */
export function isReservedCombo(combo: string): boolean {
  return combo === 'Ctrl+K' || /^Alt\+[1-9]$/.test(combo) || ['Enter', 'Escape', 'Tab', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Backspace'].includes(combo);
}

export type RebindResult = { ok: true; value: HotkeyBindings } | { ok: false; error: { code: 'RESERVED'; combo: string } | { code: 'IN_USE'; combo: string; by: HotkeyAction } };

export function rebind(bindings: HotkeyBindings, action: HotkeyAction, combo: string): RebindResult {
  if (isReservedCombo(combo)) return { ok: false, error: { code: 'RESERVED', combo } };
  const holder = actionFor(bindings, combo);
  if (holder && holder !== action) return { ok: false, error: { code: 'IN_USE', combo, by: holder } };
  return { ok: true, value: { ...bindings, [action]: combo } };
}

/** Reads stored bindings, keeping the defaults for anything missing, malformed or clashing. */
export function loadBindings(raw: string | null | undefined): HotkeyBindings {
  if (!raw) return DEFAULT_BINDINGS;
  let stored: unknown;
  try {
    stored = JSON.parse(raw);
  } catch {
    return DEFAULT_BINDINGS;
  }
  if (typeof stored !== 'object' || stored === null) return DEFAULT_BINDINGS;
  let bindings: HotkeyBindings = DEFAULT_BINDINGS;
  for (const action of HOTKEY_ACTIONS) {
    const value = (stored as Record<string, unknown>)[action];
    const combo = typeof value === 'string' ? normalizeCombo(value) : null;
    if (!combo || combo === bindings[action]) continue;
    const next = rebind(bindings, action, combo);
    if (next.ok) bindings = next.value;
  }
  return bindings;
}

/** Single printable keys (B, F, +) are hotkeys only outside text fields; with Ctrl or Alt they work everywhere. */
export const worksWhileTyping = (combo: string): boolean => combo.startsWith('Ctrl+') || combo.startsWith('Alt+') || /^F([1-9]|1[0-2])$/.test(combo);
