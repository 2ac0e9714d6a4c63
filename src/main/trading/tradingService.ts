// The live driver of the trading node: the wall clock, timers, the SQLite journal and the bus. The node (core)
// owns the trading system itself; this file only connects it to the host.
import { SeededRandom, type Clock } from '../../core/model/clock';
import { EXCHANGES, FX_PAIRS } from '../../core/market';
import type { InstrumentRegistry } from '../../core/model/instrumentRegistry';
import type { Fill } from '../../core/model/fill';
import type { Quote } from '../../core/model/marketData';
import { reconcile, type RestoreReport } from '../../core/trading/recovery';
import type { SimulatedVenue } from '../../core/trading/simulatedVenue';
import { SimulatedMarket } from '../../core/execution/simulatedMarket';
import { DEFAULT_VENUE_PROFILES } from '../../core/execution/venueProfile';
import type { TradingCore } from '../../core/trading/tradingCore';
import { TradingNode, type NodeInstrument } from '../../core/trading/tradingNode';
import type { Venue } from '../../core/trading/venue';
import type { MessageBus } from '../bus/messageBus';
import type { SqliteDatabase } from '../storage/sqlite/database';
import type { SqliteJournal } from '../storage/journal/sqliteJournal';
import type { SystemLog } from '../systemLog';
import { BASE_CURRENCY, DEFAULT_CAPITAL, DEFAULT_LIMITS } from './defaultLimits';
import { LimitStore } from './limitStore';
import { BreachStore } from './breachStore';
import { breachSink } from './breachSink';
import type { VenueAudit } from './venueAudit';
import { WallScheduler } from './wallScheduler';
import type { ExecutionDesk } from '../../core/execution/executionDesk';
import { VenueStatsStore } from './venueStatsStore';
import { tcaParentOf } from '../../core/execution/tcaSource';
import { TcaLog, type TcaLogError } from './tcaLog';
import type { TcaParent } from '../../core/execution/tca';
import { ok, type Result } from '../../core/model/result';
import { ParentStore } from './parentStore';
import type { ClientOrderId } from '../../core/model/ids';
import type { RestoredParent } from '../../core/execution/executionDesk';

export const SIM_ACCOUNT = 'SIM-PAPER';
const MAX_FILLS_KEPT = 100_000;
/** The account's trading day follows its base currency's home exchange. */
const ACCOUNT_UTC_OFFSET_MINUTES = (EXCHANGES.NYSE as { utcOffsetMinutes: number }).utcOffsetMinutes;

export interface TradingServiceOptions {
  readonly db: SqliteDatabase;
  /** The order journal over the same database. */
  readonly journal: SqliteJournal;
  readonly bus: MessageBus;
  readonly log: SystemLog;
  readonly clock: Clock;
  /** The desk's instruments, listed on the simulated market's venues; shared, so real symbols added later trade too. */
  readonly instruments: InstrumentRegistry<NodeInstrument>;
  readonly randomSeed: number;
  readonly audit?: VenueAudit;
  /** Other venues (IB), routed to when the trader chooses or by SMART; the simulated market's primary venue stays the default. */
  readonly extraVenues?: readonly Venue[];
  /** How often limits' utilization is published, at most. */
  readonly limitsIntervalMs?: number;
  /** How often the limit monitor recomputes every measure (default 5 s). */
  readonly monitorIntervalMs?: number;
  /** Where finished execution parents' TCA inputs are appended (see TcaLog); none kept when absent. */
  readonly tcaLogFile?: string;
}

export class TradingService {
  readonly node: TradingNode;
  readonly core: TradingCore;
  /** The simulated market: five venues (DEFAULT_VENUE_PROFILES) with their own books on the one live price process. */
  readonly market: SimulatedMarket;
  /** The market's primary venue (SIM): where plain orders go by default and paper strategies trade. */
  readonly venue: SimulatedVenue;
  readonly journal: SqliteJournal;
  readonly limits: LimitStore;
  readonly breaches: BreachStore;
  readonly restored: RestoreReport;
  /** The wall-clock scheduler the node runs on (strategies set their timers here too). */
  readonly scheduler: WallScheduler;
  /** SMART orders and execution algorithms over the same venues (issue 18): the node's desk. */
  readonly execution: ExecutionDesk;
  private readonly venueStats: VenueStatsStore;
  private readonly parentStore: ParentStore;
  private readonly tcaLog: TcaLog | null;
  /** Parents changed since the last save: written together once per turn of the event loop, like the journal's group commit. */
  private readonly parentsDirty = new Set<ClientOrderId>();
  private stopped = false;
  /** What became of each working parent saved by the last session (see ExecutionDesk.restore). */
  restoredParents: readonly RestoredParent[] = [];
  private limitsTimer: ReturnType<typeof setInterval> | undefined;
  private limitsDirty = false;
  /** The most recent fills, oldest first. */
  readonly fills: Fill[] = [];
  /** Why the journal refused a write, once it has (trading stays stopped until a restart); null while it is sound. */
  journalFailure: string | null = null;

