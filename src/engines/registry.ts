// The engines the backend starts, by name. Each has an entry under src/engines/<name>/entry.ts.

export const ENGINE_NAMES = ['features'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];
