// The universe batch: indicators for every symbol in the store, computed across the features engine's workers
// in parallel and written to the features table.
import * as Comlink from 'comlink';
import type { Timeframe } from '../../core/model/marketData';
import { err, ok, type Result } from '../../core/model/result';
import { parseIndicatorSpecs, type ComputeError, type SpecError } from '../../core/indicators';
import type { FeaturesEngine } from '../../engines/features/featuresEngine';
import { runOnPool } from '../engine-host/enginePool';
import type { EngineSupervisor } from '../engine-host/supervisor';
import type { MarketStore } from '../storage/market/marketStore';
import type { UniverseFeaturesSummary } from '../../shared/contracts/engines';

export interface UniverseFeaturesRequest {
  readonly indicators: string;
  readonly timeframe: Timeframe;
  /** Default: every symbol with bars of this timeframe. */
  readonly symbols?: readonly string[];
  readonly onProgress?: (done: number, total: number, symbol: string) => void;
}


export type UniverseFeaturesError = SpecError | (ComputeError & { readonly symbol: string }) | { readonly code: 'NO_SYMBOLS'; readonly timeframe: Timeframe };

export async function computeUniverseFeatures(
  store: MarketStore,
  supervisor: EngineSupervisor,
  request: UniverseFeaturesRequest,
): Promise<Result<UniverseFeaturesSummary, UniverseFeaturesError>> {
  const started = performance.now();
  const specs = parseIndicatorSpecs(request.indicators);
  if (!specs.ok) return specs; // refused before any work starts
  const symbols = request.symbols ?? (await store.listSymbols(request.timeframe));
  if (symbols.length === 0) return err({ code: 'NO_SYMBOLS', timeframe: request.timeframe });

  let failure: UniverseFeaturesError | undefined;
  let rows = 0;
  const names = new Set<string>();
  let done = 0;
  await runOnPool<FeaturesEngine, string, void>(supervisor, supervisor.instancesOf('features'), symbols, async (engine, symbol) => {
    if (failure) return;
    const bars = await store.readBars(symbol, request.timeframe);
    const time = bars.time.slice(); // the engine gets the columns by transfer; the writer still needs the times
    const columns = { time: bars.time, open: bars.open, high: bars.high, low: bars.low, close: bars.close, volume: bars.volume };
    const buffers = Object.values(columns).map((c) => c.buffer as ArrayBuffer);
    const computed = await engine.compute(request.indicators, Comlink.transfer(columns, buffers));
    if (!computed.ok) {
      failure = { ...computed.error, symbol } as UniverseFeaturesError;
      return;
    }
    // One transaction per symbol: its features appear together or not at all.
    await store.write(async (writer) => {
      for (const feature of computed.value) {
        rows += await writer.writeFeature(symbol, request.timeframe, feature.name, time, feature.values);
        names.add(feature.name);
      }
    });
    request.onProgress?.(++done, symbols.length, symbol);
  });
  if (failure) return err(failure);
  return ok({ symbols: symbols.length, features: [...names].sort(), rows, durationMs: performance.now() - started });
}
