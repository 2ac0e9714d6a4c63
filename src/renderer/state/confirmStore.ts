// One confirmation dialog at a time: a question naming exactly what will happen, what to do on yes, and which
// confirmations the trader chose not to see again (persisted per action).
import { create } from 'zustand';

/** Confirmations the trader may switch off ("don't ask again"); anything else always asks. */
export const SKIPPABLE_CONFIRMATIONS = ['positions.flatten', 'orders.cancelAll', 'risk.killSwitchRelease', 'risk.reduceOnlyOff'] as const;
export type SkippableConfirmation = (typeof SKIPPABLE_CONFIRMATIONS)[number];

export const SKIPPABLE_TITLES: Readonly<Record<SkippableConfirmation, string>> = {
  'positions.flatten': 'Flatten a position',
  'orders.cancelAll': 'Cancel all working orders',
  'risk.killSwitchRelease': 'Re-enable trading after the kill switch',
  'risk.reduceOnlyOff': 'Turn reduce-only off',
};

export interface ConfirmRequest {
  readonly title: string;
  readonly message: string;
  /** More lines under the message (each precautionary check that tripped, say). */
  readonly details?: readonly string[];
  readonly confirmLabel: string;
  readonly danger?: boolean;
  /** Loses money or position if confirmed by accident: the focus starts on Cancel, so Enter backs out. */
  readonly destructive?: boolean;
  /** Offers "don't ask again" for this action. */
  readonly skippable?: SkippableConfirmation;
  onConfirm(): void;
  onCancel?(): void;
}

interface ConfirmState {
  request: ConfirmRequest | null;
  skipped: Readonly<Record<SkippableConfirmation, boolean>>;
  /** Shows the dialog, or runs `onConfirm` at once when the trader chose not to be asked for this action. */
  ask(request: ConfirmRequest): void;
  close(): void;
  setSkipped(action: SkippableConfirmation, skip: boolean): void;
}

const KEY = 'nautilus.confirmations.skipped';

function loadSkipped(): Record<SkippableConfirmation, boolean> {
  const out = Object.fromEntries(SKIPPABLE_CONFIRMATIONS.map((a) => [a, false])) as Record<SkippableConfirmation, boolean>;
  try {
    const raw = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? 'null') as unknown;
    if (raw && typeof raw === 'object') for (const a of SKIPPABLE_CONFIRMATIONS) out[a] = (raw as Record<string, unknown>)[a] === true;
  } catch {
    // A malformed entry asks every time, the safe reading.
  }
  return out;
}

export const useConfirm = create<ConfirmState>((set, get) => ({
  request: null,
  skipped: loadSkipped(),
  ask: (request) => {
    if (request.skippable && get().skipped[request.skippable]) {
      request.onConfirm();
      return;
    }
    set((s) => {
      s.request?.onCancel?.();
      return { request };
    });
  },
  close: () => set({ request: null }),
  setSkipped: (action, skip) => {
    const skipped = { ...get().skipped, [action]: skip };
    globalThis.localStorage?.setItem(KEY, JSON.stringify(skipped));
    set({ skipped });
  },
}));
