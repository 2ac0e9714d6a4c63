// Builds the simulated exchange's world: its instruments, and a live feed that continues from the stored history.
import { createUniverse, FX_PAIRS, fxInstrument, SyntheticFeed, type SyntheticInstrument } from '../../core/market';
import type { Instrument } from '../../core/model/instrument';
import type { MarketStore } from '../storage/market/marketStore';

export interface MarketDesk {
  /** Tradable on the simulated exchange. */
  readonly equities: readonly SyntheticInstrument[];
  /** Equities and FX pairs: everything that has quotes. */
  readonly instruments: readonly Instrument[];
  readonly feed: SyntheticFeed;
}

export async function openMarketDesk(store: MarketStore, seed: number, now: number): Promise<MarketDesk> {
  const equities = createUniverse(seed);
  const lastCloses = await store.lastCloses();
  const lastPrices = Object.fromEntries(Object.entries(lastCloses).map(([symbol, last]) => [symbol, last.close]));
  const feed = new SyntheticFeed({ seed, startTime: now, instruments: equities, lastPrices });
  return { equities, instruments: [...equities, ...FX_PAIRS.map(fxInstrument)], feed };
}
