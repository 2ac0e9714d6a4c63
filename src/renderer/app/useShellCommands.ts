// The shell's own palette commands: focus each panel, restart each engine, switch theme.
import { useMemo } from 'react';
import { useApi } from '../api/ApiContext';
import { PANELS } from '../panels/registry';
import { useRegisterCommands, type PaletteCommand } from '../state/commandRegistry';
import { useWorkspace } from '../state/workspaceStore';
import { focusPanelTarget } from './panelFocus';

export function useShellCommands(): void {
  const api = useApi();
  const engineNames = useWorkspace((s) => Object.keys(s.engines).sort().join(','));
  const commands = useMemo<PaletteCommand[]>(() => {
    const { toggleTheme } = useWorkspace.getState();
    return [
      ...PANELS.map((p) => ({ id: `focus.${p.id}`, title: `Focus ${p.title}`, shortcut: `Alt+${p.key}`, run: () => focusPanelTarget(p.id) })),
      ...engineNames
        .split(',')
        .filter(Boolean)
        .map((name) => ({
          id: `engine.restart.${name}`,
          title: `Restart engine: ${name}`,
          run: () => void api.call('engines.restart', { name }).catch((e: Error) => console.error(e.message)),
        })),
      { id: 'theme.toggle', title: 'Toggle light/dark theme', run: toggleTheme },
    ];
  }, [api, engineNames]);
  useRegisterCommands(commands);
}
