// risk.var, risk.stress, risk.exposures: portfolio risk of the current or a what-if book, computed on the risk engine.
import type { WorkstationApi } from '../../shared/contracts/api';
import type { PortfolioRiskService } from '../risk/portfolioRiskService';

type PortfolioRiskHandlers = Pick<WorkstationApi, 'risk.var' | 'risk.stress' | 'risk.exposures'>;

export function portfolioRiskHandlers(service: PortfolioRiskService): PortfolioRiskHandlers {
  return {
    'risk.var': (request) => service.var(request),
    'risk.stress': (request) => service.stress(request),
    'risk.exposures': (request) => service.exposures(request),
  };
}
