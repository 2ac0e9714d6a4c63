// The app shell: the workspace of panels, the status bar, and the command palette.
import { useEffect } from 'react';
import { PANELS } from '../panels/registry';
import { useWorkspace } from '../state/workspaceStore';
import { CommandPalette } from './CommandPalette';
import { PanelFrame } from './PanelFrame';
import { StatusBar } from './StatusBar';
import { useEngineHealth } from './useEngineHealth';
import { useShellCommands } from './useShellCommands';
import { useShellShortcuts } from './useShellShortcuts';

export function App() {
  const paletteOpen = useWorkspace((s) => s.paletteOpen);
  const theme = useWorkspace((s) => s.theme);
  useShellShortcuts();
  useShellCommands();
  useEngineHealth();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <div className="shell">
      <main className="workspace" aria-label="Workspace">
        {PANELS.map((panel) => (
          <PanelFrame key={panel.id} panel={panel} />
        ))}
      </main>
      <StatusBar />
      {paletteOpen && <CommandPalette />}
    </div>
  );
}
