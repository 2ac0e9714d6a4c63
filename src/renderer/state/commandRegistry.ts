// Commands that panels and the shell register for the command palette (Ctrl/Cmd+K).
import { useEffect } from 'react';
import { create } from 'zustand';

export interface PaletteCommand {
  readonly id: string;
  readonly title: string;
  /** Shown right-aligned, e.g. "Alt+1". */
  readonly shortcut?: string;
  /** Trades, cancels or routes: never pre-selected, listed after everything else. */
  readonly destructive?: boolean;
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

/**
 * Case-insensitive match on every word of the query, in any order. Ranked: safe commands before destructive ones,
 * then by recent use (`recent`, most recent first), then by title. So the first item, the one Enter runs, is never
 * destructive while any safe command matches.
 */
export function filterCommands(commands: readonly PaletteCommand[], query: string, recent: readonly string[] = []): PaletteCommand[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const rank = (c: PaletteCommand) => {
    const at = recent.indexOf(c.id);
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  return commands
    .filter((c) => words.every((w) => c.title.toLowerCase().includes(w)))
    .sort((a, b) => Number(a.destructive ?? false) - Number(b.destructive ?? false) || rank(a) - rank(b) || a.title.localeCompare(b.title));
}

const RECENT_KEY = 'nautilus.palette.recent';
const MAX_RECENT = 20;

export function loadRecentCommands(): string[] {
  try {
    const raw = JSON.parse(globalThis.localStorage?.getItem(RECENT_KEY) ?? '[]') as unknown;
    return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string').slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

/** Remembers a command as the most recently run one. */
export function recordCommandUse(id: string): void {
  const next = [id, ...loadRecentCommands().filter((x) => x !== id)].slice(0, MAX_RECENT);
  globalThis.localStorage?.setItem(RECENT_KEY, JSON.stringify(next));
}
