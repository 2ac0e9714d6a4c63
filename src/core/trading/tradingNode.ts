// The trading kernel: the trading core plus what makes it a trading system — FX from quotes, average daily volume,
// venue stepping and ack time-outs, the trading day and DAY expiry — on an injected clock and scheduler. The live
// host drives it with the wall clock and the SQLite journal; a backtest with a simulated clock and a memory journal.
// The execution desk (SMART orders and algorithms) is the node's too, so both hosts run the same algorithms.
import type { Clock, EpochMs } from '../model/clock';
import type { Scheduler, TimerId } from '../model/scheduler';
import type { CurrencyCode, Instrument, Symbol } from '../model/instrument';
import { InstrumentRegistry } from '../model/instrumentRegistry';
import type { Quote } from '../model/marketData';
import type { OrderRequest } from '../model/order';
import { rateToBase, type FxPairSpec } from '../market/fxRates';
import { nextSessionClose, nextSessionOpen } from '../market/sessionCalendar';
import { IB_FIXED_US_EQUITY, orderCommission, type CommissionSchedule } from './commission';
import type { JournalRecord } from './journal';
import { restoreFromJournal, type RestoreReport } from './recovery';
import type { LimitHeadroom } from './risk/limits';
import { LimitMonitor, type LimitMonitorOptions } from './risk/limitMonitor';
import type { RiskMeasures, RiskResult } from './risk/preTradeRisk';
import type { SimulatedExchange } from './simulatedExchange';
import { createTradingCore, type TradingCore, type TradingCoreOptions } from './tradingCore';
import type { ExecutionDesk } from '../execution/executionDesk';
import { createNodeExecution, type NodeExecutionOptions } from '../execution/nodeExecution';
import type { NodeVenueViews } from '../execution/nodeVenueViews';

/** An instrument as the node trades it: its exchange's time zone (for the session) and its average daily volume. */
export type NodeInstrument = Instrument & { readonly utcOffsetMinutes?: number; readonly averageDailyVolume?: number };

/** What the trading core is built from (see TradingCoreOptions), plus what makes it a trading system. */
export interface TradingNodeOptions extends TradingCoreOptions {
  readonly instruments: readonly NodeInstrument[] | InstrumentRegistry<NodeInstrument>;
  readonly scheduler: Scheduler;
  /**
   * The exchange the node simulates itself (steps it, ends its sessions): one simulated venue, or a market of several
   * fed from the same quotes; null when every venue is external.
   */
  readonly simulatedVenue: SimulatedExchange | null;
  /** Currency pairs whose quotes set the FX rates to the base currency. */
  readonly fxPairs?: readonly FxPairSpec[];
  /** UTC offset of the account's home exchange: the daily P&L resets at its session open. */
  readonly accountUtcOffsetMinutes: number;
  /** How often the simulated venue delivers messages whose latency has elapsed; null when its quotes step it. */
  readonly venuePollMs: number | null;
  /** How often requests without an answer are checked for the ack time-out; null when acks are synchronous. */
  readonly timeoutCheckMs: number | null;
  /** The schedule the preview estimates commissions with. */
  readonly commission?: CommissionSchedule;
  /** Watches the account limits and reports breaches; none when absent. */
  readonly monitor?: Omit<LimitMonitorOptions, 'risk' | 'clock' | 'scheduler' | 'engageReduceOnly'>;
  /** How the execution desk sees the venues (see NodeExecutionOptions); the simulated venue alone when absent. */
  readonly execution?: NodeExecutionOptions;
}

/** The ticket's preview: the verdict and the measures of one run of the same check `submit` makes. */
export interface OrderPreviewResult {
  readonly verdict: RiskResult;
  readonly measures: RiskMeasures | null;
  /** Each measurable limit with this order counted. */
  readonly headroom: readonly LimitHeadroom[];
  /** Notional in the instrument's currency, at the price risk valued the order at. */
  readonly notional: number | null;
  readonly currency: CurrencyCode | null;
  readonly commissionEstimate: number | null;
}

