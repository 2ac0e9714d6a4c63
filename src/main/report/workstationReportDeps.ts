// The collection deps of a running workstation: its trading node, its market store's daily closes and the injected sources.
import type { MarketStore } from '../storage/market/marketStore';
import { DEFAULT_CAPITAL } from '../trading/defaultLimits';
import type { TradingService } from '../trading/tradingService';
import type { CollectDeps, RiskReportSources } from './collectRiskReport';
import { tradingBookView } from './tradingBookView';

export function workstationReportDeps(trading: TradingService, market: MarketStore, dataDir: string, sources: RiskReportSources, now: () => number): CollectDeps {
  return {
    book: tradingBookView(trading, DEFAULT_CAPITAL),
    dailyCloses: async (symbol) => {
      const bars = await market.readBars(symbol, '1D');
      return { times: bars.time, closes: bars.close };
    },
    sources,
    dataDir,
    now,
  };
}
