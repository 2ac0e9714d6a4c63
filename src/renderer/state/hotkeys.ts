// Trading hotkeys as data: the actions, their default chords, how a key event becomes a combo, and rebinding.

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

/**
 * Every default is a chord (Ctrl/Alt or an F-key), so a ticker typed with the focus somewhere unexpected never trades.
 * Single keys (B, F, +) are available only once the trader turns them on in the hotkey settings.
 */
export const DEFAULT_BINDINGS: HotkeyBindings = {
  'ticket.buy': 'Alt+B',
  'ticket.sell': 'Alt+S',
  'ticket.priceUp': 'Alt+ArrowUp',
  'ticket.priceDown': 'Alt+ArrowDown',
  'orders.cancelAll': 'Ctrl+Shift+X',
  'positions.flatten': 'Ctrl+Shift+F',
};

/** A chord: held with Ctrl (Cmd) or Alt, or an F-key. Anything else is a single key that typing can hit by accident. */
export const isChord = (combo: string): boolean => combo.startsWith('Ctrl+') || combo.startsWith('Alt+') || /^(?:Shift\+)?F([1-9]|1[0-2])$/.test(combo);

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

export type RebindError = { code: 'RESERVED'; combo: string } | { code: 'IN_USE'; combo: string; by: HotkeyAction } | { code: 'SINGLE_KEY_OFF'; combo: string };
export type RebindResult = { ok: true; value: HotkeyBindings } | { ok: false; error: RebindError };

/** `singleKeys`: the trader has opted in to single-key trading hotkeys; without it only chords can be bound. */
export function rebind(bindings: HotkeyBindings, action: HotkeyAction, combo: string, singleKeys = false): RebindResult {
  if (isReservedCombo(combo)) return { ok: false, error: { code: 'RESERVED', combo } };
  if (!singleKeys && !isChord(combo)) return { ok: false, error: { code: 'SINGLE_KEY_OFF', combo } };
  const holder = actionFor(bindings, combo);
  if (holder && holder !== action) return { ok: false, error: { code: 'IN_USE', combo, by: holder } };
  return { ok: true, value: { ...bindings, [action]: combo } };
}

/** Reads stored bindings, keeping the defaults for anything missing, malformed, clashing, or a single key not opted in. */
export function loadBindings(raw: string | null | undefined, singleKeys = false): HotkeyBindings {
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
    const next = rebind(bindings, action, combo, singleKeys);
    if (next.ok) bindings = next.value;
  }
  return bindings;
}

/** Single printable keys (B, F, +) are hotkeys only outside text fields; chords work everywhere. */
export const worksWhileTyping = isChord;

/** Whether a combo may fire now: single keys only when opted in (bindings stored before the opt-in was turned off). */
export const mayFire = (combo: string, singleKeys: boolean): boolean => singleKeys || isChord(combo);

/** Readable text for a refused rebind. */
export function describeRebindError(error: RebindError, titles: Readonly<Record<HotkeyAction, string>>): string {
  switch (error.code) {
    case 'RESERVED':
      return `${error.combo} is reserved for the workspace`;
    case 'IN_USE':
      return `${error.combo} is already used for “${titles[error.by]}”`;
    case 'SINGLE_KEY_OFF':
      return `${error.combo} is a single key: turn on “single-key trading hotkeys” first, or use Ctrl, Alt or an F-key`;
    default: {
      const never: never = error;
      return never;
    }
  }
}