export class TradingNode {
  readonly core: TradingCore;
  private readonly fxBySymbol: Map<Symbol, FxPairSpec>;
  private readonly timers: TimerId[] = [];
  /** Symbols of the simulated venue, by their exchange's UTC offset: each group's DAY orders expire at its close. */
  private readonly symbolsByOffset = new Map<number, Symbol[]>();
  private dayTimer: TimerId | null = null;
  private started = false;
  /** The limit monitor, when the node was given a breach sink. */
  readonly monitor: LimitMonitor | null;
  /** SMART orders and execution algorithms over the node's venues, on its clock and scheduler (issue 18). */
  readonly execution: ExecutionDesk;
  private readonly venueViews: NodeVenueViews;

  constructor(private readonly options: TradingNodeOptions) {
    this.core = createTradingCore(options);
    const monitor = options.monitor
      ? new LimitMonitor({
          ...options.monitor,
          risk: this.core.risk,
          clock: options.clock,
          scheduler: options.scheduler,
          engageReduceOnly: (by) => void this.core.oms.setReduceOnly(true, by),
        })
      : null;
    this.monitor = monitor;
    // Fills and order changes move the book: the monitor looks at once (it ignores them until started).
    if (monitor) {
      this.core.oms.subscribe((event) => {
        if (event.kind === 'FILL' || event.kind === 'FILL_AMENDED' || event.kind === 'ORDER_UPDATED') monitor.onBookChange();
      });
    }
    const execution = createNodeExecution(
      {
        oms: this.core.oms,
        clock: options.clock,
        scheduler: options.scheduler,
        instrument: this.core.instrument,
        simulatedVenue: options.simulatedVenue,
        flushAfterTimer: () => this.flush(),
      },
      options.execution,
    );
    this.execution = execution.desk;
    this.venueViews = execution.views;
    this.fxBySymbol = new Map((options.fxPairs ?? []).map((pair) => [pair.symbol, pair]));
    const instruments = options.instruments instanceof InstrumentRegistry ? options.instruments.all() : options.instruments;
    for (const instrument of instruments) this.register(instrument);
  }

  /**
   * Puts an instrument learned at run time (a stored real symbol) on the desk: risk, positions and the OMS know it, its
   * average daily volume feeds the ADV limits, its DAY orders expire at its exchange's close and, with `simulated`,
   * the simulated exchange lists it. False when the symbol is on the desk already (nothing changes then).
   */
  addInstrument(instrument: NodeInstrument, venues: { readonly simulated: boolean }): boolean {
    if (!this.core.addInstrument(instrument)) return false;
    const newOffset = this.register(instrument);
    const venue = this.options.simulatedVenue;
    if (venues.simulated && venue) {
      venue.addInstrument(instrument);
      // An exchange time zone the node had no session close for yet: its group needs its own timer.
      if (this.started && newOffset !== null) this.scheduleSessionClose(venue, newOffset, this.symbolsByOffset.get(newOffset)!);
    }
    return true;
  }

  /** ADV and the session group of one instrument; the offset when it started a new group. */
  private register(instrument: NodeInstrument): number | null {
    if (instrument.averageDailyVolume !== undefined) this.core.risk.book.setAverageDailyVolume(instrument.symbol, instrument.averageDailyVolume);
    if (this.fxBySymbol.has(instrument.symbol)) return null;
    const offset = instrument.utcOffsetMinutes ?? this.options.accountUtcOffsetMinutes;
    const group = this.symbolsByOffset.get(offset);
    if (group) {
      group.push(instrument.symbol);
      return null;
    }
    this.symbolsByOffset.set(offset, [instrument.symbol]);
    return offset;
  }

  get clock(): Clock {
    return this.options.clock;
  }

  /**
   * Rebuilds orders, positions and risk from the journal. The trading day follows the records' own times: the
   * daily P&L resets at each session open crossed, so after a restart the daily-loss limit measures today only.
   */
  restore(records: Iterable<JournalRecord>): RestoreReport {
    const offset = this.options.accountUtcOffsetMinutes;
    const risk = this.core.risk;
    let nextOpen = -Infinity;
    const dated = (function* (): Generator<JournalRecord> {
      for (const record of records) {
        if (record.time >= nextOpen) {
          risk.startDay();
          nextOpen = nextSessionOpen(record.time, offset);
        }
        yield record;
      }
    })();
    const report = restoreFromJournal(this.core.oms, dated);
    if (this.options.clock.now() >= nextOpen) risk.startDay();
    return report;
  }

