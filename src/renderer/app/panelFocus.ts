// Where each panel's shortcut (Alt+digit, "Focus …" in the palette) puts the keyboard: one predictable element per
// panel, the one marked data-autofocus, and never an input of another panel.
import { useWorkspace } from '../state/workspaceStore';
import { revealPanel } from './layout/dockLayout';

/** The element each panel's shortcut lands on, as the frame's tooltip and the docs name it. */
export const PANEL_FOCUS_TARGETS: Readonly<Record<string, string>> = {
  watchlist: 'the watchlist table (not the add box: Tab reaches it)',
  chart: 'the chart',
  ticket: 'the order line',
  blotter: 'the order rows',
  positions: 'the positions table',
  risk: 'the risk limits',
  backtests: 'the strategy box (Enter runs, Escape cancels a run; in a runs list ↑↓ move, Enter opens, C compares)',
  research: 'the panel',
  log: 'the log',
  portfolio: 'the optimizer method (Enter optimizes; Tab reaches the rebalance preview and its quantities)',
  strategies: 'the deployments (↑↓ move, P promote, Space pause/resume, S stop, B roll back)',
};

/** Focuses the panel and moves the keyboard to its one target, even when the focus was already inside the panel. */
export function focusPanelTarget(panelId: string): void {
  // Its tab comes to the front (and another panel's maximized view steps back), so the target can take the keyboard.
  revealPanel(panelId);
  useWorkspace.getState().focusPanel(panelId);
  const place = (): boolean => {
    const frame = document.querySelector<HTMLElement>(`[data-panel="${panelId}"]`);
    if (!frame) return false;
    const target = frame.querySelector<HTMLElement>('[data-autofocus]') ?? frame;
    target.focus();
    return frame.contains(document.activeElement);
  };
  // A tab just brought to the front (or a maximized view just left) shows on the dock's next frame: try again then.
  if (!place()) requestAnimationFrame(() => void place());
}
