// sync.* methods: the sync's status and settings, firm-wide positions, publishing the team's limits.
import type { RiskLimit } from '../../core/trading/risk/limits';
import type { WorkstationApi } from '../../shared/contracts/api';
import type { SyncService } from '../sync/syncService';

type SyncHandlers = Pick<WorkstationApi, 'sync.status' | 'sync.configure' | 'sync.firmPositions' | 'sync.publishLimits' | 'sync.publishStrategy'>;

/** Who publishes: the trader at this workstation, named by the workstation. */
export function syncHandlers(sync: SyncService): SyncHandlers {
  return {
    'sync.status': async () => sync.status(),
    'sync.configure': async (input) => sync.configure(input),
    'sync.firmPositions': async () => sync.firmPositions(),
    'sync.publishLimits': async ({ limits }) => sync.publishLimits(limits as RiskLimit[], `trader@${sync.status().workstationName ?? sync.workstationId}`),
    'sync.publishStrategy': async ({ name }) => sync.publishStrategy(name, `trader@${sync.status().workstationName ?? sync.workstationId}`),
  };
}
