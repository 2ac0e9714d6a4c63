// The portfolio service: gathers daily bars and instrument facts from the market store for the portfolio job.
import type { BarColumns, Timeframe } from '../../core/model/marketData';
import type { Result } from '../../core/model/result';
import type { PortfolioError } from '../../core/portfolio';
import { optimizePortfolioJob, rebalancePortfolioJob, type PortfolioInputs } from '../../engines/portfolio/portfolioJob';
import type { OptimizeRequest, PortfolioOptimization, PortfolioRebalance, RebalanceRequestInput } from '../../shared/contracts/portfolio';
import type { StoredInstrument } from '../storage/market/marketWriter';

/** What the service reads: the market store's daily bars and instrument dictionary. */
export interface DailyHistory {
  readBars(symbol: string, timeframe: Timeframe): Promise<BarColumns>;
  listInstruments(): Promise<StoredInstrument[]>;
}

/** The daily bars of `symbols` (empty columns when a symbol has none) and the stored instruments among them. */
export async function loadPortfolioInputs(history: DailyHistory, symbols: readonly string[]): Promise<PortfolioInputs> {
  const bars = [];
  for (const symbol of symbols) {
    const b = await history.readBars(symbol, '1D');
    bars.push({ symbol, time: b.time, close: b.close, volume: b.volume });
  }
  const wanted = new Set(symbols);
  const instruments = (await history.listInstruments())
    .filter((i) => wanted.has(i.symbol))
    .map((i) => ({ symbol: i.symbol as string, sector: i.sector, currency: i.currency as string, lotSize: i.lotSize }));
  return { bars, instruments };
}

/** In this process (the CLI); the API runs the same job in the portfolio engine. */
export async function optimizeFromHistory(history: DailyHistory, req: OptimizeRequest): Promise<Result<PortfolioOptimization, PortfolioError>> {
  return optimizePortfolioJob(await loadPortfolioInputs(history, req.symbols), req);
}

export async function rebalanceFromHistory(history: DailyHistory, req: RebalanceRequestInput): Promise<Result<PortfolioRebalance, PortfolioError>> {
  return rebalancePortfolioJob(await loadPortfolioInputs(history, req.symbols), req);
}
