// Global keys: Ctrl/Cmd+K opens the palette, Alt+digit (or Alt+letter) puts the keyboard on a panel's one focus target.
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
      const key = /^(?:Digit([0-9])|Key([A-Z]))$/.exec(event.code);
      if (event.altKey && !event.ctrlKey && !event.metaKey && key) {
        const panel = PANELS.find((p) => p.key === (key[1] ?? key[2]));
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
