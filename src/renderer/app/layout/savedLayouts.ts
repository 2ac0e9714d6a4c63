// Saved workspace layouts (dockview's serialized form) in localStorage: the one in use and the trader's named ones,
// each checked with zod and against the known panels on load, so a broken or stale entry is refused by name. Pure
// apart from the injected storage.
import { z } from 'zod';

const finite = z.number().finite();
const groupState = z.object({ id: z.string().min(1), views: z.array(z.string().min(1)), activeView: z.string().optional() }).passthrough();
type GridNode = { type: 'leaf'; data: z.infer<typeof groupState>; size?: number; visible?: boolean } | { type: 'branch'; data: GridNode[]; size?: number; visible?: boolean };
const gridNode: z.ZodType<GridNode> = z.lazy(() =>
  z.union([
    z.object({ type: z.literal('leaf'), data: groupState, size: finite.optional(), visible: z.boolean().optional() }).passthrough(),
    z.object({ type: z.literal('branch'), data: z.array(gridNode), size: finite.optional(), visible: z.boolean().optional() }).passthrough(),
  ]),
) as z.ZodType<GridNode>;

export const serializedLayoutSchema = z
  .object({
    grid: z.object({ root: gridNode, width: finite, height: finite, orientation: z.enum(['HORIZONTAL', 'VERTICAL']) }).passthrough(),
    panels: z.record(z.string(), z.object({ id: z.string(), contentComponent: z.literal('panel').optional(), title: z.string().optional() }).passthrough()),
    activeGroup: z.string().optional(),
    floatingGroups: z.array(z.object({ data: groupState.optional() }).passthrough()).optional(),
    popoutGroups: z.array(z.object({ data: groupState.optional() }).passthrough()).optional(),
  })
  .passthrough();
export type SerializedLayout = z.infer<typeof serializedLayoutSchema>;

export const LAYOUT_NAME = /^[\p{L}\p{N} _.-]{1,40}$/u;

export type LayoutCheck = { ok: true; value: SerializedLayout } | { ok: false; error: string };

function groupsOf(node: GridNode, out: z.infer<typeof groupState>[]): void {
  if (node.type === 'leaf') out.push(node.data);
  else for (const child of node.data) groupsOf(child, out);
}

/** Parses a stored layout: the shape, and every panel known, shown in exactly one group, and listed. */
export function checkLayout(raw: unknown, knownPanels: readonly string[]): LayoutCheck {
  const parsed = serializedLayoutSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `${issue.path.join('.') || 'layout'}: ${issue.message}` };
  }
  const layout = parsed.data;
  const groups: z.infer<typeof groupState>[] = [];
  groupsOf(layout.grid.root, groups);
  for (const f of [...(layout.floatingGroups ?? []), ...(layout.popoutGroups ?? [])]) if (f.data) groups.push(f.data);
  const seen = new Set<string>();
  for (const g of groups) {
    for (const view of g.views) {
      if (!knownPanels.includes(view)) return { ok: false, error: `unknown panel '${view}'` };
      if (seen.has(view)) return { ok: false, error: `panel '${view}' is in two places` };
      if (!Object.hasOwn(layout.panels, view)) return { ok: false, error: `panel '${view}' is placed but not described` };
      seen.add(view);
    }
  }
  for (const id of Object.keys(layout.panels)) if (!seen.has(id)) return { ok: false, error: `panel '${id}' is described but not placed` };
  return { ok: true, value: layout };
}

export interface LayoutStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const CURRENT_KEY = 'nautilus.dock.current';
const NAMED_KEY = 'nautilus.dock.named';

/** The layout in use when the app last closed: null when none was stored, or the reason it is refused. */
export function loadCurrentLayout(storage: LayoutStorage, knownPanels: readonly string[]): LayoutCheck | null {
  const text = storage.getItem(CURRENT_KEY);
  if (text === null) return null;
  try {
    return checkLayout(JSON.parse(text), knownPanels);
  } catch (e) {
    return { ok: false, error: `not JSON: ${(e as Error).message}` };
  }
}

export const saveCurrentLayout = (storage: LayoutStorage, layout: SerializedLayout): void => storage.setItem(CURRENT_KEY, JSON.stringify(layout));

function namedRecord(storage: LayoutStorage): Record<string, unknown> {
  try {
    const raw = JSON.parse(storage.getItem(NAMED_KEY) ?? '{}') as unknown;
    return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The names of the saved layouts, sorted. */
export const namedLayouts = (storage: LayoutStorage): string[] => Object.keys(namedRecord(storage)).filter((n) => LAYOUT_NAME.test(n)).sort();

/** A named layout, checked; the reason when it is missing or broken. */
export function loadNamedLayout(storage: LayoutStorage, name: string, knownPanels: readonly string[]): LayoutCheck {
  const record = namedRecord(storage);
  if (!Object.hasOwn(record, name)) return { ok: false, error: `no layout named '${name}'` };
  return checkLayout(record[name], knownPanels);
}

/** Saves under a name (letters, digits, spaces, _ . -; at most 40); the reason when the name is refused. */
export function saveNamedLayout(storage: LayoutStorage, name: string, layout: SerializedLayout): string | null {
  const trimmed = name.trim();
  if (!LAYOUT_NAME.test(trimmed)) return 'a name is 1 to 40 letters, digits, spaces, _ . or -';
  storage.setItem(NAMED_KEY, JSON.stringify({ ...namedRecord(storage), [trimmed]: layout }));
  return null;
}
