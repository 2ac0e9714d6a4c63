// Puts stored real symbols on the desk: checks the store, records the instrument, lists it on the simulated exchange
// (marked around its last stored close), and gives IB its STK SMART contract in the symbol's currency.
import type { Contract } from '@stoqey/ib';
import { markQuote, type RealInstrument, type RealInstrumentError } from '../../../core/data/realInstrument';
import type { InstrumentRegistry } from '../../../core/model/instrumentRegistry';
import type { Quote } from '../../../core/model/marketData';
import { ok, type Result } from '../../../core/model/result';
import type { NodeInstrument, TradingNode } from '../../../core/trading/tradingNode';
import type { MarketStore } from '../../storage/market/marketStore';
import { stockContract } from '../../venues/ib/orderMapping';
import type { RealInstrumentStore } from './realInstrumentStore';
import { readStoredSymbol, storedRealInstrument } from './storedSymbol';

export interface RealSymbolDeskOptions {
  readonly store: MarketStore;
  readonly records: RealInstrumentStore;
  /** The desk's instruments (the trading core's registry). */
  readonly instruments: InstrumentRegistry<NodeInstrument>;
  readonly node: Pick<TradingNode, 'addInstrument'>;
  /** Every mark: into the trading core (matching, marking) and onto the bus. */
  readonly publish: (quote: Quote) => void;
  /** IB's contract for a symbol (the workstation's IbService). */
  readonly setIbContract: (symbol: string, contract: Contract) => void;
  readonly now: () => number;
  readonly log: (level: 'info' | 'warn', message: string) => void;
  /** True while a broker streams live quotes for the symbol (IB watches it): the stored close then no longer marks it. */
  readonly hasLiveQuotes?: (symbol: string) => boolean;
  /** How often each mark is quoted again (fresh liquidity, the current time). Default 1 s. */
  readonly markIntervalMs?: number;
}

/** IB's contract for a real symbol: a stock routed SMART in the currency the provider quoted it in. */
export const realSymbolContract = (instrument: RealInstrument): Contract => stockContract(instrument.symbol, instrument.currency, 'SMART');

export class RealSymbolDesk {
  /** Enabled symbols and the close they are marked at. */
  private readonly marks = new Map<string, { instrument: RealInstrument; close: number }>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: RealSymbolDeskOptions) {}

  /** Real instruments recorded earlier (already in the registry, added before the journal replayed): marked again from the store. */
  async restore(recorded: readonly RealInstrument[]): Promise<void> {
    for (const instrument of recorded) {
      this.options.setIbContract(instrument.symbol, realSymbolContract(instrument));
      const stored = await readStoredSymbol(this.options.store, instrument.symbol);
      if (!stored) {
        this.options.log('warn', `${instrument.symbol} is on the desk but its stored bars are gone: no simulated quote until they are fetched again`);
        continue;
      }
      this.marks.set(instrument.symbol, { instrument, close: stored.lastClose });
    }
    this.quoteAll();
  }

  async enable(requested: string): Promise<Result<RealInstrument, RealInstrumentError>> {
    const symbol = requested.trim().toUpperCase();
    const marked = this.marks.get(symbol);
    if (marked) return ok(marked.instrument);
    const built = await storedRealInstrument(this.options.store, symbol, (s) => this.options.instruments.has(s));
    if (!built.ok) return built;
    const { instrument, lastClose } = built.value;
    // Recorded first: an order placed right after must find its instrument again when the journal replays.
    this.options.records.add(instrument);
    this.options.node.addInstrument(instrument, { simulated: true });
    this.options.setIbContract(symbol, realSymbolContract(instrument));
    this.marks.set(symbol, { instrument, close: lastClose });
    this.quote(symbol);
    this.options.log('info', `${symbol} (${instrument.currency}, ${instrument.exchange}) is tradable: simulated quotes around its last stored close ${lastClose}`);
    return ok(instrument);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.quoteAll(), this.options.markIntervalMs ?? 1_000);
    this.timer.unref?.();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private quoteAll(): void {
    for (const symbol of this.marks.keys()) this.quote(symbol);
  }

  private quote(symbol: string): void {
    const mark = this.marks.get(symbol);
    if (!mark || this.options.hasLiveQuotes?.(symbol)) return;
    this.options.publish(markQuote(mark.instrument, mark.close, this.options.now()));
  }
}
