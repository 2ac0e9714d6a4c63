// The workspace's panels: id, title, keyboard shortcut (Alt+digit) and content.
import type { ReactNode } from 'react';
import { BacktestsPanel } from './backtests/BacktestsPanel';
import { BlotterPanel } from './blotter/BlotterPanel';
import { ChartPanel } from './chart/ChartPanel';
import { LogPanel } from './log/LogPanel';
import { PositionsPanel } from './positions/PositionsPanel';
import { ResearchPanel } from './research/ResearchPanel';
import { RiskPanel } from './risk/RiskPanel';
import { StrategiesPanel } from './strategies/StrategiesPanel';
import { TicketPanel } from './ticket/TicketPanel';
import { WatchlistPanel } from './watchlist/WatchlistPanel';

export interface PanelDefinition {
  readonly id: string;
  readonly title: string;
  /** Alt+<key> focuses it. */
  readonly key: string;
  render(): ReactNode;
}

export const PANELS: readonly PanelDefinition[] = [
  { id: 'watchlist', title: 'Watchlist', key: '1', render: () => <WatchlistPanel /> },
  { id: 'chart', title: 'Chart', key: '2', render: () => <ChartPanel /> },
  { id: 'ticket', title: 'Order Ticket', key: '3', render: () => <TicketPanel /> },
  { id: 'blotter', title: 'Blotter', key: '4', render: () => <BlotterPanel /> },
  { id: 'positions', title: 'Positions', key: '5', render: () => <PositionsPanel /> },
  { id: 'risk', title: 'Risk', key: '6', render: () => <RiskPanel /> },
  { id: 'backtests', title: 'Backtests', key: '7', render: () => <BacktestsPanel /> },
  { id: 'research', title: 'Research', key: '8', render: () => <ResearchPanel /> },
  { id: 'log', title: 'Log', key: '9', render: () => <LogPanel /> },
  { id: 'strategies', title: 'Strategies', key: '0', render: () => <StrategiesPanel /> },
];
