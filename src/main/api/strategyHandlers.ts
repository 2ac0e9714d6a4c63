// strategies.* methods: deployments of strategy versions through the promotion gate, their runs on the live node.
import type { WorkstationApi } from '../../shared/contracts/api';
import type { StrategyService } from '../strategies/strategyService';

type StrategyHandlers = Pick<
  WorkstationApi,
  'strategies.list' | 'strategies.deploy' | 'strategies.gate' | 'strategies.promote' | 'strategies.pause' | 'strategies.resume' | 'strategies.stop' | 'strategies.rollback'
>;

export function strategyHandlers(service: StrategyService): StrategyHandlers {
  return {
    'strategies.list': async () => service.list(),
    'strategies.deploy': async (input) => service.deploy(input),
    'strategies.gate': async ({ deploymentId }) => service.gate(deploymentId),
    'strategies.promote': async (input) => service.promote(input),
    'strategies.pause': async ({ deploymentId }) => service.pause(deploymentId),
    'strategies.resume': async ({ deploymentId }) => service.resume(deploymentId),
    'strategies.stop': async ({ deploymentId, policy }) => service.stop(deploymentId, policy),
    'strategies.rollback': async ({ strategy, stage }) => service.rollback(strategy, stage),
  };
}
