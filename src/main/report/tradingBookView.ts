// The trading node as the risk report sees it: positions, P&L, FX, limit utilization, venues and equity.
import type { TradingService } from '../trading/tradingService';
import { SIM_ACCOUNT } from '../trading/tradingService';
import type { BookView } from './collectRiskReport';

export function tradingBookView(trading: TradingService, capital: number): BookView {
  const { core } = trading;
  return {
    account: SIM_ACCOUNT,
    baseCurrency: core.fx.baseCurrency,
    venues: () => core.router.allVenues().map((v) => v.name),
    positions: () => core.positions.positions(),
    pnl: () => core.positions.pnl(),
    fxToBase: (currency) => core.fx.rate(currency),
    utilization: (now) => core.risk.utilization(now),
    equity: () => capital + core.positions.netPnlBase(),
  };
}
