// The workspace's panels: id, title, keyboard shortcut (Alt+digit) and content.
import type { ReactNode } from 'react';
import { BacktestsPanel } from './backtests/BacktestsPanel';
import { BlotterPanel } from './blotter/BlotterPanel';
import { ChartPanel } from './chart/ChartPanel';
import { LogPanel } from './log/LogPanel';
import { PlannedPanel } from './placeholder/PlannedPanel';
import { PositionsPanel } from './positions/PositionsPanel';
import { RiskPanel } from './risk/RiskPanel';
import { TicketPanel } from './ticket/TicketPanel';
import { WatchlistPanel } from './watchlist/WatchlistPanel';

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
  { id: 'watchlist', title: 'Watchlist', key: '1', area: 'watchlist', render: () => <WatchlistPanel /> },
  { id: 'chart', title: 'Chart', key: '2', area: 'chart', render: () => <ChartPanel /> },
  { id: 'ticket', title: 'Order Ticket', key: '3', area: 'ticket', render: () => <TicketPanel /> },
  { id: 'blotter', title: 'Blotter', key: '4', area: 'blotter', render: () => <BlotterPanel /> },
  { id: 'positions', title: 'Positions', key: '5', area: 'positions', render: () => <PositionsPanel /> },
  { id: 'risk', title: 'Risk', key: '6', area: 'risk', render: () => <RiskPanel /> },
  { id: 'backtests', title: 'Backtests', key: '7', area: 'backtests', render: () => <BacktestsPanel /> },
  { id: 'research', title: 'Research', key: '8', area: 'research', render: () => <PlannedPanel what="Indicators, factors and models over the local store." /> },
  { id: 'log', title: 'Log', key: '9', area: 'log', render: () => <LogPanel /> },
];
