// One text prompt at a time (a typed palette command's argument): a question, and what to do with the answer.
import { create } from 'zustand';

export interface PromptRequest {
  readonly title: string;
  readonly label: string;
  readonly placeholder?: string;
  readonly initial?: string;
  readonly submitLabel: string;
  /** Resolves to null when accepted (the dialog closes), or to the reason it was refused (shown inline, the dialog stays). */
  onSubmit(value: string): Promise<string | null>;
}

interface PromptState {
  request: PromptRequest | null;
  ask(request: PromptRequest): void;
  close(): void;
}

export const usePrompt = create<PromptState>((set) => ({
  request: null,
  ask: (request) => set({ request }),
  close: () => set({ request: null }),
}));
