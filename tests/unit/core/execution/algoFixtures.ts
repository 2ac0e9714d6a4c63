// An algorithm desk on a simulated scheduler (as a backtest drives it) and a real price path to replay through it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SeededRandom, type Quote } from '../../../../src/core/model';
import { SimulatedScheduler } from '../../../../src/core/model/scheduler';
import { createTradingCore, MemoryJournal, type TradingCore } from '../../../../src/core/trading';
import { AlgoRunner } from '../../../../src/core/execution/algoRunner';
import { SimulatedMarket } from '../../../../src/core/execution/simulatedMarket';
import { SmartOrderRouter } from '../../../../src/core/execution/smartRouter';
import { DEFAULT_VENUE_PROFILES } from '../../../../src/core/execution/venueProfile';
import { XYZ } from './fixtures';

export const T0 = Date.UTC(2024, 0, 2, 14, 30);
export const MINUTE = 60_000;

/** DAX closes (EuStockMarkets, real), one a minute, scaled to a ~160 stock: the replayed underlying's mid. */
export const DAX_MIDS: number[] = readFileSync(fileURLToPath(new URL('../../../fixtures/real/EuStockMarkets.csv', import.meta.url)), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => Math.round(Number(line.split(',')[1]) * 10) / 100);

export interface AlgoDesk extends TradingCore {
  readonly scheduler: SimulatedScheduler;
  readonly market: SimulatedMarket;
  readonly sor: SmartOrderRouter;
  readonly algos: AlgoRunner;
  readonly journal: MemoryJournal;
  /** Session volume of the last quote. */
  volume: number;
  /**
   * Timers due before the quote run; the quote arrives (the venues first deliver what reached them meanwhile, against
   * the book it was sent on); the router reacts on the new book; then timers due at its time run on that book.
   */
  step(q: Quote): void;
}

export function algoDesk(): AlgoDesk {
  const scheduler = new SimulatedScheduler(T0 - MINUTE);
  const market = new SimulatedMarket({ profiles: DEFAULT_VENUE_PROFILES, instruments: [XYZ], clock: scheduler, random: new SeededRandom(5) });
  const journal = new MemoryJournal();
  const core = createTradingCore({ account: 'U1', baseCurrency: 'USD', clock: scheduler, journal, instruments: [XYZ], venues: market.venues, capital: 1e12 });
  const sor = new SmartOrderRouter({ oms: core.oms, venues: market, clock: scheduler, instrument: core.instrument, maxMessagesPerSecond: 1_000 });
  const d: AlgoDesk = {
    ...core,
    scheduler,
    market,
    sor,
    journal,
    volume: 0,
    algos: null as unknown as AlgoRunner,
    step(q: Quote) {
      scheduler.advanceTo(q.time - 1);
      core.oms.flush();
      d.volume = q.volume;
      core.oms.onQuote(q);
      market.onQuote(q);
      core.oms.flush();
      sor.onMarket(q.symbol);
      core.oms.flush();
      scheduler.advanceTo(q.time);
      core.oms.flush();
    },
  };
  (d as { algos: AlgoRunner }).algos = new AlgoRunner({ router: sor, venues: market, clock: scheduler, scheduler, instrument: core.instrument, sessionVolume: () => d.volume });
  return d;
}

/** The replay: a quote every `everyMs` along DAX_MIDS from `offset`, 2-tick spread, volume drawn from a seeded source. */
export function* replay(offset: number, count: number, everyMs: number, seed: number, size = 400): Generator<Quote> {
  const random = new SeededRandom(seed);
  let volume = 0;
  for (let i = 0; i < count; i++) {
    const mid = DAX_MIDS[(offset + i) % DAX_MIDS.length] as number;
    volume += 200 + Math.floor(random.next() * 2_000);
    const bid = Math.round((mid - 0.01) * 100) / 100;
    yield { symbol: 'XYZ', time: T0 + i * everyMs, bid, ask: Math.round((bid + 0.02) * 100) / 100, bidSize: size, askSize: size, last: mid, volume };
  }
}
