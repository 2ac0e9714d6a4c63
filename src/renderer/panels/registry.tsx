// The workspace's panels: id, title, keyboard shortcut (Alt+digit, or Alt+letter past ten panels) and content.
import type { ReactNode } from 'react';
import { BacktestsPanel } from './backtests/BacktestsPanel';
import { BlotterPanel } from './blotter/BlotterPanel';
import { ChartPanel } from './chart/ChartPanel';
import { LogPanel } from './log/LogPanel';
import { PANEL_KEYS, type PanelId } from './panelKeys';
import { PortfolioPanel } from './portfolio/PortfolioPanel';
import { PositionsPanel } from './positions/PositionsPanel';
import { ResearchPanel } from './research/ResearchPanel';
import { RiskPanel } from './risk/RiskPanel';
import { StrategiesPanel } from './strategies/StrategiesPanel';
import { TicketPanel } from './ticket/TicketPanel';
import { WatchlistPanel } from './watchlist/WatchlistPanel';

export interface PanelDefinition {
  readonly id: PanelId;
  readonly title: string;
  /** Alt+<key> focuses it: a digit, or an upper-case letter that no default trading hotkey uses. */
  readonly key: string;
  render(): ReactNode;
}

export const PANELS: readonly PanelDefinition[] = [
  { id: 'watchlist', title: 'Watchlist', key: PANEL_KEYS.watchlist, render: () => <WatchlistPanel /> },
  { id: 'chart', title: 'Chart', key: PANEL_KEYS.chart, render: () => <ChartPanel /> },
  { id: 'ticket', title: 'Order Ticket', key: PANEL_KEYS.ticket, render: () => <TicketPanel /> },
  { id: 'blotter', title: 'Blotter', key: PANEL_KEYS.blotter, render: () => <BlotterPanel /> },
  { id: 'positions', title: 'Positions', key: PANEL_KEYS.positions, render: () => <PositionsPanel /> },
  { id: 'risk', title: 'Risk', key: PANEL_KEYS.risk, render: () => <RiskPanel /> },
  { id: 'backtests', title: 'Backtests', key: PANEL_KEYS.backtests, render: () => <BacktestsPanel /> },
  { id: 'research', title: 'Research', key: PANEL_KEYS.research, render: () => <ResearchPanel /> },
  { id: 'log', title: 'Log', key: PANEL_KEYS.log, render: () => <LogPanel /> },
  { id: 'portfolio', title: 'Portfolio', key: PANEL_KEYS.portfolio, render: () => <PortfolioPanel /> },
  { id: 'strategies', title: 'Strategies', key: PANEL_KEYS.strategies, render: () => <StrategiesPanel /> },
];
