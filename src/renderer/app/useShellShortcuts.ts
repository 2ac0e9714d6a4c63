// Global keys: Ctrl/Cmd+K opens the palette, Alt+digit puts the keyboard on a panel's one focus target.
import { useEffect } from 'react';
import { PANELS } from '../panels/registry';
import { useWorkspace } from '../state/workspaceStore';
import { focusPanelTarget } from './panelFocus';

export function useShellShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const { setPaletteOpen, paletteOpen } = useWorkspace.getState();
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setPaletteOpen(!paletteOpen);
        return;
      }
      // event.code, not event.key: on macOS Option+digit types a symbol.
      if (event.altKey && !event.ctrlKey && !event.metaKey && /^Digit[0-9]$/.test(event.code)) {
        const panel = PANELS.find((p) => p.key === event.code.slice(5));
        if (panel) {
          event.preventDefault();
          setPaletteOpen(false);
          focusPanelTarget(panel.id);
        }
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
