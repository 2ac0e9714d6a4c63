// The workspace's panels: id, title, keyboard shortcut (Alt+digit) and content.
import type { ReactNode } from 'react';
import { LogPanel } from './log/LogPanel';
import { PlannedPanel } from './placeholder/PlannedPanel';

export interface PanelDefinition {
  readonly id: string;
  readonly title: string;
  /** Alt+<key> focuses it. */
  readonly key: string;
  /** Grid area in the workspace layout. */
  readonly area: string;
  render(): ReactNode;
}

export const PANELS: readonly PanelDefinition[] = [
  { id: 'watchlist', title: 'Watchlist', key: '1', area: 'watchlist', render: () => <PlannedPanel what="Last, bid, ask, change and volume for your symbols, streaming." /> },
  { id: 'chart', title: 'Chart', key: '2', area: 'chart', render: () => <PlannedPanel what="Candles, volume and indicator overlays from the local store." /> },
  { id: 'ticket', title: 'Order Ticket', key: '3', area: 'ticket', render: () => <PlannedPanel what="One-line keyboard order entry with a risk preview." /> },
  { id: 'blotter', title: 'Blotter', key: '4', area: 'blotter', render: () => <PlannedPanel what="Working orders and fills." /> },
  { id: 'positions', title: 'Positions', key: '5', area: 'positions', render: () => <PlannedPanel what="Positions with realized and unrealized P&L." /> },
  { id: 'risk', title: 'Risk', key: '6', area: 'risk', render: () => <PlannedPanel what="Limits, utilization, breaches and the kill switch." /> },
  { id: 'backtests', title: 'Backtests', key: '7', area: 'backtests', render: () => <PlannedPanel what="Backtest runs and their results." /> },
  { id: 'research', title: 'Research', key: '8', area: 'research', render: () => <PlannedPanel what="Indicators, factors and models over the local store." /> },
  { id: 'log', title: 'Log', key: '9', area: 'log', render: () => <LogPanel /> },
];
