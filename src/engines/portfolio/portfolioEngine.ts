// The portfolio engine: runs the portfolio job (src/core/portfolio under the hood) on bars the backend read from the store.
import type { Result } from '../../core/model/result';
import type { PortfolioError } from '../../core/portfolio';
import type { FrontierRequest, OptimizeRequest, PortfolioFrontier, PortfolioOptimization, PortfolioRebalance, RebalanceRequestInput } from '../../shared/contracts/portfolio';
import type { EngineBase } from '../runtime/engineContract';
import { frontierPortfolioJob, optimizePortfolioJob, rebalancePortfolioJob, type PortfolioInputs } from './portfolioJob';

export interface PortfolioEngine extends EngineBase {
  optimize(request: OptimizeRequest, inputs: PortfolioInputs): Promise<Result<PortfolioOptimization, PortfolioError>>;
  rebalance(request: RebalanceRequestInput, inputs: PortfolioInputs): Promise<Result<PortfolioRebalance, PortfolioError>>;
  frontier(request: FrontierRequest, inputs: PortfolioInputs): Promise<Result<PortfolioFrontier, PortfolioError>>;
}

export function createPortfolioEngine(processId: number): PortfolioEngine {
  return {
    async ping() {
      return { pid: processId, name: 'portfolio' };
    },
    async optimize(request, inputs) {
      return optimizePortfolioJob(inputs, request);
    },
    async rebalance(request, inputs) {
      return rebalancePortfolioJob(inputs, request);
    },
    async frontier(request, inputs) {
      return frontierPortfolioJob(inputs, request);
    },
  };
}
