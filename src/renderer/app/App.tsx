// The app shell: the workspace of panels, the status bar, the command palette, dialogs (confirm, prompt) and toasts.
import { useEffect } from 'react';
import { PANELS } from '../panels/registry';
import { useWorkspace } from '../state/workspaceStore';
import { CommandPalette } from './CommandPalette';
import { ConfirmDialog } from './ConfirmDialog';
import { HotkeySettings } from './HotkeySettings';
import { PanelFrame } from './PanelFrame';
import { PrecautionSettings } from './PrecautionSettings';
import { usePrecautions } from '../state/precautionStore';
import { PromptDialog } from './PromptDialog';
import { StatusBar } from './StatusBar';
import { Toasts } from './Toasts';
import { useEngineHealth } from './useEngineHealth';
import { useShellCommands } from './useShellCommands';
import { useShellShortcuts } from './useShellShortcuts';
import { useTradingCommands } from './useTradingCommands';
import { useTradingHotkeys } from './useTradingHotkeys';
import { useVenueCommands } from './useVenueCommands';
import { useVenueFeeds } from './useVenueFeeds';
import { useWorkspaceFeeds } from './useWorkspaceFeeds';

export function App() {
  const paletteOpen = useWorkspace((s) => s.paletteOpen);
  const settingsOpen = useWorkspace((s) => s.settingsOpen);
  const setSettingsOpen = useWorkspace((s) => s.setSettingsOpen);
  const theme = useWorkspace((s) => s.theme);
  const layout = useWorkspace((s) => s.layout);
  const precautionsOpen = usePrecautions((s) => s.settingsOpen);
  useShellShortcuts();
  useShellCommands();
  useEngineHealth();
  useWorkspaceFeeds();
  useVenueFeeds();
  useVenueCommands();
  useTradingHotkeys();
  useTradingCommands();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <div className="shell">
      <main className="workspace" aria-label="Workspace" data-layout={layout.name} data-maximized={layout.maximized ?? undefined}>
        {PANELS.map((panel) => (
          <PanelFrame key={panel.id} panel={panel} />
        ))}
      </main>
      <StatusBar />
      {paletteOpen && <CommandPalette />}
      {settingsOpen && <HotkeySettings onClose={() => setSettingsOpen(false)} />}
      {precautionsOpen && <PrecautionSettings />}
      <ConfirmDialog />
      <PromptDialog />
      <Toasts />
    </div>
  );
}
