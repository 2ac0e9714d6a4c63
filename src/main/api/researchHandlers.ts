// Research methods that span the store and the engines: indicators for one symbol, and the universe batch.
import * as Comlink from 'comlink';
import { ok } from '../../core/model/result';
import type { FeaturesEngine } from '../../engines/features/featuresEngine';
import type { WorkstationApi } from '../../shared/contracts/api';
import type { MessageBus } from '../bus/messageBus';
import type { EngineSupervisor } from '../engine-host/supervisor';
import { computeUniverseFeatures } from '../research/universeFeatures';
import type { MarketStore } from '../storage/market/marketStore';

type ResearchHandlers = Pick<WorkstationApi, 'features.computeUniverse' | 'features.compute'>;

const DEFAULT_BAR_LIMIT = 5_000;
const toJson = (values: Float64Array): (number | null)[] => Array.from(values, (v) => (Number.isNaN(v) ? null : v));

/** `bars`: what a chart shows (the Workstation passes SessionBars), so overlays line up with the candles under them. */
export function researchHandlers(store: MarketStore, supervisor: EngineSupervisor, bus: MessageBus, bars: Pick<MarketStore, 'readBars'> = store): ResearchHandlers {
  return {
    'features.compute': async ({ symbol, timeframe, indicators, limit }) => {
      const series = await bars.readBars(symbol, timeframe);
      const keep = Math.min(series.time.length, limit ?? DEFAULT_BAR_LIMIT);
      // Indicators need their warm-up: compute over all stored bars, then answer the window the chart shows.
      const time = Array.from(series.time.subarray(series.time.length - keep));
      const columns = { time: series.time, open: series.open, high: series.high, low: series.low, close: series.close, volume: series.volume };
      const computed = await supervisor.call<FeaturesEngine, Awaited<ReturnType<FeaturesEngine['compute']>>>('features', (engine) =>
        engine.compute(indicators, Comlink.transfer(columns, Object.values(columns).map((c) => c.buffer as ArrayBuffer))),
      );
      if (!computed.ok) return computed;
      return ok({ symbol, time, columns: computed.value.map((c) => ({ name: c.name, values: toJson(c.values.subarray(c.values.length - keep)) })) });
    },
    'features.computeUniverse': async ({ indicators, timeframe, symbols }) =>
      computeUniverseFeatures(store, supervisor, {
        indicators,
        timeframe,
        ...(symbols ? { symbols } : {}),
        onProgress: (done, total, symbol) => bus.publish('research.progress', { job: 'universe-features', done, total, detail: symbol }),
      }),
  };
}
