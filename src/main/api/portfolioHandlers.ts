// portfolio.* methods: the backend reads bars and instruments from the store, the portfolio engine does the math.
import * as Comlink from 'comlink';
import type { PortfolioEngine } from '../../engines/portfolio/portfolioEngine';
import type { PortfolioInputs } from '../../engines/portfolio/portfolioJob';
import type { WorkstationApi } from '../../shared/contracts/api';
import type { EngineSupervisor } from '../engine-host/supervisor';
import { loadPortfolioInputs, type DailyHistory } from '../portfolio/portfolioService';

type PortfolioHandlers = Pick<WorkstationApi, 'portfolio.optimize' | 'portfolio.rebalance' | 'portfolio.frontier'>;

/** The bars' buffers move to the engine instead of being copied. */
const buffersOf = (inputs: PortfolioInputs): ArrayBuffer[] => inputs.bars.flatMap((b) => [b.time.buffer, b.close.buffer, b.volume.buffer] as ArrayBuffer[]);

export function portfolioHandlers(history: DailyHistory, supervisor: EngineSupervisor): PortfolioHandlers {
  return {
    'portfolio.optimize': async (request) => {
      const inputs = await loadPortfolioInputs(history, request.symbols);
      return supervisor.call<PortfolioEngine, Awaited<ReturnType<PortfolioEngine['optimize']>>>('portfolio', (engine) => engine.optimize(request, Comlink.transfer(inputs, buffersOf(inputs))));
    },
    'portfolio.rebalance': async (request) => {
      const inputs = await loadPortfolioInputs(history, request.symbols);
      return supervisor.call<PortfolioEngine, Awaited<ReturnType<PortfolioEngine['rebalance']>>>('portfolio', (engine) => engine.rebalance(request, Comlink.transfer(inputs, buffersOf(inputs))));
    },
    'portfolio.frontier': async (request) => {
      const inputs = await loadPortfolioInputs(history, request.symbols);
      return supervisor.call<PortfolioEngine, Awaited<ReturnType<PortfolioEngine['frontier']>>>('portfolio', (engine) => engine.frontier(request, Comlink.transfer(inputs, buffersOf(inputs))));
    },
  };
}
