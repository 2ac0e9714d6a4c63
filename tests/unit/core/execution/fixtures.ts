// Shared fixtures for the execution tests: a trading core over a five-venue simulated market and a smart router on it.
import { ManualClock, SeededRandom, type Instrument, type Quote } from '../../../../src/core/model';
import { createTradingCore, MemoryJournal, type RiskLimit, type TradingCore } from '../../../../src/core/trading';
import { SimulatedMarket } from '../../../../src/core/execution/simulatedMarket';
import { SmartOrderRouter } from '../../../../src/core/execution/smartRouter';
import { DEFAULT_VENUE_PROFILES, type VenueProfile } from '../../../../src/core/execution/venueProfile';

export const XYZ: Instrument = { symbol: 'XYZ', name: 'XYZ', assetClass: 'EQUITY', currency: 'USD', exchange: 'SIM', sector: 'Tech', tickSize: 0.01, lotSize: 1, multiplier: 1 };

export function underlying(bid: number, ask: number, time: number, size = 500, volume = 0): Quote {
  return { symbol: 'XYZ', time, bid, ask, bidSize: size, askSize: size, last: (bid + ask) / 2, volume };
}

export interface Desk extends TradingCore {
  readonly clock: ManualClock;
  readonly journal: MemoryJournal;
  readonly market: SimulatedMarket;
  readonly sor: SmartOrderRouter;
  /** The underlying moves: venues, marks, the group commit, then the router looks at its resting children. */
  tick(q: Quote): void;
}

export function desk(options: { profiles?: readonly VenueProfile[]; limits?: RiskLimit[]; seed?: number; start?: number } = {}): Desk {
  const clock = new ManualClock(options.start ?? 1_000_000);
  const market = new SimulatedMarket({ profiles: options.profiles ?? DEFAULT_VENUE_PROFILES, instruments: [XYZ], clock, random: new SeededRandom(options.seed ?? 3) });
  const journal = new MemoryJournal();
  const core = createTradingCore({ account: 'U1', baseCurrency: 'USD', clock, journal, instruments: [XYZ], venues: market.venues, limits: options.limits ?? [], capital: 1e9 });
  const sor = new SmartOrderRouter({ oms: core.oms, venues: market, clock, instrument: core.instrument });
  return {
    ...core,
    clock,
    journal,
    market,
    sor,
    tick(q: Quote) {
      clock.set(Math.max(clock.now(), q.time));
      const stamped = { ...q, time: clock.now() };
      core.oms.onQuote(stamped);
      market.onQuote(stamped);
      core.oms.flush();
      sor.onMarket(q.symbol);
      core.oms.flush();
    },
  };
}

/** Zero-latency profiles (fills arrive inside the call), differing in spread, depth and fees. */
export const INSTANT_PROFILES: readonly VenueProfile[] = DEFAULT_VENUE_PROFILES.map((p) => ({ ...p, latencyMs: 0 }));