  constructor(private readonly options: TradingServiceOptions) {
    const { clock, instruments } = options;
    this.journal = options.journal;
    this.limits = new LimitStore(options.db);
    this.breaches = new BreachStore(options.db);
    this.scheduler = new WallScheduler(clock);
    this.market = new SimulatedMarket({ profiles: DEFAULT_VENUE_PROFILES, instruments: instruments.all(), clock, random: new SeededRandom(options.randomSeed) });
    this.venue = this.market.venues[0]!;
    // Each venue once, audited when asked: the OMS sends through these and the router sees their state through them.
    const simulated = this.market.viewedVenues().map((viewed) => ({ ...viewed, venue: options.audit ? options.audit.wrap(viewed.venue) : viewed.venue }));
    this.venueStats = new VenueStatsStore(options.db);
    // Per-share cost the router weighs for IB: its fixed schedule. The simulated venues show their profiles' own.
    const perShare = 0.005;
    this.node = new TradingNode({
      account: SIM_ACCOUNT,
      baseCurrency: BASE_CURRENCY,
      clock,
      scheduler: this.scheduler,
      journal: this.journal,
      instruments,
      simulatedVenue: this.market,
      venues: [...simulated.map((v) => v.venue), ...(options.extraVenues ?? [])],
      limits: this.limits.load(DEFAULT_LIMITS),
      capital: DEFAULT_CAPITAL,
      highestOrderSequence: this.journal.highestOrderSequence(),
      // Group commit: everything that arrives in one turn of the event loop shares one fsync.
      scheduleFlush: (flush) => setImmediate(flush),
      ackTimeoutMs: 5_000,
      fxPairs: FX_PAIRS,
      accountUtcOffsetMinutes: ACCOUNT_UTC_OFFSET_MINUTES,
      venuePollMs: 5,
      timeoutCheckMs: 1_000,
      monitor: {
        sink: breachSink(this.breaches, options.bus, options.log),
        openBreaches: this.breaches.open(),
        ...(options.monitorIntervalMs ? { intervalMs: options.monitorIntervalMs } : {}),
      },
      execution: {
        venues: [
          ...simulated,
          ...(options.extraVenues ?? []).map((extra) => ({ venue: extra, takerFeePerShare: perShare, makerFeePerShare: perShare, latencyMs: 50, fillProbability: 0.5 })),
        ],
        stats: this.venueStats.load(),
      },
    });
    this.core = this.node.core;
    this.execution = this.node.execution;
    // What the router learned is saved as each parent finishes (and at stop), so a restart routes as well as before.
    const tcaLog = (this.tcaLog = options.tcaLogFile ? new TcaLog(options.tcaLogFile) : null);
    const logged = new Set<string>();
    this.execution.router.subscribe((parent) => {
      if (!this.execution.router.settled(parent.id) || logged.has(parent.id)) return;
      logged.add(parent.id);
      this.venueStats.save(this.execution.router.stats);
      const tca = tcaLog && parent.filled > 0 ? tcaParentOf(this.execution.router, this.core.instrument, parent.id) : undefined;
      if (tca) tcaLog?.append(tca);
    });
    // Collected before the replay, so the fills of earlier sessions are listed too.
    this.core.oms.subscribe((event) => {
      if (event.kind === 'FILL_AMENDED') {
        const i = this.fills.lastIndexOf(event.previous);
        if (i >= 0) this.fills[i] = event.fill;
        return;
      }
      if (event.kind !== 'FILL') return;
      this.fills.push(event.fill);
      if (this.fills.length > MAX_FILLS_KEPT) this.fills.splice(0, this.fills.length - MAX_FILLS_KEPT);
    });
    this.restored = this.node.restore(this.journal.records());
    this.core.oms.flush();
    // Every change of a parent is saved (see saveParents); working ones come back in start().
    this.parentStore = new ParentStore(options.db);
    this.execution.router.subscribe((parent) => {
      if (this.parentsDirty.size === 0) setImmediate(() => this.saveParents());
      this.parentsDirty.add(parent.id);
    });
    this.publishEvents();
  }