  /** Starts the node's timers: venue stepping, ack time-outs, the trading day and DAY expiry. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const { scheduler, simulatedVenue, venuePollMs, timeoutCheckMs } = this.options;
    if (simulatedVenue && venuePollMs !== null) this.timers.push(scheduler.every(venuePollMs, () => simulatedVenue.poll()));
    if (timeoutCheckMs !== null) this.timers.push(scheduler.every(timeoutCheckMs, () => this.core.oms.checkTimeouts()));
    this.scheduleDayStart();
    if (simulatedVenue) for (const [offset, symbols] of this.symbolsByOffset) this.scheduleSessionClose(simulatedVenue, offset, symbols);
    this.monitor?.start();
  }

  stop(): void {
    this.monitor?.stop();
    for (const id of this.timers) this.options.scheduler.cancel(id);
    this.timers.length = 0;
    if (this.dayTimer !== null) this.options.scheduler.cancel(this.dayTimer);
    this.dayTimer = null;
    this.started = false;
    this.core.oms.flush();
  }

  /**
   * Every quote: an FX pair's sets the rate to the base currency; any other matches at the venue and marks. Then the
   * execution desk sees it: resting children are re-routed where they should be, waiting quantity is routed.
   * `freshLiquidity` false: a later price of the same bar, whose liquidity was partly taken (backtests).
   */
  onQuote(quote: Quote, freshLiquidity = true): void {
    if (!this.setFxRate(quote)) {
      this.options.simulatedVenue?.onQuote(quote, freshLiquidity);
      this.core.oms.onQuote(quote);
      this.monitor?.onQuote();
    }
    this.venueViews.onQuote(quote);
    this.execution.onQuote(quote.symbol);
  }

  /**
   * A price that marks positions and moves risk's reference but does not reach the simulated venue (a backtest's
   * close when the venue has nothing working there and the market shuts right after: the venue sees the shut quote).
   */
  mark(quote: Quote): void {
    if (this.setFxRate(quote)) return;
    this.core.oms.onQuote(quote);
    this.monitor?.onQuote();
    // The desk's mid follows the mark (arrival prices, TCA); nothing is routed on a price the venue never showed.
    this.venueViews.onQuote(quote);
  }

  /** An FX pair's quote sets the rate to the base currency; true when the quote was one. */
  private setFxRate(quote: Quote): boolean {
    if (this.fxBySymbol.size === 0) return false;
    const pair = this.fxBySymbol.get(quote.symbol);
    if (!pair) return false;
    const rate = rateToBase(pair, quote, this.options.baseCurrency);
    if (rate) this.core.fx.set(rate[0], rate[1]);
    return true;
  }

  /** The group commit, then the queued requests go to their venues (drivers without scheduleFlush call this). */
  flush(): void {
    this.core.oms.flush();
  }

  preview(request: OrderRequest): OrderPreviewResult {
    const { verdict, measures, headroom } = this.core.risk.preview(request, this.options.clock.now());
    const instrument = this.core.instrument(request.symbol);
    const notional = instrument && measures ? measures.price * request.quantity * instrument.multiplier : null;
    const schedule = this.options.commission ?? IB_FIXED_US_EQUITY;
    return {
      verdict,
      measures,
      headroom,
      notional,
      currency: instrument?.currency ?? null,
      commissionEstimate: notional === null ? null : orderCommission(schedule, request.quantity, notional),
    };
  }

  private scheduleDayStart(): void {
    const at = nextSessionOpen(this.options.clock.now(), this.options.accountUtcOffsetMinutes);
    this.dayTimer = this.options.scheduler.at(at, () => {
      this.core.risk.startDay();
      this.scheduleDayStart();
    });
  }

  private scheduleSessionClose(venue: SimulatedExchange, offset: number, symbols: readonly Symbol[]): void {
    const at: EpochMs = nextSessionClose(this.options.clock.now(), offset);
    const id = this.options.scheduler.at(at, () => {
      const i = this.timers.indexOf(id);
      if (i >= 0) this.timers.splice(i, 1);
      venue.endSession(symbols);
      this.scheduleSessionClose(venue, offset, symbols);
    });
    this.timers.push(id);
  }
}
