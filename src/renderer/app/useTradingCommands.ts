// Palette commands for trading and the workspace: cancel all and flatten (confirmed, naming symbol and size), the kill
// switch, settings (hotkeys, precautionary checks); layouts (./layout/useLayoutCommands).
import { useMemo } from 'react';
import { useApi } from '../api/ApiContext';
import { askCancelAll, askFlatten, flattenTitle } from '../panels/common/confirmedActions';
import { askKillSwitch } from '../panels/risk/killSwitchActions';
import { useRegisterCommands, type PaletteCommand } from '../state/commandRegistry';
import { useHotkeys } from '../state/hotkeyStore';
import { usePrecautions } from '../state/precautionStore';
import { useSelection } from '../state/selectionStore';
import { useTrading } from '../state/tradingStore';
import { useWorkspace } from '../state/workspaceStore';
import { useLayoutCommands } from './layout/useLayoutCommands';

export function useTradingCommands(): void {
  const api = useApi();
  const bindings = useHotkeys((s) => s.bindings);
  const symbol = useSelection((s) => s.symbol);
  const held = useTrading((s) => (symbol ? (s.positions[symbol]?.quantity ?? 0) : 0));
  const commands = useMemo<PaletteCommand[]>(() => {
    const ws = useWorkspace.getState();
    return [
      { id: 'orders.cancelAll', title: 'Cancel all working orders', shortcut: bindings['orders.cancelAll'], destructive: true, run: () => askCancelAll(api) },
      { id: 'positions.flatten', title: flattenTitle(symbol, held), shortcut: bindings['positions.flatten'], destructive: true, run: () => askFlatten(api, symbol) },
      { id: 'risk.killSwitch', title: 'Kill switch: halt or re-enable trading', destructive: true, run: () => askKillSwitch(api) },
      { id: 'settings.hotkeys', title: 'Settings: hotkeys and confirmations', run: () => ws.setSettingsOpen(true) },
      { id: 'settings.precautions', title: 'Settings: precautionary order checks', run: () => usePrecautions.getState().setSettingsOpen(true) },
    ];
  }, [api, bindings, symbol, held]);
  useRegisterCommands(commands);
  useLayoutCommands();
}
