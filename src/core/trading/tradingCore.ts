// Assembles one account's trading core (FX, positions, risk, router, OMS) so the backend, backtests and tests wire it the same way.
import type { Clock } from '../model/clock';
import { ClientOrderIdSource, type AccountId } from '../model/ids';
import type { CurrencyCode, Instrument, Symbol } from '../model/instrument';
import { InstrumentRegistry } from '../model/instrumentRegistry';
import { FxRates } from './fxRates';
import type { JournalWriter } from './journal';
import { OrderManager } from './oms';
import { PositionKeeper } from './positions';
import { RiskBook } from './risk/riskBook';
import { PreTradeRisk } from './risk/preTradeRisk';
import type { RiskLimit } from './risk/limits';
import { ExecutionRouter } from './router';
import type { Venue } from './venue';

export interface TradingCoreOptions {
  readonly account: AccountId;
  readonly baseCurrency: CurrencyCode;
  readonly clock: Clock;
  readonly journal: JournalWriter;
  /** The desk's instruments: a registry shared with the host (extended at run time), or a fixed list. */
  readonly instruments: readonly Instrument[] | InstrumentRegistry;
  /** The first is the default route. */
  readonly venues: readonly Venue[];
  readonly limits?: readonly RiskLimit[];
  readonly capital?: number;
  /** The journal's highest client order sequence (0 for a fresh journal). */
  readonly highestOrderSequence?: number;
  readonly scheduleFlush?: (flush: () => void) => void;
  readonly ackTimeoutMs?: number;
}

export interface TradingCore {
  readonly oms: OrderManager;
  readonly risk: PreTradeRisk;
  readonly positions: PositionKeeper;
  readonly fx: FxRates;
  readonly router: ExecutionRouter;
  /** Where every symbol is looked up: positions, risk and the OMS all read it. */
  readonly instruments: InstrumentRegistry;
  readonly instrument: (symbol: Symbol) => Instrument | undefined;
  /** Registers an instrument learned at run time (a broker's contract details); an existing symbol is kept. */
  readonly addInstrument: (instrument: Instrument) => boolean;
}

export function createTradingCore(options: TradingCoreOptions): TradingCore {
  const instruments = options.instruments instanceof InstrumentRegistry ? options.instruments : new InstrumentRegistry(options.instruments);
  const instrument = (symbol: Symbol): Instrument | undefined => instruments.get(symbol);
  const fx = new FxRates(options.baseCurrency);
  const positions = new PositionKeeper(instrument, fx);
  const risk = new PreTradeRisk(new RiskBook(instrument, fx), positions);
  risk.setLimits(options.limits ?? []);
  risk.setCapital(options.capital ?? 0);
  const router = new ExecutionRouter();
  options.venues.forEach((venue, i) => router.addVenue(venue, i === 0));
  const oms = new OrderManager({
    account: options.account,
    clock: options.clock,
    journal: options.journal,
    router,
    risk,
    positions,
    ids: new ClientOrderIdSource(options.highestOrderSequence ?? 0),
    scheduleFlush: options.scheduleFlush,
    ackTimeoutMs: options.ackTimeoutMs,
  });
  const addInstrument = (added: Instrument): boolean => instruments.add(added);
  return { oms, risk, positions, fx, router, instruments, instrument, addInstrument };
}
