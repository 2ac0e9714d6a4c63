// The universe batch: indicators for every symbol in the store, computed across the features engine's workers
// in parallel and written to the features table.
import type { Timeframe } from '../../core/model/marketData';
import { err, ok, type Result } from '../../core/model/result';
import { parseIndicatorSpecs, type ComputeError, type SpecError } from '../../core/indicators';
import { FeatureSlab } from '../../engines/features/featureSlab';
import type * as Comlink from 'comlink';
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
  const storeGroup = async (slab: FeatureSlab, engine: Comlink.Remote<FeaturesEngine>, group: readonly string[]) => {
    const bars = [];
    for (const symbol of group) bars.push(await store.readBars(symbol, request.timeframe));
    const computed = await slab.compute(engine, bars);
    for (const [k, symbol] of group.entries()) {
      const result = computed[k]!;
      if (!result.ok) {
        failure ??= { ...result.error, symbol } as UniverseFeaturesError;
        return;
      }
      const time = bars[k]!.time;
      // One transaction per symbol: its features appear together or not at all.
      await store.write(async (writer) => {
        for (const feature of result.value) {
          rows += await writer.writeFeature(symbol, request.timeframe, feature.name, time, feature.values);
          names.add(feature.name);
        }
      });
      request.onProgress?.(++done, symbols.length, symbol);
    }
  };
  // Slabs not in use. A task takes one and gives it back once its last write has settled: results are views on
  // the slab, never overwritten under a write, even when the pool gave up on a task whose engine died meanwhile.
  const idle: FeatureSlab[] = [];
  await runOnPool<FeaturesEngine, string[], void>(
    supervisor,
    supervisor.instancesOf('features'),
    await symbolGroups(store, request.timeframe, symbols),
    async (engine, group) => {
      if (failure) return;
      const slab = idle.pop() ?? newSlab(request.indicators);
      try {
        await storeGroup(slab, engine, group);
      } finally {
        idle.push(slab);
      }
    },
    { inFlight: 2 },
  );

  if (failure) return err(failure);
  return ok({ symbols: symbols.length, features: [...names].sort(), rows, durationMs: performance.now() - started });
}

function newSlab(indicators: string): FeatureSlab {
  const slab = FeatureSlab.forSpecs(indicators);
  if (!slab.ok) throw new Error(slab.error.message); // the specs were parsed before any work: cannot happen
  return slab.value;
}

/** Bars per call at most (unless one symbol alone has more): bounds a slab near 15 MB with 30 outputs. */
const GROUP_ROWS = 50_000;
const GROUP_SYMBOLS = 8;

/**
 * Symbols in groups for one engine call each: a round trip costs about as much as computing a symbol of daily
 * bars, so daily universes go 8 symbols a call, while long intraday series go alone.
 */
async function symbolGroups(store: MarketStore, timeframe: Timeframe, symbols: readonly string[]): Promise<string[][]> {
  const counts = new Map((await store.summary()).filter((s) => s.timeframe === timeframe).map((s) => [s.symbol, s.count]));
  const groups: string[][] = [];
  let group: string[] = [];
  let groupRows = 0;
  for (const symbol of symbols) {
    const count = counts.get(symbol) ?? 0;
    if (group.length > 0 && (group.length >= GROUP_SYMBOLS || groupRows + count > GROUP_ROWS)) {
      groups.push(group);
      group = [];
      groupRows = 0;
    }
    group.push(symbol);
    groupRows += count;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}
