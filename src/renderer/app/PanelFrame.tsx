// One panel's frame: a titled, focusable region that shows when it has the keyboard.
import { useEffect, useRef } from 'react';
import type { PanelDefinition } from '../panels/registry';
import { useWorkspace } from '../state/workspaceStore';

export function PanelFrame({ panel }: { panel: PanelDefinition }) {
  const focused = useWorkspace((s) => s.focusedPanel === panel.id);
  const focusPanel = useWorkspace((s) => s.focusPanel);
  const ref = useRef<HTMLElement>(null);

  // Focus follows the store, so a shortcut or a palette command moves the keyboard here.
  useEffect(() => {
    if (focused && ref.current && !ref.current.contains(document.activeElement)) ref.current.focus();
  }, [focused]);

  return (
    <section
      ref={ref}
      className={`panel${focused ? ' panel-focused' : ''}`}
      style={{ gridArea: panel.area }}
      tabIndex={-1}
      aria-labelledby={`panel-title-${panel.id}`}
      data-panel={panel.id}
      onFocus={() => !focused && focusPanel(panel.id)}
    >
      <header className="panel-header">
        <h2 id={`panel-title-${panel.id}`}>{panel.title}</h2>
        <kbd title={`Alt+${panel.key} focuses this panel`}>Alt+{panel.key}</kbd>
      </header>
      <div className="panel-body">{panel.render()}</div>
    </section>
  );
}
