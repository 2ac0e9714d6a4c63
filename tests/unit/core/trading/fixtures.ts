// Shared test fixtures: instruments, quotes and a fully wired trading core over the simulated exchange.
import { ManualClock, SeededRandom, type Instrument, type Quote } from '../../../../src/core/model';
import {
  createTradingCore,
  MemoryJournal,
  SimulatedVenue,
  type FillModelConfig,
  type RiskLimit,
  type CommissionSchedule,
  type JournalWriter,
  type TradingCore,
  type DepthModel,
} from '../../../../src/core/trading';

const equity = (symbol: string, sector: string, currency = 'USD'): Instrument => ({
  symbol,
  name: symbol,
  assetClass: 'EQUITY',
  currency,
  exchange: 'SIM',
  sector,
  tickSize: 0.01,
  lotSize: 1,
  multiplier: 1,
});

export const AAPL = equity('AAPL', 'Technology');
export const MSFT = equity('MSFT', 'Technology');
export const XOM = equity('XOM', 'Energy');
export const SAP = equity('SAP', 'Technology', 'EUR');
export const ES: Instrument = { ...equity('ES', 'Index'), assetClass: 'FUTURE', tickSize: 0.25, multiplier: 50 };
export const INSTRUMENTS = [AAPL, MSFT, XOM, SAP, ES];

export function quote(symbol: string, bid: number, ask: number, time = 0, size = 1_000): Quote {
  return { symbol, time, bid, ask, bidSize: size, askSize: size, last: (bid + ask) / 2, volume: 0 };
}

export interface Harness extends TradingCore {
  readonly clock: ManualClock;
  readonly venue: SimulatedVenue;
  readonly journal: MemoryJournal;
  /** Feeds a quote to the venue and the OMS, then flushes. */
  tick(q: Quote): void;
}

export interface HarnessOptions {
  limits?: RiskLimit[];
  fillModel?: FillModelConfig;
  depth?: DepthModel;
  commission?: CommissionSchedule;
  seed?: number;
  capital?: number;
  journal?: JournalWriter;
  highestOrderSequence?: number;
  venue?: SimulatedVenue;
  clock?: ManualClock;
  scheduleFlush?: (flush: () => void) => void;
}

export function harness(options: HarnessOptions = {}): Harness {
  const clock = options.clock ?? new ManualClock(1_000_000);
  const venue =
    options.venue ??
    new SimulatedVenue({
      instruments: INSTRUMENTS,
      clock,
      random: new SeededRandom(options.seed ?? 7),
      fillModel: options.fillModel,
      depth: options.depth,
      commission: options.commission ?? { kind: 'NONE', currency: 'USD' },
    });
  const journal = (options.journal as MemoryJournal | undefined) ?? new MemoryJournal();
  const core = createTradingCore({
    account: 'U1',
    baseCurrency: 'USD',
    clock,
    journal,
    instruments: INSTRUMENTS,
    venues: [venue],
    limits: options.limits ?? [],
    capital: options.capital ?? 1_000_000,
    highestOrderSequence: options.highestOrderSequence,
    scheduleFlush: options.scheduleFlush,
  });
  core.fx.set('EUR', 1.1);
  return {
    ...core,
    clock,
    venue,
    journal,
    tick(input: Quote) {
      // Fixture quotes carry small relative times; the clock never runs backwards.
      const q = { ...input, time: Math.max(clock.now(), input.time) };
      clock.set(q.time);
      core.oms.onQuote(q);
      venue.onQuote(q);
      core.oms.flush();
    },
  };
}

/** Unwraps an ok Result or fails the test with the error. */
export function must<T, E>(result: { ok: true; value: T } | { ok: false; error: E }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}