  /** After a restart: settle what the journal left Unknown against the venue, then start the node's timers. */
  async start(): Promise<void> {
    const { log } = this.options;
    if (this.restored.unknown.length > 0 || this.core.oms.workingOrders().length > 0) {
      // Only the simulated venues can answer now (each forgot its orders with the process: what was working there is
      // cancelled, and a parent's share of it routed again); other venues reconcile when they connect.
      const report = await reconcile(this.core.oms, this.market.venues.map((v) => v.name));
      log.info('trading', `reconciled after restart: ${JSON.stringify(report)}`);
    }
    // Working parents come back once the journal is settled against the venue: their fills are the sums of their
    // children's, and a cancel they owe their children goes to orders the venue has answered for.
    this.restoredParents = this.execution.restore(this.parentStore.unfinished(), (id) => this.core.oms.order(id));
    for (const r of this.restoredParents) {
      const why = r.outcome === 'WINDOW_ENDED' ? 'its window ended while the workstation was down; ending it and cancelling its children' : r.outcome === 'DONE' ? 'done by its children\'s fills' : 'working again';
      log.info('trading', `restored execution parent ${r.parentId} (${r.status}, ${r.filled} filled): ${why}`);
    }
    this.node.start();
    this.limitsTimer = setInterval(() => this.publishLimits(), this.options.limitsIntervalMs ?? 250);
    this.limitsTimer.unref?.();
  }

  /** Every quote of the live market: FX feeds the base-currency rates; equities mark, match and move risk's reference. */
  onQuote(quote: Quote): void {
    // The node's desk sees it too (re-routes resting children).
    this.node.onQuote(quote);
    this.limitsDirty = true;
  }

  stop(): void {
    clearInterval(this.limitsTimer);
    // The last group commit (the node's stop flushes); after a journal failure it writes nothing (see CommitGate).
    this.node.stop();
    this.venueStats.save(this.execution.router.stats);
    this.saveParents();
    this.stopped = true;
    this.scheduler.cancelAll();
    this.options.audit?.close();
  }

  /** TCA inputs of every parent with fills: finished ones from the TCA log (earlier sessions too), this session's from the desk. */
  tcaParents(): Result<TcaParent[], TcaLogError> {
    const logged = this.tcaLog?.read() ?? ok<TcaParent[]>([]);
    if (!logged.ok) return logged;
    const byId = new Map(logged.value.map((p) => [p.parentId, p]));
    for (const parent of this.execution.router.parents()) {
      const tca = tcaParentOf(this.execution.router, this.core.instrument, parent.id);
      if (tca && tca.fills.length > 0) byId.set(tca.parentId, tca);
    }
    return ok([...byId.values()].sort((a, b) => a.createdAt - b.createdAt));
  }

  private saveParents(): void {
    // After stop the database may be closed: the last save was stop's own.
    if (this.parentsDirty.size === 0 || this.stopped) return;
    const records = [...this.parentsDirty].flatMap((id) => this.execution.record(id) ?? []);
    this.parentsDirty.clear();
    this.parentStore.save(records, this.options.clock.now());
  }

  private publishEvents(): void {
    const { bus, log } = this.options;
    this.core.oms.subscribe((event) => {
      switch (event.kind) {
        case 'ORDER_UPDATED':
          // A snapshot taken when the order changed, released after the commit that holds the change.
          bus.publish('trading.orders', event.order);
          break;
        case 'FILL':
          bus.publish('trading.fills', { fill: event.fill, position: event.position });
          bus.publish('trading.positions', event.position);
          break;
        case 'FILL_AMENDED':
          // A late commission: the order (its own event) and the position carry the correction.
          bus.publish('trading.positions', event.position);
          break;
        case 'TRADING_HALT':
          bus.publish('trading.status', this.core.risk.killSwitch.status());
          log.warn('risk', `${event.killSwitch ? 'kill switch engaged' : event.reduceOnly ? 'reduce-only on' : 'trading re-enabled'} by ${event.by}: ${event.reason}`);
          break;
        case 'ANOMALY':
          log.error('trading', `${event.anomaly} on ${event.clientOrderId}: ${event.detail}`);
          break;
        case 'NOTICE':
          log.info('trading', `${event.clientOrderId}: ${event.message}`);
          break;
        case 'JOURNAL_FAILED':
          this.journalFailure = event.message;
          log.error('trading', `trading stopped: ${event.message}; restart to resume from the journal`);
          break;
        default:
          return event satisfies never;
      }
      this.limitsDirty = true;
    });
  }

  private publishLimits(): void {
    if (!this.limitsDirty) return;
    this.limitsDirty = false;
    this.options.bus.publish('risk.limits', this.core.risk.utilization(this.options.clock.now()));
  }
}
