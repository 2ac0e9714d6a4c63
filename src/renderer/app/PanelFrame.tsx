// One panel's frame inside its dock tab: a focusable region that shows when it has the keyboard, the active symbol
// (one for every panel, like a TWS link group) and its shortcut; double-click on the header maximizes it.
import { useEffect, useRef } from 'react';
import type { PanelDefinition } from '../panels/registry';
import { useSelection } from '../state/selectionStore';
import { useTimeZone } from '../state/timeZone';
import { useWorkspace } from '../state/workspaceStore';
import { toggleMaximizedPanel } from './layout/dockLayout';
import { PANEL_FOCUS_TARGETS } from './panelFocus';

export function PanelFrame({ panel }: { panel: PanelDefinition }) {
  const focused = useWorkspace((s) => s.focusedPanel === panel.id);
  const maximized = useWorkspace((s) => s.layout.maximized === panel.id);
  const focusPanel = useWorkspace((s) => s.focusPanel);
  const symbol = useSelection((s) => s.symbol);
  const ref = useRef<HTMLElement>(null);
  // A time-zone change re-renders every panel, so times formatted during a render (blotter, positions) follow it.
  useTimeZone((s) => s.zone);

  // Focus follows the store, so a shortcut or a palette command moves the keyboard here.
  useEffect(() => {
    if (focused && ref.current && !ref.current.contains(document.activeElement)) {
      // The panel's own first control (the ticket's input, the watchlist's list) rather than the frame.
      const target = ref.current.querySelector<HTMLElement>('[data-autofocus]') ?? ref.current;
      target.focus();
    }
  }, [focused]);

  return (
    <section
      ref={ref}
      className={`panel${focused ? ' panel-focused' : ''}${maximized ? ' panel-maximized' : ''}`}
      tabIndex={-1}
      aria-labelledby={`panel-title-${panel.id}`}
      data-panel={panel.id}
      onFocus={() => !focused && focusPanel(panel.id)}
    >
      <header className="panel-header" onDoubleClick={() => toggleMaximizedPanel(panel.id)}>
        <h2 id={`panel-title-${panel.id}`}>{panel.title}</h2>
        <span className="panel-symbol" data-testid="panel-symbol" title="The active symbol: every panel acts on it">
          {symbol ?? '—'}
        </span>
        <kbd title={`Alt+${panel.key} puts the keyboard on ${PANEL_FOCUS_TARGETS[panel.id] ?? 'this panel'}`}>Alt+{panel.key}</kbd>
      </header>
      <div className="panel-body">{panel.render()}</div>
    </section>
  );
}
