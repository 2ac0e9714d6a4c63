// The app shell: the connection banner, the workspace of panels, the status bar, the command palette, dialogs (confirm, prompt) and toasts.
import { useEffect, type CSSProperties } from 'react';
import { useUiScale } from './useUiScale';
import { useWorkspace } from '../state/workspaceStore';
import { useTimeZone, formatClockTime } from '../state/timeZone';
import { CommandPalette } from './CommandPalette';
import { ConnectionBanner } from './ConnectionBanner';
import { ConfirmDialog } from './ConfirmDialog';
import { DockWorkspace } from './DockWorkspace';
import { HotkeySettings } from './HotkeySettings';
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
import { useRiskReportExport } from '../panels/risk/useRiskReportExport';

export function App() {
  const paletteOpen = useWorkspace((s) => s.paletteOpen);
  const settingsOpen = useWorkspace((s) => s.settingsOpen);
  const setSettingsOpen = useWorkspace((s) => s.setSettingsOpen);
  const theme = useWorkspace((s) => s.theme);
  const precautionsOpen = usePrecautions((s) => s.settingsOpen);
  const connection = useWorkspace((s) => s.connection);
  const lastMessageAt = useWorkspace((s) => s.lastMessageAt);
  const zone = useTimeZone((s) => s.zone);
  const uiScale = useUiScale();
  useShellShortcuts();
  useShellCommands();
  useEngineHealth();
  useWorkspaceFeeds();
  useVenueFeeds();
  useVenueCommands();
  useTradingHotkeys();
  useTradingCommands();
  useRiskReportExport();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    // data-stale greys out and marks every data panel (styles.css), whoever owns the panel: one rule, no per-panel code.
    <div
      className="shell"
      data-connection={connection}
      data-stale={connection === 'connected' ? undefined : ''}
      style={{ '--as-of': `"${lastMessageAt === null ? 'no data yet' : `as of ${formatClockTime(lastMessageAt, zone)}`}"` } as CSSProperties}
    >
      <ConnectionBanner />
      <DockWorkspace />
      <StatusBar uiScale={uiScale} />
      {paletteOpen && <CommandPalette />}
      {settingsOpen && <HotkeySettings onClose={() => setSettingsOpen(false)} />}
      {precautionsOpen && <PrecautionSettings />}
      <ConfirmDialog />
      <PromptDialog />
      <Toasts />
    </div>
  );
}
