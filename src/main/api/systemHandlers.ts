// system.* methods.
import type { WorkstationApi } from '../../shared/contracts/api';
import type { SystemInfo } from '../../shared/contracts/system';
import type { SystemLog } from '../systemLog';

type SystemHandlers = Pick<WorkstationApi, 'system.info' | 'system.ping' | 'system.recentLog'>;

export function systemHandlers(info: () => SystemInfo, log: SystemLog, now: () => number): SystemHandlers {
  return {
    'system.info': async () => info(),
    'system.ping': async () => ({ time: now() }),
    'system.recentLog': async () => log.recent(),
  };
}
