// One confirmation dialog at a time (kill switch, dragging an order's price): a question, and what to do on yes.
import { create } from 'zustand';

export interface ConfirmRequest {
  readonly title: string;
  readonly message: string;
  readonly confirmLabel: string;
  readonly danger?: boolean;
  onConfirm(): void;
  onCancel?(): void;
}

interface ConfirmState {
  request: ConfirmRequest | null;
  ask(request: ConfirmRequest): void;
  close(): void;
}

export const useConfirm = create<ConfirmState>((set) => ({
  request: null,
  ask: (request) => set((s) => {
    s.request?.onCancel?.();
    return { request };
  }),
  close: () => set({ request: null }),
}));
