// Palette commands for trading and the workspace: cancel all, flatten, kill switch, hotkey settings, layouts.
import { useMemo } from 'react';
import { useApi } from '../api/ApiContext';
import { cancelAll, flatten } from '../panels/common/tradingActions';
import { askKillSwitch } from '../panels/risk/killSwitchActions';
import { useRegisterCommands, type PaletteCommand } from '../state/commandRegistry';
import { useHotkeys } from '../state/hotkeyStore';
import { useSelection } from '../state/selectionStore';
import { LAYOUTS, useWorkspace } from '../state/workspaceStore';

export function useTradingCommands(): void {
  const api = useApi();
  const bindings = useHotkeys((s) => s.bindings);
  const commands = useMemo<PaletteCommand[]>(() => {
    const ws = useWorkspace.getState();
    return [
      { id: 'orders.cancelAll', title: 'Cancel all working orders', shortcut: bindings['orders.cancelAll'], run: () => void cancelAll(api) },
      { id: 'positions.flatten', title: 'Flatten the selected position', shortcut: bindings['positions.flatten'], run: () => void flatten(api, useSelection.getState().symbol) },
      { id: 'risk.killSwitch', title: 'Kill switch: halt or re-enable trading', run: () => askKillSwitch(api) },
      { id: 'settings.hotkeys', title: 'Settings: hotkeys', run: () => ws.setSettingsOpen(true) },
      { id: 'layout.maximize', title: 'Maximize or restore the focused panel', run: () => ws.toggleMaximized(useWorkspace.getState().focusedPanel) },
      ...LAYOUTS.map((name) => ({ id: `layout.${name}`, title: `Layout: ${name}`, run: () => ws.setLayout(name) })),
    ];
  }, [api, bindings]);
  useRegisterCommands(commands);
}
