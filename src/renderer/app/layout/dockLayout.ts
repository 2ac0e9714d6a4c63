// The live docking workspace (dockview) behind the shell: the default arrangements, named layouts saved and restored,
// and the panel moves the shortcuts and the palette make (show, maximize, float, pop out).
import type { DockviewApi, IDockviewPanel } from 'dockview-react';
import { notify } from '../../state/notificationStore';
import { PANELS } from '../../panels/registry';
import { loadCurrentLayout, loadNamedLayout, saveCurrentLayout, saveNamedLayout, type LayoutStorage, type SerializedLayout } from './savedLayouts';

export const PANEL_IDS = PANELS.map((p) => p.id);
export const LAYOUT_PRESETS = ['trading', 'research'] as const;
export type LayoutPreset = (typeof LAYOUT_PRESETS)[number];

let dock: DockviewApi | null = null;
export const dockApi = (): DockviewApi | null => dock;
export const setDockApi = (api: DockviewApi | null): void => void (dock = api);
const storage = (): LayoutStorage | null => globalThis.localStorage ?? null;

const addPanel = (api: DockviewApi, id: string, position?: Parameters<DockviewApi['addPanel']>[0]['position'], inactive = false): IDockviewPanel =>
  // Rendered inside its group (dockview's default), not in a positioned overlay: the overlay is placed from measured
  // coordinates, which the UI scale (CSS zoom on the root) throws off. A panel behind another tab leaves the DOM but
  // its React tree (a portal) stays mounted.
  api.addPanel({ id, component: 'panel', title: PANELS.find((p) => p.id === id)!.title, ...(position ? { position } : {}), ...(inactive ? { inactive } : {}) });

/** Rows of panels, each row's panels side by side with their width shares; the rows' height shares. */
interface Arrangement {
  readonly rows: readonly { readonly height: number; readonly panels: readonly (readonly [string, number])[] }[];
}

/**
 * The default arrangements. Every panel in view at once, as the grid used to show them: wide screens three rows of
 * three; laptop widths (≤1440, 1280×720 included) give the blotter the width of two panels so its status and prices
 * stay visible, and stack backtests over research beside positions and the log.
 */
function arrangement(preset: LayoutPreset, width: number): Arrangement {
  const research = preset === 'research';
  if (width <= 1440) {
    return {
      rows: [
        { height: research ? 1.1 : 1.45, panels: [['watchlist', 2.2], ['chart', 2.1], ['ticket', 1.8]] },
        { height: research ? 0.9 : 1.35, panels: [['blotter', 4.2], ['risk', 1.8]] },
        { height: research ? 2 : 0.9, panels: [['positions', 2.2], ['backtests', research ? 2.6 : 1], ['research', research ? 1 : 1], ['log', research ? 1.4 : 2.8]] },
      ],
    };
  }
  return {
    rows: [
      { height: research ? 1 : 1.6, panels: [['watchlist', 1.25], ['chart', 2], ['ticket', 1.1]] },
      { height: research ? 0.8 : 1.2, panels: [['positions', 1.25], ['blotter', 2], ['risk', 1.1]] },
      { height: research ? 1.6 : 0.7, panels: [['backtests', research ? 2 : 1.25], ['research', research ? 1.25 : 2], ['log', 1.1]] },
    ],
  };
}

/** Clears the dock and lays out a preset for the dock's current size. */
export function applyPreset(api: DockviewApi, preset: LayoutPreset): void {
  api.clear();
  const { rows } = arrangement(preset, api.width || window.innerWidth);
  const placed: IDockviewPanel[][] = [];
  for (const [r, row] of rows.entries()) {
    const first = addPanel(api, row.panels[0]![0], r === 0 ? undefined : { direction: 'below' });
    const line = [first];
    for (const [id] of row.panels.slice(1)) line.push(addPanel(api, id, { referencePanel: line[line.length - 1]!, direction: 'right' }));
    placed.push(line);
  }
  const height = api.height || window.innerHeight;
  const width = api.width || window.innerWidth;
  const totalH = rows.reduce((s, r) => s + r.height, 0);
  rows.forEach((row, r) => {
    placed[r]![0]!.group.api.setSize({ height: Math.round((height * row.height) / totalH) });
    const totalW = row.panels.reduce((s, [, w]) => s + w, 0);
    row.panels.forEach(([, w], i) => placed[r]![i]!.group.api.setSize({ width: Math.round((width * w) / totalW) }));
  });
}

