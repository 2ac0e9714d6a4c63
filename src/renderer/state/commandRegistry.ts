// Commands that panels and the shell register for the command palette (Ctrl/Cmd+K).
import { useEffect } from 'react';
import { create } from 'zustand';

export interface PaletteCommand {
  readonly id: string;
  readonly title: string;
  /** Shown right-aligned, e.g. "Alt+1". */
  readonly shortcut?: string;
  run(): void;
}

interface CommandRegistry {
  commands: Record<string, PaletteCommand>;
  register(commands: readonly PaletteCommand[]): () => void;
}

export const useCommandRegistry = create<CommandRegistry>((set) => ({
  commands: {},
  register(commands) {
    set((s) => ({ commands: { ...s.commands, ...Object.fromEntries(commands.map((c) => [c.id, c])) } }));
    return () =>
      set((s) => {
        const next = { ...s.commands };
        for (const c of commands) delete next[c.id];
        return { commands: next };
      });
  },
}));

/** Registers commands for as long as the calling component is mounted. Pass a memoized array. */
export function useRegisterCommands(commands: readonly PaletteCommand[]): void {
  const register = useCommandRegistry((s) => s.register);
  useEffect(() => register(commands), [register, commands]);
}

/** Case-insensitive match on every word of the query, in any order. */
export function filterCommands(commands: readonly PaletteCommand[], query: string): PaletteCommand[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return commands
    .filter((c) => words.every((w) => c.title.toLowerCase().includes(w)))
    .sort((a, b) => a.title.localeCompare(b.title));
}
