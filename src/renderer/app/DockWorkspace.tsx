// The workspace as a docking layout (dockview): tabs, split groups, drag to rearrange, floating and popped-out
// panels, maximize; each panel in its frame. The arrangement is kept across restarts (app/layout).
import { useEffect } from 'react';
import { DockviewDefaultTab, DockviewReact, themeDark, themeLight, type DockviewReadyEvent, type IDockviewHeaderActionsProps, type IDockviewPanelHeaderProps, type IDockviewPanelProps } from 'dockview-react';
import 'dockview-react/dist/styles/dockview.css';
import { PANELS } from '../panels/registry';
import { useWorkspace } from '../state/workspaceStore';
import { floatPanel, persistCurrentLayout, popOutPanel, restoreStartupLayout, setDockApi, toggleMaximizedPanel } from './layout/dockLayout';
import { PanelFrame } from './PanelFrame';

const BY_ID = Object.fromEntries(PANELS.map((p) => [p.id, p]));

function DockedPanel(props: IDockviewPanelProps) {
  const panel = BY_ID[props.api.id];
  return panel ? <PanelFrame panel={panel} /> : null;
}

/** Buttons on each group's tab bar: float, pop out, maximize or restore the group's active panel. */
function GroupActions({ activePanel, api }: IDockviewHeaderActionsProps) {
  if (!activePanel) return null;
  const id = activePanel.id;
  const floating = api.location.type === 'floating';
  return (
    <div className="dock-actions">
      {!floating && api.location.type === 'grid' && (
        <button type="button" tabIndex={-1} title="Float over the workspace" aria-label={`Float ${activePanel.title}`} onClick={() => floatPanel(id)}>
          float
        </button>
      )}
      <button type="button" tabIndex={-1} title="Open in its own window" aria-label={`Pop out ${activePanel.title}`} onClick={() => void popOutPanel(id)}>
        pop out
      </button>
      <button type="button" tabIndex={-1} title="Maximize or restore (double-click the panel's title)" aria-label={`Maximize ${activePanel.title}`} data-testid={`maximize-${id}`} onClick={() => toggleMaximizedPanel(id)}>
        {api.isMaximized() ? 'restore' : 'max'}
      </button>
    </div>
  );
}

const COMPONENTS = { panel: DockedPanel };

/** Panels are moved, tabbed, floated and maximized, never closed: every one stays reachable by its shortcut. */
const PanelTab = (props: IDockviewPanelHeaderProps) => <DockviewDefaultTab {...props} hideClose />;

export function DockWorkspace() {
  const theme = useWorkspace((s) => s.theme);
  const setMaximized = useWorkspace((s) => s.setMaximized);

  const onReady = (event: DockviewReadyEvent) => {
    const api = event.api;
    setDockApi(api);
    restoreStartupLayout(api);
    api.onDidLayoutChange(() => persistCurrentLayout(api));
    api.onDidMaximizedGroupChange(() => setMaximized(api.hasMaximizedGroup() ? (api.panels.find((p) => p.api.isMaximized())?.id ?? null) : null));
  };

  useEffect(() => () => setDockApi(null), []);

  return (
    <main className="workspace" aria-label="Workspace">
      <DockviewReact components={COMPONENTS} defaultTabComponent={PanelTab} onReady={onReady} rightHeaderActionsComponent={GroupActions} theme={theme === 'light' ? themeLight : themeDark} />
    </main>
  );
}
