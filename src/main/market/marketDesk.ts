// Builds the simulated exchange's world: its instruments (the synthetic universe plus real symbols put on the desk),
// and a live feed that continues from the stored history.
import { createUniverse, FX_PAIRS, fxInstrument, SyntheticFeed, type SyntheticInstrument } from '../../core/market';
import type { Instrument } from '../../core/model/instrument';
import { InstrumentRegistry } from '../../core/model/instrumentRegistry';
import type { NodeInstrument } from '../../core/trading/tradingNode';
import type { MarketStore } from '../storage/market/marketStore';

export interface MarketDesk {
  /** The synthetic universe the feed drives. */
  readonly equities: readonly SyntheticInstrument[];
  /** Tradable on the simulated exchange: the one home of the desk's instruments, extended at run time. */
  readonly tradable: InstrumentRegistry<NodeInstrument>;
  /** Everything that has quotes: the tradable instruments and the FX pairs. */
  instruments(): Instrument[];
  readonly feed: SyntheticFeed;
}

/** `extra`: real symbols put on the desk earlier (read from the record before the journal replays). */
export async function openMarketDesk(store: MarketStore, seed: number, now: number, extra: readonly NodeInstrument[] = []): Promise<MarketDesk> {
  const equities = createUniverse(seed);
  const lastCloses = await store.lastCloses();
  const lastPrices = Object.fromEntries(Object.entries(lastCloses).map(([symbol, last]) => [symbol, last.close]));
  const feed = new SyntheticFeed({ seed, startTime: now, instruments: equities, lastPrices });
  const tradable = new InstrumentRegistry<NodeInstrument>([...equities, ...extra.filter((i) => !equities.some((e) => e.symbol === i.symbol))]);
  const fx = FX_PAIRS.map(fxInstrument);
  return { equities, tradable, instruments: () => [...tradable.all(), ...fx], feed };
}
