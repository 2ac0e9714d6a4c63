// Where the limit monitor's breaches go in the live host: the SQLite history, `risk.breaches` on the bus (the
// renderer's toast and table), and the system log.
import type { BreachSink } from '../../core/trading/risk/limitMonitor';
import { LIMIT_KINDS } from '../../core/trading/risk/limitKinds';
import type { BreachEvent } from '../../shared/contracts/risk';
import type { MessageBus } from '../bus/messageBus';
import type { SystemLog } from '../systemLog';
import type { BreachStore } from './breachStore';

const figure = (v: number): string => (Number.isFinite(v) ? String(Math.round(v * 1e4) / 1e4) : String(v));

export function breachSink(store: BreachStore, bus: MessageBus, log: SystemLog): BreachSink {
  const publish = (event: BreachEvent) => bus.publish('risk.breaches', event);
  return {
    opened(breach) {
      const stored = store.opened(breach);
      const label = LIMIT_KINDS[breach.kind].label;
      log.warn('risk', `limit ${breach.limitId} breached: ${label} ${figure(breach.value)} over ${figure(breach.threshold)} (${breach.scope})${breach.action === 'REDUCE_ONLY' ? '; switching to reduce-only' : ''}`);
      publish({ state: 'OPENED', breach: stored });
    },
    cleared(breach) {
      const stored = store.cleared(breach);
      log.info('risk', `limit ${breach.limitId} back within ${figure(breach.threshold)}`);
      publish({ state: 'CLEARED', breach: stored ?? { ...breach, id: 0 } });
    },
  };
}