/**
 * Every panel reachable: a layout saved before a panel existed gets it added as a tab beside the log, behind the tab
 * that was showing, so a restored layout shows what it showed when it was saved.
 */
function addMissingPanels(api: DockviewApi): void {
  for (const id of PANEL_IDS) {
    if (api.getPanel(id)) continue;
    const anchor = api.getPanel('log') ?? api.panels[0];
    addPanel(api, id, anchor ? { referencePanel: anchor, direction: 'within' } : undefined, anchor !== undefined);
  }
}

function restore(api: DockviewApi, layout: SerializedLayout): void {
  api.fromJSON(layout as unknown as Parameters<DockviewApi['fromJSON']>[0]);
  addMissingPanels(api);
}

/** At start: the layout in use last time, or the default with a notice when the stored one is broken. */
export function restoreStartupLayout(api: DockviewApi): void {
  const store = storage();
  const current = store ? loadCurrentLayout(store, PANEL_IDS) : null;
  if (current?.ok) {
    try {
      restore(api, current.value);
      return;
    } catch (e) {
      notify('warn', 'Saved layout could not be restored: using the default', (e as Error).message, 'layout');
    }
  } else if (current && !current.ok) {
    notify('warn', 'Saved layout is broken: using the default', current.error, 'layout');
  }
  applyPreset(api, 'trading');
}

export function persistCurrentLayout(api: DockviewApi): void {
  const store = storage();
  if (store) saveCurrentLayout(store, api.toJSON() as unknown as SerializedLayout);
}

/** Saves the arrangement under a name; the reason when refused. */
export function saveLayoutAs(name: string): string | null {
  const store = storage();
  if (!dock || !store) return 'the workspace is not ready';
  return saveNamedLayout(store, name, dock.toJSON() as unknown as SerializedLayout);
}

/** Restores a named layout; a broken one leaves the workspace as it is and says why. */
export function restoreNamedLayout(name: string): boolean {
  const store = storage();
  if (!dock || !store) return false;
  const loaded = loadNamedLayout(store, name, PANEL_IDS);
  if (!loaded.ok) {
    notify('error', `Layout '${name}' is broken: not restored`, loaded.error, 'layout');
    return false;
  }
  try {
    restore(dock, loaded.value);
    return true;
  } catch (e) {
    notify('error', `Layout '${name}' could not be restored`, (e as Error).message, 'layout');
    applyPreset(dock, 'trading');
    return false;
  }
}

/** Brings a panel into view (its tab active, out of another panel's maximized view). */
export function revealPanel(id: string): void {
  if (!dock) return;
  if (!dock.getPanel(id)) addMissingPanels(dock);
  const panel = dock.getPanel(id);
  if (!panel) return;
  if (dock.hasMaximizedGroup() && !panel.api.isMaximized()) dock.exitMaximizedGroup();
  if (!panel.api.isActive) panel.api.setActive();
}

export function toggleMaximizedPanel(id: string): void {
  const panel = dock?.getPanel(id);
  if (!dock || !panel) return;
  if (panel.api.isMaximized()) panel.api.exitMaximized();
  else panel.api.maximize();
}

export function floatPanel(id: string): void {
  const panel = dock?.getPanel(id);
  if (dock && panel) dock.addFloatingGroup(panel, { position: { top: 80, left: 120 }, width: Math.min(900, dock.width * 0.6), height: Math.min(640, dock.height * 0.7) });
}

/** Opens the panel in its own browser window (dockview's popout); false where the host refuses new windows. */
export async function popOutPanel(id: string): Promise<boolean> {
  const panel = dock?.getPanel(id);
  if (!dock || !panel) return false;
  const opened = await dock.addPopoutGroup(panel);
  if (!opened) notify('warn', 'This window cannot open another one', 'Pop-out needs a window the host allows (the desktop app does not yet).', 'layout');
  return opened;
}
