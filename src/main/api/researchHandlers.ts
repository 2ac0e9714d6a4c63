// Research methods that span the store and the engines: the universe indicator batch.
import type { WorkstationApi } from '../../shared/contracts/api';
import type { MessageBus } from '../bus/messageBus';
import type { EngineSupervisor } from '../engine-host/supervisor';
import { computeUniverseFeatures } from '../research/universeFeatures';
import type { MarketStore } from '../storage/market/marketStore';

type ResearchHandlers = Pick<WorkstationApi, 'features.computeUniverse'>;

export function researchHandlers(store: MarketStore, supervisor: EngineSupervisor, bus: MessageBus): ResearchHandlers {
  return {
    'features.computeUniverse': async ({ indicators, timeframe, symbols }) =>
      computeUniverseFeatures(store, supervisor, {
        indicators,
        timeframe,
        ...(symbols ? { symbols } : {}),
        onProgress: (done, total, symbol) => bus.publish('research.progress', { job: 'universe-features', done, total, detail: symbol }),
      }),
  };
}
